import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransitionMemo } from '../../model/machine-state.ts';
import { defaultParams, designById, initialWorld, step, worldKey, type Action, type WorldParams } from '../../model/index.ts';

const design = designById('tock-2.2')!;

/** The worlds a walk visits, as keys, with the memo on or off. */
function keysOf(params: WorldParams, picks: readonly number[], memo: boolean): string[] {
  setTransitionMemo(memo);
  let world = initialWorld(params);
  const keys = [worldKey(world) as string];
  for (const pick of picks) {
    const enabled = design.enabled(world);
    if (enabled.length === 0) break;
    const action: Action = enabled[pick % enabled.length]!;
    world = step(design, world, action).world;
    keys.push(worldKey(world));
  }
  return keys;
}

describe('memoised machine transitions', () => {
  afterEach(() => setTransitionMemo(true));

  it('agree with xstate on every step of random walks', () => {
    const params = defaultParams('abstract');
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 60 }), (picks) => {
        const fast = keysOf(params, picks, true);
        const slow = keysOf(params, picks, false);
        expect(fast).toEqual(slow);
      }),
      { seed: 11, numRuns: 80 },
    );
  });
});
