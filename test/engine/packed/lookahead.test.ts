import { PARTS } from '../../../engine/packed/slot-table.ts';
import { describe, expect, it } from 'vitest';
import { exploreBfs, type ExploreOptions, type ExploreResult } from '../../../engine/bfs.ts';
import { Coverage } from '../../../engine/coverage.ts';
import { explorePacked } from '../../../engine/packed/packed-bfs.ts';
import { exploreParallel } from '../../../engine/parallel/parallel-bfs.ts';
import { expectReplays } from '../../fixtures/replays.ts';
import { actorOf, canonicalJson, defaultParams, designById, initialWorld, step, type WorldParams } from '../../../model/index.ts';
import { PROPERTIES, propertyById, type Property } from '../../../properties/index.ts';

const tock22 = designById('tock-2.2')!;
const tiny: WorldParams = { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2 };
/** The smallest world where an access breaks isolation: 7 steps at the least. */
const smallest: WorldParams = { ...defaultParams('cortex-m'), clients: 1, buffers: 1, queue: 1, restarts: 0 };
const isolation = propertyById('isolation')!;

/** `property` with a lookahead that misses nothing: the first enabled action whose step breaks it. */
function complete(property: Property): Property {
  return {
    ...property,
    lookahead: (design, world) =>
      design.enabled(world).find((action) => {
        const { world: after, outcome } = step(design, world, action);
        return property.check({ design, before: world, action, after, outcome }) !== null;
      }) ?? null,
  };
}

/**
 * A test property, symmetric in the clients: a client acts while its own
 * slot differs from how it started. Its shortest counterexamples pass
 * through worlds that client symmetry stores renamed (a world where only
 * client 1 changed is stored as the one where client 2 did), so a trace
 * is only right if every renaming is undone.
 */
const secondMove: Property = {
  ...propertyById('delivery')!,
  id: 'delivery',
  description: 'a client acts while its own slot differs from how it started',
  check({ design, before, action }) {
    const by = actorOf(design.kinds, action);
    if (by === 0) return null;
    const start = initialWorld(before.params).processes[by]!;
    const slot = before.processes[by]!;
    const changed = PARTS.some((k) => canonicalJson(slot[k]) !== canonicalJson(start[k]));
    return changed ? { property: 'delivery', message: `#${by} acts again` } : null;
  },
};

const shape = (r: ExploreResult) => r.verdicts.map((v) => [v.property, v.status, v.status === 'violated' ? v.trace.length : null]);

