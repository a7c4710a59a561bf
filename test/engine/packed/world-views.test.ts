import { describe, expect, it } from 'vitest';
import { packWorld, SlotTable, PART_COUNT, PARTS } from '../../../engine/packed/slot-table.ts';
import { WorldViews } from '../../../engine/packed/world-views.ts';
import { defaultParams, initialWorld, type ProcessSlot, type World } from '../../../model/index.ts';

const params = { ...defaultParams('abstract'), clients: 1, buffers: 1 };
const table = new SlotTable();
const views = new WorldViews(params, table);
const root = initialWorld(params);
const ids = packWorld(table, root);
/** The world column's position: past the slots' parts. */
const worldPart = root.processes.length * PART_COUNT;
const at = (slot: number, part: (typeof PARTS)[number]) => slot * PART_COUNT + PARTS.indexOf(part);

/** The reads and part writes of `f` run on the tracked initial world. */
function traced(f: (world: World) => World): { reads: number[]; writes: number[] } {
  const reads: number[] = [];
  const world = f(views.tracked(ids, reads));
  const writes: number[] = [];
  views.writesOf(world, ids, reads, writes);
  return { reads, writes };
}

describe('WorldViews', () => {
  it('records a read of each part looked into, once, in order, and nothing for name and memory', () => {
    const { reads } = traced((w) => {
      void w.processes[1]!.name, w.processes[1]!.memory, w.processes[1]!.tasks, w.processes[0]!.app, w.processes[1]!.tasks;
      return w;
    });
    expect(reads).toEqual([at(1, 'tasks'), at(0, 'app')]);
  });

  it('treats a copied slot as no read and no write, and writes only the part replaced', () => {
    const grant = { allows: [null, null], upcalls: [true, false] };
    const { reads, writes } = traced((w) => ({ ...w, processes: [w.processes[0]!, { ...w.processes[1]!, grant } as ProcessSlot] }));
    expect(reads).toEqual([]);
    expect(writes).toEqual([at(1, 'grant'), table.partId(grant)]);
  });

  it('records a read when something looks inside a copied part', () => {
    const { reads } = traced((w) => {
      const copy = { ...w.processes[1]! };
      void copy.lifecycle.context;
      return w;
    });
    expect(reads).toEqual([at(1, 'lifecycle')]);
  });

  it('writes a part moved to another slot, and reads where it came from', () => {
    const { reads, writes } = traced((w) => {
      const donor = { ...w.processes[0]! };
      return { ...w, processes: [w.processes[0]!, { ...w.processes[1]!, app: donor.app } as ProcessSlot] };
    });
    expect(reads).toEqual([at(0, 'app')]);
    expect(writes).toEqual([at(1, 'app'), table.partOf(0, ids[0]!, PARTS.indexOf('app'))]);
  });

  it('writes an unread part even when the new value equals the old: the value must not depend on what was not read', () => {
    const same = JSON.parse(JSON.stringify(root.processes[1]!.tasks));
    const { writes } = traced((w) => ({ ...w, processes: [w.processes[0]!, { ...w.processes[1]!, tasks: same } as ProcessSlot] }));
    expect(writes).toEqual([at(1, 'tasks'), table.partOf(1, ids[1]!, PARTS.indexOf('tasks'))]);
  });

  it('stores a design\'s own per-process state as a part of its own', () => {
    const { writes } = traced((w) => ({ ...w, processes: [w.processes[0]!, { ...w.processes[1]!, ipc: { shares: [1] } }] }));
    expect(writes).toEqual([at(1, 'ipc'), table.partId({ shares: [1] })]);
  });

  it("stores a design's kernel-wide state (World.ipc) in the world column: a copied world writes nothing, a new value is written", () => {
    expect(traced((w) => ({ ...w, processes: [...w.processes] }))).toEqual({ reads: [], writes: [] });
    expect(traced((w) => w)).toEqual({ reads: [], writes: [] });
    const { reads, writes } = traced((w) => ({ ...w, ipc: { names: [1] } }));
    expect(reads).toEqual([]);
    expect(writes).toEqual([worldPart, table.partId({ names: [1] })]);
  });

  it('records a read of the world part looked into, and only then', () => {
    expect(traced((w) => (void w.ipc.names, w)).reads).toEqual([worldPart]);
    expect(traced((w) => (void { ...w }.ipc, w)).reads).toEqual([]);
  });

  it('rebuilds the world part from the world column', () => {
    const withNames = { ...root, ipc: { names: [0] } };
    expect(views.world(packWorld(table, withNames))).toEqual(withNames);
  });

  it.each([
    ['a slot field it does not know', (w: World) => ({ ...w, processes: [w.processes[0]!, { ...w.processes[1]!, extra: 1 } as ProcessSlot] }), /slot field 'extra'/],
    ['a changed fixed field', (w: World) => ({ ...w, processes: [w.processes[0]!, { ...w.processes[1]!, name: 'other' }] }), /changed slot 1's 'name'/],
    ['a world field beside the slots and ipc', (w: World) => ({ ...w, kernel: {} }) as World, /world field 'kernel'/],
    ['a slot fewer', (w: World) => ({ ...w, processes: [w.processes[0]!] }), /world of 1 slots from one of 2/],
  ])('throws on %s instead of dropping it', (_, f, message) => {
    expect(() => traced(f)).toThrow(message);
  });
});
