import { afterEach, describe, expect, it } from 'vitest';
import { exploreBfs, type ExploreOptions, type ExploreResult } from '../../engine/bfs.ts';
import { explorePacked } from '../../engine/packed/packed-bfs.ts';
import { exploreParallel } from '../../engine/parallel/parallel-bfs.ts';
import { setTransitionMemo } from '../../model/machine-state.ts';
import { BUILTIN_DESIGNS, defaultParams, symmetric } from '../../model/index.ts';
import { PROPERTIES } from '../../properties/index.ts';
import { expectReplays } from '../fixtures/replays.ts';

/**
 * The agreement tests, on every built-in design at small bounds: the
 * packed explorer against the reference one, with the machines'
 * transition memo on and off, with client symmetry on and off, and one
 * thread against two. (test/engine/packed/packed-bfs.test.ts and
 * parallel-bfs.test.ts go deeper on some.)
 */
const params = { ...defaultParams('abstract'), clients: 2, buffers: 1, queue: 2 };
const DEPTH = 3;

/** Verdicts without traces (a shortest counterexample may differ under symmetry or threads), with their lengths. */
const verdicts = (r: ExploreResult) => r.verdicts.map((v) => [v.property, v.status, v.status === 'violated' ? v.trace.length : null]);

afterEach(() => setTransitionMemo(true));

describe.each(BUILTIN_DESIGNS.map((d) => [d.id, d] as const))('%s', (_, design) => {
  const options: ExploreOptions = { design, params, properties: PROPERTIES, maxDepth: DEPTH, maxStates: 1_000_000 };

  it('packed = reference, with the transition memo on and off', () => {
    const reference = exploreBfs(options);
    expect(explorePacked(options)).toEqual(reference);
    setTransitionMemo(false);
    expect(explorePacked(options)).toEqual(reference);
  });

  it('symmetry on = off, in verdicts and shortest lengths; its traces replay from the real initial world', () => {
    const full = explorePacked(options);
    const reduced = explorePacked({ ...options, symmetry: true });
    if (symmetric(design, params)) expect(reduced.states).toBeLessThan(full.states);
    else expect(reduced).toEqual(full);
    expect(verdicts(reduced)).toEqual(verdicts(full));
    expectReplays(design, params, PROPERTIES, reduced);
  });

  it('two threads = one', async () => {
    const one = explorePacked({ ...options, symmetry: true });
    const two = await exploreParallel({ ...options, symmetry: true }, 2, { withEveryWorker: true });
    expect([two.states, two.transitions, two.bound, verdicts(two)]).toEqual([one.states, one.transitions, one.bound, verdicts(one)]);
  });
});
