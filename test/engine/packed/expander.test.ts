import { describe, expect, it } from 'vitest';
import { Expander } from '../../../engine/packed/expander.ts';
import { LocalActionIds } from '../../../engine/packed/local-action-ids.ts';
import { packWorld, SlotTable } from '../../../engine/packed/slot-table.ts';
import { defaultParams, designById, initialWorld, step } from '../../../model/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';

const design = designById('tock-2.2')!;
const params = { ...defaultParams('cortex-m'), clients: 2, buffers: 2 };

describe('Expander', () => {
  it('gives the successors step gives, in enabled order, with or without its memo', () => {
    const table = new SlotTable();
    const ids = new LocalActionIds();
    const expander = new Expander({ design, params, properties: PROPERTIES, table, actionIds: ids, canonical: null, width: 4 }, () => {});
    const spelled = (batch: Int32Array, i: number) => Array.from(batch.subarray(i * 4, i * 4 + 4));
    // Walk a few levels deep by the first successor, expanding each world twice: memo filled, then forgotten.
    let world = initialWorld(params);
    for (let depth = 0; depth < 6; depth++) {
      const tuple = packWorld(table, world);
      const expected = design
        .enabled(world)
        .map((action) => step(design, world, action).world)
        .map((after) => Array.from(packWorld(table, after)))
        .filter((after) => after.some((id, i) => id !== tuple[i]));
      for (const forget of [false, true]) {
        if (forget) expander.forget();
        expander.expand(tuple);
        expect(Array.from({ length: expander.pending }, (_, i) => spelled(expander.batch, i)), `depth ${depth}, memo ${forget ? 'forgotten' : 'kept'}`).toEqual(expected);
      }
      const firstAction = ids.action(expander.batchActions[0]!);
      world = step(design, world, firstAction).world;
    }
  });
});
