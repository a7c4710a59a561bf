import { describe, expect, it } from 'vitest';
import { exploreApplicable, exploreBfs, type ExploreOptions } from '../../../engine/bfs.ts';
import { Coverage } from '../../../engine/coverage.ts';
import { explorePacked } from '../../../engine/packed/packed-bfs.ts';
import { defaultParams, designById, type WorldParams } from '../../../model/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';
import { expectReplays } from '../../fixtures/replays.ts';

const tock22 = designById('tock-2.2')!;
const legacy3 = designById('legacy-3')!;
const shareProposal = designById('share-proposal')!;
const tiny: WorldParams = { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2 };

/** Both explorers on the same options: every figure, verdict and coverage entry must agree. */
function agree(options: ExploreOptions): void {
  const slowCoverage = new Coverage(options.design);
  const fastCoverage = new Coverage(options.design);
  const slow = exploreBfs({ ...options, coverage: slowCoverage });
  const fast = explorePacked({ ...options, coverage: fastCoverage });
  expect(fast).toEqual(slow);
  expect(fastCoverage.report()).toEqual(slowCoverage.report());
}

describe('explorePacked gives exactly what exploreBfs gives', () => {
  it.each([
    ['tock-2.2, abstract MPU, all properties, to depth 4', { design: tock22, params: tiny, properties: PROPERTIES, maxDepth: 4, maxStates: 1_000_000 }],
    ['tock-2.2, 8-region Cortex-M, all properties, to depth 3', { design: tock22, params: { ...defaultParams('cortex-m'), clients: 1, buffers: 2, queue: 2 }, properties: PROPERTIES, maxDepth: 3, maxStates: 1_000_000 }],
    ['tock-2.2, two clients, restarts 2, all properties, to depth 3', { design: tock22, params: { ...tiny, clients: 2, restarts: 2 }, properties: PROPERTIES, maxDepth: 3, maxStates: 1_000_000 }],
    ['tock-2.2, memory that grows (--heap 1), all properties, to depth 4', { design: tock22, params: { ...tiny, heap: 1 }, properties: PROPERTIES, maxDepth: 4, maxStates: 1_000_000 }],
    ['tock-2.2, an empty process slot (--empty 1), all properties, to depth 4', { design: tock22, params: { ...tiny, empty: 1 }, properties: PROPERTIES, maxDepth: 4, maxStates: 1_000_000 }],
    ['tock-2.2, cut at 700 states', { design: tock22, params: tiny, properties: PROPERTIES, maxDepth: 10, maxStates: 700 }],
    ['legacy-3, one client, to the end', { design: legacy3, params: { ...tiny, restarts: 1, regions: 1 }, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 }],
    ['share-proposal, abstract MPU, all properties, to depth 6', { design: shareProposal, params: { ...tiny, buffers: 2 }, properties: PROPERTIES, maxDepth: 6, maxStates: 1_000_000 }],
    ['share-proposal, 8-region ARMv8-M, all properties, to depth 5', { design: shareProposal, params: { ...defaultParams('cortex-m33'), clients: 1, buffers: 3, queue: 1 }, properties: PROPERTIES, maxDepth: 5, maxStates: 1_000_000 }],
    ['share-proposal/no-end-revocation, abstract MPU, all properties, to depth 7', { design: designById('share-proposal/no-end-revocation')!, params: { ...tiny, buffers: 2 }, properties: PROPERTIES, maxDepth: 7, maxStates: 1_000_000 }],
    ['tock-2.2/libtock-c (apps run program machines), 8-region Cortex-M, all properties, to depth 6', { design: designById('tock-2.2/libtock-c')!, params: { ...defaultParams('cortex-m'), clients: 1, buffers: 2, queue: 2 }, properties: PROPERTIES, maxDepth: 6, maxStates: 1_000_000 }],
    ["share-proposal, no restarts, to the end (stale-generation's witness unreached)", { design: shareProposal, params: { ...tiny, restarts: 0 }, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 }],
    ['legacy-3, two clients, no properties, to depth 6', { design: legacy3, params: { ...tiny, clients: 2, restarts: 1, regions: 1 }, properties: [], maxDepth: 6, maxStates: 1_000_000 }],
  ])('%s', (_, options) => agree(options as ExploreOptions));
});

describe('witnesses in explorePacked', () => {
  it('reports a property inconclusive, not held, when the whole state space holds no step its witness reaches', () => {
    const options = { design: shareProposal, params: { ...tiny, restarts: 0 }, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 };
    const result = exploreApplicable(options, explorePacked);
    expect(result.bound).toBeNull();
    const statuses = Object.fromEntries(result.verdicts.map((v) => [v.property, v.status === 'inconclusive' ? v.bound : v.status]));
    expect(statuses).toEqual({
      isolation: 'held',
      'stale-generation': 'witness unreached: something reached a slot that had restarted',
      'graceful-exhaustion': 'held',
      revocation: 'held',
      delivery: 'n/a',
      'response-matching': 'n/a',
      fairness: 'n/a',
      discovery: 'held',
    });
  });
});

describe('client symmetry in explorePacked', () => {
  it.each([
    ['tock-2.2, two clients, to depth 4', tock22, { ...tiny, clients: 2 }, 4],
    ['tock-2.2, three clients, to depth 3', tock22, { ...tiny, clients: 3 }, 3],
    ['legacy-3, two clients, to the end', legacy3, { ...tiny, clients: 2, restarts: 1, regions: 1 }, 1000],
    ['tock-2.2/libtock-c, two clients, to depth 6', designById('tock-2.2/libtock-c')!, { ...tiny, clients: 2, buffers: 2 }, 6],
    ['share-proposal/no-unshare-revocation, two clients, to depth 5', designById('share-proposal/no-unshare-revocation')!, { ...tiny, clients: 2, buffers: 2 }, 5],
  ] as const)('%s: fewer states, the same verdicts and shortest lengths, and traces that replay from the real initial world', (_, design, params, maxDepth) => {
    const options = { design, params, properties: PROPERTIES, maxDepth, maxStates: 1_000_000 };
    const full = explorePacked(options);
    const reduced = explorePacked({ ...options, symmetry: true });
    expect(reduced.states).toBeLessThan(full.states);
    const summary = (r: typeof full) => r.verdicts.map((v) => [v.property, v.status, v.status === 'violated' ? v.trace.length : null]);
    expect(summary(reduced)).toEqual(summary(full));
    expectReplays(design, params, PROPERTIES, reduced);
  });
});
