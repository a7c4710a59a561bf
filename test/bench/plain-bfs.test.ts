import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Legacy3Params } from '../../bench/legacy3-params.ts';
import { exploreLegacy3 } from '../../bench/plain-bfs.ts';
import { referenceExplore } from './legacy3-reference.ts';

describe('exploreLegacy3, properties off', () => {
  it('counts C=1 G=0 Q=1 R=1 by hand: 21 states, 83 transitions', () => {
    // No restarts, so no generation ever changes and no task is dropped.
    // Before discover: only the initial state (allow, notify and everything
    // after them need discovered). After it, with sh = shared, qs = service
    // queue full, qc = client queue full, the service's knowledge k is one of
    // none (knownClientGen undefined), heard (defined, no pointer) or ptr
    // (knowsPtr and region, set together: the one client always finds the
    // one region free). qc can be full only once k != none.
    //   k=none: sh x qs = 4; k=heard: sh x qs x qc = 8; k=ptr: 8; all reachable.
    // 1 + 20 = 21 states. Transitions: the initial state has discover only (1);
    // the 20 others: allow or unallow (20), notifyService (20, a self-loop when
    // qs), deliver(s) when qs (10), notifyClient when k != none (16, a
    // self-loop when qc), deliver(c) when qc (8), access when k = ptr (8, a
    // self-loop): 1 + 82 = 83.
    const result = exploreLegacy3({ clients: 1, restarts: 0, queue: 1, regions: 1 }, false);
    expect({ states: result.states, transitions: result.transitions }).toEqual({ states: 21, transitions: 83 });
  });

  it('pins the default params (SPIN 6.5.2 with spin -o2 -DNOREDUCE stores the same 174,550 states)', () => {
    const result = exploreLegacy3(DEFAULT_PARAMS, false);
    expect({ states: result.states, transitions: result.transitions, depth: result.depth, words: result.layout.words }).toEqual({
      states: 174_550,
      transitions: 1_690_129,
      depth: 25,
      words: 2,
    });
  });

  const small: Legacy3Params[] = [
    { clients: 2, restarts: 1, queue: 1, regions: 1 },
    { clients: 1, restarts: 2, queue: 2, regions: 0 },
    { clients: 3, restarts: 0, queue: 1, regions: 2 },
  ];
  it.each(small)('agrees with the readable reference at %o, properties off and on', (params) => {
    for (const on of [false, true]) {
      const fast = exploreLegacy3(params, on);
      expect({ states: fast.states, transitions: fast.transitions, violations: fast.violations }).toEqual(referenceExplore(params, on));
    }
  });
});

describe('exploreLegacy3, properties on', () => {
  it('finds each property violated at its shortest depth for the default params', () => {
    // stale-generation, 4 steps: discover(c1) (discoveredGen 0), restart(s),
    // notifyService(c1), deliver(s): delivered (c1 never restarted), yet
    // discoveredGen 0 != gen[s] 1. Not shorter: a delivered task needs
    // discover, notify and deliver, and the restart of s must fall between
    // discover and notify (it empties the service's queue). The ToClient
    // variant needs 6 (discover, notify, deliver(s), restart(c), notifyClient,
    // deliver(c)), since restart(c) empties c's queue.
    // isolation, 6 steps: discover, allow, notifyService, deliver(s) (region
    // and knowsPtr for c1), unallow(c1) (legacy keeps the region), access(c1).
    // A region needs the first four; then shared or the generation must change
    // (one step) and access is the last.
    // graceful-exhaustion, 9 steps: discover, allow, notifyService for c1 and
    // for c2, deliver(s) twice (c1 takes the only region, c2 gets knowsPtr
    // without one), access(c2). knowsPtr without a region needs R regions held
    // by other clients: with R = 1, both clients' three steps and two deliveries.
    const result = exploreLegacy3(DEFAULT_PARAMS, true);
    expect(result.violations).toEqual({ isolation: 6, 'graceful-exhaustion': 9, 'stale-generation': 4 });
  });

  it('finds no graceful-exhaustion with one client and one region', () => {
    // The single client always finds the one region free when it is given a pointer.
    const result = exploreLegacy3({ ...DEFAULT_PARAMS, clients: 1 }, true);
    expect(result.violations?.['graceful-exhaustion']).toBeNull();
  });
});
