import { describe, expect, it } from 'vitest';
import { canonicalJson, defaultParams, designById, initialWorld, step, worldKey, type Action, type World } from '../../model/index.ts';
import { propertyById } from '../../properties/index.ts';

const design = designById('tock-2.2')!;
const isolation = propertyById('isolation')!;
/** One client with one buffer: the smallest world where an access breaks isolation (7 steps). */
const params = { ...defaultParams('cortex-m'), clients: 1, buffers: 1, queue: 1, restarts: 0 };

/** Every world within `depth` steps of the initial world. */
function worldsWithin(depth: number): World[] {
  let frontier = [initialWorld(params)];
  const seen = new Map<string, World>([[worldKey(frontier[0]!), frontier[0]!]]);
  for (let d = 0; d < depth; d++) {
    const next: World[] = [];
    for (const world of frontier) {
      for (const action of design.enabled(world)) {
        const after = step(design, world, action).world;
        const key = worldKey(after);
        if (seen.has(key)) continue;
        seen.set(key, after);
        next.push(after);
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

/** The first enabled action whose step breaks isolation by an access (`unshared-access`), by taking every step. */
function firstBreakingAccess(world: World): Action | null {
  for (const action of design.enabled(world)) {
    if (action.type !== 'access') continue;
    const { world: after, outcome } = step(design, world, action);
    if (isolation.check({ design, before: world, action, after, outcome })?.cause === 'unshared-access') return action;
  }
  return null;
}

describe("isolation's lookahead", () => {
  it('proposes exactly the first access whose step breaks isolation, in every world within 6 steps of the smallest world that has one', () => {
    const worlds = worldsWithin(6);
    let breaking = 0;
    for (const world of worlds) {
      const proposed = isolation.lookahead!(design, world);
      const expected = firstBreakingAccess(world);
      expect(proposed === null ? null : canonicalJson(proposed), worldKey(world)).toBe(expected === null ? null : canonicalJson(expected));
      if (expected !== null) breaking++;
    }
    // Worlds one access from a violation exist at depth 6 (none nearer: the shortest counterexample has 7 steps).
    expect(breaking).toBeGreaterThan(0);
  }, 240_000);
});