describe('looking one step past the depth bound', () => {
  it("finds isolation's 7-step counterexample at max-depth 6, and only with the lookahead", () => {
    const options: ExploreOptions = { design: tock22, params: smallest, properties: [isolation], maxDepth: 6, maxStates: 1_000_000 };
    const found = explorePacked(options);
    expect(found.depthCovered).toBe(6);
    expect(found.verdicts[0]).toMatchObject({ status: 'violated', violation: { cause: 'unshared-access' } });
    const trace = found.verdicts[0]!.status === 'violated' ? found.verdicts[0]!.trace : [];
    expect(trace).toHaveLength(7);
    expect(trace[6]!.type).toBe('access');
    expectReplays(tock22, smallest, [isolation], found);
    const without = explorePacked({ ...options, properties: [{ ...isolation, lookahead: undefined }] });
    expect(without.verdicts[0]).toMatchObject({ status: 'inconclusive', depth: 6 });
    // A step deeper, the plain search finds a counterexample of the same length.
    expect(shape(explorePacked({ ...options, maxDepth: 7 }))).toEqual(shape(found));
  });

  it.each([
    ['complete lookaheads, abstract MPU, to depth 3', { design: tock22, params: tiny, maxDepth: 3, properties: PROPERTIES.map(complete) }],
    ['complete lookaheads, 8-region Cortex-M, to depth 2', { design: tock22, params: { ...defaultParams('cortex-m'), clients: 1, buffers: 2, queue: 2 }, maxDepth: 2, properties: PROPERTIES.map(complete) }],
    ["isolation's own lookahead, the smallest world it breaks in, to depth 6", { design: tock22, params: smallest, maxDepth: 6, properties: PROPERTIES }],
  ] as const)('explorePacked gives exactly what exploreBfs gives past the bound: %s', (_, search) => {
    const options: ExploreOptions = { ...search, maxStates: 1_000_000 };
    const slowCoverage = new Coverage(search.design);
    const fastCoverage = new Coverage(search.design);
    const fast = explorePacked({ ...options, coverage: fastCoverage });
    expect(fast).toEqual(exploreBfs({ ...options, coverage: slowCoverage }));
    expect(fastCoverage.report()).toEqual(slowCoverage.report());
    expect(fast.verdicts.some((v) => v.status === 'violated' && v.trace.length === search.maxDepth + 1)).toBe(true);
  }, 240_000);

  it.each([
    ['one client', { ...tiny }, 2],
    ['two clients, restarts 2', { ...tiny, clients: 2, restarts: 2 }, 2],
    ['three clients', { ...tiny, clients: 3 }, 2],
  ] as const)(
    'with complete lookaheads and client symmetry, max-depth d finds the counterexamples max-depth d + 1 finds, of the same lengths, replaying from the real initial world: %s',
    (_, params, maxDepth) => {
      const properties = PROPERTIES.map(complete);
      const options: ExploreOptions = { design: tock22, params, properties, maxDepth, maxStates: 1_000_000, symmetry: true };
      const near = explorePacked(options);
      const deeper = explorePacked({ ...options, maxDepth: maxDepth + 1, properties: PROPERTIES });
      expect(shape(near)).toEqual(shape(deeper));
      expect(near.verdicts.filter((v) => v.status === 'violated' && v.trace.length === maxDepth + 1).length).toBeGreaterThan(0);
      expectReplays(tock22, params, PROPERTIES, near);
    },
  );

  it('with client symmetry, a counterexample found past the bound through renamed worlds replays from the real initial world', () => {
    const params = { ...tiny, clients: 2 };
    const options: ExploreOptions = { design: tock22, params, properties: [complete(secondMove)], maxDepth: 1, maxStates: 1_000_000, symmetry: true };
    const found = explorePacked(options);
    expect(shape(found)).toEqual([['delivery', 'violated', 2]]);
    expect(shape(found)).toEqual(shape(explorePacked({ ...options, symmetry: false })));
    expectReplays(tock22, params, [secondMove], found);
  });

  it('a search whose states reach --max-states just as the last level starts still judges that level, and looks past it', async () => {
    const options: ExploreOptions = { design: tock22, params: smallest, properties: PROPERTIES, maxDepth: 6, maxStates: 1_000_000 };
    const stored = explorePacked(options).states;
    const exact = { ...options, maxStates: stored };
    const alone = explorePacked(exact);
    expect(alone.bound).toBe('max-depth 6');
    expect(alone.verdicts.find((v) => v.property === 'isolation')).toMatchObject({ status: 'violated', trace: { length: 7 } });
    expect(shape(await exploreParallel(exact, 2, { withEveryWorker: true }))).toEqual(shape(alone));
  });

  it('exploreParallel finds what explorePacked finds past the bound', async () => {
    const options: ExploreOptions = { design: tock22, params: smallest, properties: PROPERTIES, maxDepth: 6, maxStates: 1_000_000 };
    const alone = explorePacked(options);
    expect(alone.verdicts.find((v) => v.property === 'isolation')).toMatchObject({ status: 'violated', trace: { length: 7 } });
    const parallel = await exploreParallel(options, 2, { withEveryWorker: true });
    expect(shape(parallel)).toEqual(shape(alone));
    expectReplays(tock22, options.params, PROPERTIES, parallel);
  });
});
