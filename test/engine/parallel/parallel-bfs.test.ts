import { describe, expect, it } from 'vitest';
import { ALL_VIOLATED, type ExploreOptions, type ExploreResult, type LevelProgress } from '../../../engine/bfs.ts';
import { Coverage } from '../../../engine/coverage.ts';
import { explorePacked } from '../../../engine/packed/packed-bfs.ts';
import { exploreParallel, type ParallelStart } from '../../../engine/parallel/parallel-bfs.ts';
import { expectReplays } from '../../fixtures/replays.ts';
import { defaultParams, designById, type Design, type WorldParams } from '../../../model/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';

const tock22 = designById('tock-2.2')!;
const legacy3 = designById('legacy-3')!;
const shareProposal = designById('share-proposal')!;
const tiny: WorldParams = { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2 };

/** Figures and verdicts without the traces, which may differ (any shortest counterexample will do). */
function summary(result: ExploreResult) {
  const { verdicts, transitionsByThread, ...figures } = result;
  return { ...figures, verdicts: verdicts.map((v) => [v.property, v.status, v.status === 'violated' ? v.trace.length : null]) };
}

describe('exploreParallel finds what explorePacked finds', () => {
  it.each([
    ['tock-2.2, 8-region Cortex-M, to depth 3', { design: tock22, params: { ...defaultParams('cortex-m'), clients: 2, buffers: 2, queue: 2 }, maxDepth: 3 }],
    ['tock-2.2, two clients, restarts 2, with symmetry, to depth 4', { design: tock22, params: { ...tiny, clients: 2, restarts: 2 }, maxDepth: 4, symmetry: true }],
    ['legacy-3, two clients, to the end', { design: legacy3, params: { ...tiny, clients: 2, restarts: 1, regions: 1 }, maxDepth: 1000 }],
    ["share-proposal, no restarts, to the end (stale-generation's witness unreached)", { design: shareProposal, params: { ...tiny, restarts: 0 }, maxDepth: 1000 }],
    ['share-proposal, two clients, with symmetry, to depth 5', { design: shareProposal, params: { ...tiny, clients: 2, buffers: 2 }, maxDepth: 5, symmetry: true }],
  ] as const)('%s: the same states, transitions, depth, verdicts, shortest lengths and coverage, with 2 and 3 threads all from the start, and with 2 whose worker joins when ready', async (_, search) => {
    const options: ExploreOptions = { ...search, properties: PROPERTIES, maxStates: 1_000_000 };
    const alone = new Coverage(search.design);
    const expected = explorePacked({ ...options, coverage: alone });
    const starts: [number, ParallelStart][] = [
      [2, { withEveryWorker: true }],
      [3, { withEveryWorker: true }],
      [2, {}],
    ];
    for (const [workers, start] of starts) {
      const shared = new Coverage(search.design);
      const depths: number[] = [];
      const result = await exploreParallel({ ...options, coverage: shared, onDepth: (p) => depths.push(p.states) }, workers, start);
      expect(summary(result)).toEqual(summary(expected));
      expect(result.transitionsByThread!.reduce((a, b) => a + b, 0)).toBe(result.transitions);
      // Every thread took part when all started together, on a search with levels of many portions (small levels go to one thread or two).
      if (start.withEveryWorker === true && result.states > 100_000) expect(result.transitionsByThread!.filter((t) => t > 0)).toHaveLength(workers);
      expect(shared.report()).toEqual(alone.report());
      expect(depths.length).toBe(result.depth);
      expectReplays(search.design, search.params, PROPERTIES, result);
    }
  });

  it('finds the same states when its visited table must grow twice during the search, with 2 and 3 threads', async () => {
    // 174,550 states; a table of 2^16 rows holds some 24,000 before it must grow, four times larger each time.
    const options: ExploreOptions = { design: legacy3, params: { ...tiny, clients: 2, restarts: 1, regions: 1 }, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 };
    const expected = explorePacked(options);
    expect(expected.states).toBeGreaterThan(4 * 2 ** 15);
    for (const workers of [2, 3]) {
      const result = await exploreParallel(options, workers, { withEveryWorker: true, visitedRowsLog2: 16 });
      expect(summary(result)).toEqual(summary(expected));
      expectReplays(legacy3, options.params, PROPERTIES, result);
    }
  });

  it('stops at max-states after growing its visited table, at the depth explorePacked stops at', async () => {
    const options: ExploreOptions = { design: legacy3, params: { ...tiny, clients: 2, restarts: 1, regions: 1 }, properties: [], maxDepth: 1000, maxStates: 60_000 };
    const expected = explorePacked(options);
    const result = await exploreParallel(options, 2, { withEveryWorker: true, visitedRowsLog2: 16 });
    expect(result.bound).toBe('max-states 60000');
    expect(result.states).toBe(60_000);
    expect(result.depth).toBe(expected.depth);
  });

  it('reports progress within a level as the states all threads expanded, as explorePacked does for its one', async () => {
    const options: ExploreOptions = { design: legacy3, params: { ...tiny, clients: 2, restarts: 1, regions: 1 }, properties: [], maxDepth: 1000, maxStates: 1_000_000 };
    for (const run of [(o: ExploreOptions) => Promise.resolve(explorePacked(o)), (o: ExploreOptions) => exploreParallel(o, 2, { withEveryWorker: true })]) {
      const stored = [1];
      const seen: LevelProgress[] = [];
      await run({ ...options, onDepth: (p) => stored.push(p.states), onLevel: (p) => seen.push(p) });
      expect(seen.length).toBeGreaterThan(5);
      for (const [i, p] of seen.entries()) {
        // A level's states are those stored at the depth before it.
        expect(p.of).toBe(stored[p.depth - 1]! - (stored[p.depth - 2] ?? 0));
        expect(p.expanded).toBeGreaterThan(0);
        expect(p.expanded).toBeLessThanOrEqual(p.of);
        const before = seen[i - 1];
        if (before?.depth === p.depth) expect(p.expanded).toBeGreaterThanOrEqual(before.expanded);
      }
    }
  });

  it('stops once every property is violated, with a shortest counterexample of each', async () => {
    const staleOnly = PROPERTIES.filter((p) => p.id === 'stale-generation');
    const result = await exploreParallel({ design: tock22, params: tiny, properties: staleOnly, maxDepth: 10, maxStates: 1_000_000 }, 2, { withEveryWorker: true });
    expect(result.bound).toBe(ALL_VIOLATED);
    expect(result.verdicts[0]!.status === 'violated' && result.verdicts[0]!.trace).toHaveLength(3);
    expectReplays(tock22, tiny, PROPERTIES, result);
  });

  it('stops at max-states with the bound named and the verdicts left open', async () => {
    const result = await exploreParallel({ design: tock22, params: tiny, properties: PROPERTIES, maxDepth: 100, maxStates: 700 }, 2, { withEveryWorker: true });
    expect(result.bound).toBe('max-states 700');
    expect(result.states).toBe(700);
    expect(result.verdicts.filter((v) => v.status === 'inconclusive').length).toBeGreaterThan(0);
  });

  it('refuses a design the workers cannot look up by id', async () => {
    const copy: Design = { ...tock22 };
    await expect(exploreParallel({ design: copy, params: tiny, properties: PROPERTIES, maxDepth: 2, maxStates: 100 }, 2)).rejects.toThrow(/not registered/);
  });
});
