import { beforeAll, describe, expect, it } from 'vitest';
import { exploreBfs, type ExploreOptions, type ExploreResult } from '../../../checker/bfs.ts';
import { Coverage } from '../../../checker/coverage.ts';
import { exploreFast } from '../../../checker/fast/fast-bfs.ts';
import { exploreParallel } from '../../../checker/fast/parallel-bfs.ts';
import { withUserModules } from '../../../checker/user-modules.ts';
import { diffWorlds } from '../../../checker/world-diff.ts';
import { defaultParams, designById, initialWorld, step, type Design } from '../../../model/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';

/** A design whose only state of its own is kernel-wide (`World.ipc`), loaded as a user's file so that workers load it too. */
let design: Design;
beforeAll(async () => {
  await withUserModules(['--design', './test/fixtures/registry-design.ts']);
  design = designById('test/registry')!;
});

const params = { ...defaultParams('abstract'), clients: 2, buffers: 1, restarts: 1 };
const summary = (r: ExploreResult) => ({ states: r.states, transitions: r.transitions, bound: r.bound, verdicts: r.verdicts.map((v) => [v.property, v.status]) });

describe("a design's kernel-wide state (World.ipc)", () => {
  it('is stored by the packed explorer exactly as the reference explorer stores it: every figure, verdict and coverage entry', () => {
    const options: ExploreOptions = { design, params, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 };
    const slow = new Coverage(design);
    const fast = new Coverage(design);
    const reference = exploreBfs({ ...options, coverage: slow });
    expect(reference.bound).toBeNull();
    // Registration order is state: more worlds than the slots alone could tell apart (3 slots, 2 generations, registered or not: 64).
    expect(reference.states).toBeGreaterThan(64);
    expect(exploreFast({ ...options, coverage: fast })).toEqual(reference);
    expect(fast.report()).toEqual(slow.report());
  });

  it('is renamed under client symmetry: fewer states, the same verdicts', () => {
    const options: ExploreOptions = { design, params, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 };
    const full = exploreFast(options);
    const reduced = exploreFast({ ...options, symmetry: true });
    expect(reduced.states).toBeLessThan(full.states);
    expect(reduced.verdicts.map((v) => v.status)).toEqual(full.verdicts.map((v) => v.status));
  });

  it('is shared by the threads of a parallel search, with and without symmetry', async () => {
    for (const symmetry of [false, true]) {
      const options: ExploreOptions = { design, params, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000, symmetry };
      expect(summary(await exploreParallel(options, 2, { withEveryWorker: true })), `symmetry ${symmetry}`).toEqual(summary(exploreFast(options)));
    }
  });

  it('shows in a step-by-step diff', () => {
    const before = initialWorld(params);
    const after = step(design, before, { type: 'register', by: 1 }).world;
    expect(diffWorlds(before, after)).toEqual([expect.stringMatching(/^kernel ipc/)]);
  });
});
