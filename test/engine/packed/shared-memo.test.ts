import { describe, expect, it } from 'vitest';
import { Expander } from '../../../engine/packed/expander.ts';
import { SharedActionIds } from '../../../engine/parallel/shared-action-ids.ts';
import { SharedMemo } from '../../../engine/packed/shared-memo.ts';
import { SharedSlotTable } from '../../../engine/parallel/shared-slot-table.ts';
import { defaultParams, designById, initialWorld, step, type Design } from '../../../model/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('SharedMemo', () => {
  it('answers a lookup from another instance over the same buffers, keyed by the parts the run read', () => {
    const buffers = SharedMemo.buffers();
    const writer = new SharedMemo(buffers);
    const reader = new SharedMemo(buffers);
    // Tree 3 read position 2, then position 0, of the world [7, 8, 9].
    writer.insert(3, [7, 8, 9], [2, 0], bytes(1, 2, 3));
    expect(reader.lookup(3, [7, 8, 9])).toEqual({ reads: [2, 0], leaf: bytes(1, 2, 3) });
    expect(reader.lookup(3, [7, 100, 9]), 'a part never read does not matter').toEqual({ reads: [2, 0], leaf: bytes(1, 2, 3) });
    expect(reader.lookup(3, [6, 8, 9]), 'a part read does').toBeNull();
    expect(reader.lookup(4, [7, 8, 9]), 'another tree').toBeNull();
    writer.insert(3, [6, 8, 9], [2, 0], bytes(4));
    expect(reader.lookup(3, [6, 8, 9])).toEqual({ reads: [2, 0], leaf: bytes(4) });
  });

  it('refuses a run that read another position where the tree says it reads one: the function was not pure', () => {
    const memo = new SharedMemo(SharedMemo.buffers());
    memo.insert(0, [1, 2], [0, 1], bytes(1));
    expect(() => memo.insert(0, [1, 2], [1], bytes(2))).toThrow(/read part 1 where it once read 0: it is not pure/);
  });

  it('lets a second expander take the steps a first one computed, with the same successors and verdicts', () => {
    const design = designById('tock-2.2')!;
    const params = { ...defaultParams('cortex-m'), clients: 2, buffers: 2 };
    const root = initialWorld(params);
    let computed = 0;
    const counting: Design = {
      ...design,
      enabledAt: (world, index) => (computed++, design.enabledAt(world, index)),
      rules: {
        ...design.rules,
        actions: Object.fromEntries(Object.entries(design.rules.actions!).map(([name, effect]) => [name, (s, a) => (computed++, effect(s, a))])),
      },
    };
    const slots = SharedSlotTable.buffers();
    const actions = SharedActionIds.buffers();
    const memo = SharedMemo.buffers();
    const expanderIn = () => {
      const table = new SharedSlotTable(root.processes, slots);
      const found: string[] = [];
      const expander = new Expander(
        { design: counting, params, properties: PROPERTIES, table, actionIds: new SharedActionIds(actions), canonical: null, width: 3, shared: new SharedMemo(memo) },
        (p, _action, violation) => found.push(`${PROPERTIES[p]!.id}: ${violation.message}`),
      );
      return { table, expander, found };
    };
    const first = expanderIn();
    const second = expanderIn();
    // A world two steps in, with a null upcall queued at #0, which never subscribed: its discard, a delivery violation, on offer.
    const notified = step(design, root, { type: 'notify', by: 1, to: 0, kind: 'service' }).world;
    const world = step(design, notified, { type: 'deliver', process: 0 }).world;
    const tuple = Int32Array.from(world.processes.map((slot, i) => first.table.idOf(i, slot)));
    first.expander.expand(tuple);
    const before = computed;
    second.expander.expand(tuple);
    expect(computed, 'the second expander ran no xstate step').toBe(before);
    const successors = (e: Expander) => Array.from(e.batch.subarray(0, e.pending * 3));
    expect(successors(second.expander)).toEqual(successors(first.expander));
    expect(second.expander.batchActions.slice(0, second.expander.pending)).toEqual(first.expander.batchActions.slice(0, first.expander.pending));
    expect(second.found).toEqual(first.found);
    expect(first.expander.pending).toBeGreaterThan(0);
    expect(first.found.join('\n')).toMatch(/^delivery: /m);
  });
});
