import { describe, expect, it } from 'vitest';
import { Expander } from '../../../engine/packed/expander.ts';
import { LocalActionIds } from '../../../engine/packed/local-action-ids.ts';
import { packWorld, SlotTable } from '../../../engine/packed/slot-table.ts';
import { defaultParams, designById, initialWorld, step } from '../../../model/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';

/** tock-2.2 judged by every property, whose steps read several slots; legacy-3 judged by none, many of whose steps then read and write their actor's slot alone. */
const WORLDS = [
  { design: designById('tock-2.2')!, params: { ...defaultParams('cortex-m'), clients: 2, buffers: 2 }, properties: PROPERTIES },
  { design: designById('legacy-3')!, params: { ...defaultParams('abstract'), clients: 2, buffers: 1 }, properties: [] },
];

describe('Expander', () => {
  it.each(WORLDS)('gives the successors step gives, in enabled order, with or without its memo ($design.id)', ({ design, params, properties }) => {
    const table = new SlotTable();
    const ids = new LocalActionIds();
    const expander = new Expander({ design, params, properties, table, actionIds: ids, canonical: null, width: 4 }, () => {});
    const spelled = (batch: Int32Array, i: number) => Array.from(batch.subarray(i * 4, i * 4 + 4));
    // Walk a few levels deep by the first successor, expanding each world three times: memo filled,
    // then answered by it (one-column steps by their column, the rest by the tries), then forgotten.
    let world = initialWorld(params);
    for (let depth = 0; depth < 6; depth++) {
      const tuple = packWorld(table, world);
      const moves = design
        .enabled(world)
        .map((action) => ({ action, after: Array.from(packWorld(table, step(design, world, action).world)) }))
        .filter(({ after }) => after.some((id, i) => id !== tuple[i]));
      for (const memo of ['filled', 'kept', 'forgotten']) {
        if (memo === 'forgotten') expander.forget();
        expander.expand(tuple);
        const got = Array.from({ length: expander.pending }, (_, i) => ({ action: ids.action(expander.batchActions[i]!), after: spelled(expander.batch, i) }));
        expect(got, `depth ${depth}, memo ${memo}`).toEqual(moves);
      }
      const firstAction = ids.action(expander.batchActions[0]!);
      world = step(design, world, firstAction).world;
    }
  });
});
