import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransitionMemo } from '../../model/machine-state.ts';
import { defaultParams, DESIGNS } from '../../model/index.ts';
import { walkRecord } from '../fixtures/random-walk.ts';

describe('memoised machine transitions', () => {
  afterEach(() => setTransitionMemo(true));

  it.each(DESIGNS.map((d) => [d.id, d] as const))('agree with xstate on every step of random walks of %s', (_, design) => {
    const params = defaultParams('abstract');
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 60 }), (picks) => {
        setTransitionMemo(true);
        const fast = walkRecord(design, params, picks);
        setTransitionMemo(false);
        const slow = walkRecord(design, params, picks);
        expect(fast).toEqual(slow);
      }),
      { seed: 11, numRuns: 80 },
    );
  });
});
