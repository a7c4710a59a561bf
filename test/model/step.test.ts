import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, defaultParams, designById, initialWorld, step, worldKey, type Action, type World } from '../../model/index.ts';

const ABSTRACT = defaultParams('abstract');
const design = designById('tock-2.2')!;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Walks `picks` through the enabled actions from the initial world; returns the worlds and actions seen. */
function walk(picks: readonly number[]): { worlds: World[]; actions: Action[] } {
  const worlds = [initialWorld(ABSTRACT)];
  const actions: Action[] = [];
  for (const pick of picks) {
    const world = worlds[worlds.length - 1]!;
    const enabled = design.enabled(world);
    if (enabled.length === 0) break;
    const action = enabled[pick % enabled.length]!;
    actions.push(action);
    worlds.push(step(design, world, action).world);
  }
  return { worlds, actions };
}

const picks = fc.array(fc.nat(1000), { maxLength: 40 });

describe('step', () => {
  it('is pure: works on a deeply frozen world and gives equal results twice', () => {
    fc.assert(
      fc.property(picks, (ps) => {
        const { worlds, actions } = walk(ps);
        actions.forEach((action, i) => {
          const before = deepFreeze(structuredClone(worlds[i]!));
          const a = step(design, before, action);
          const b = step(design, before, action);
          expect(worldKey(a.world)).toBe(worldKey(b.world));
          expect(a.outcome).toEqual(b.outcome);
          expect(worldKey(a.world)).toBe(worldKey(worlds[i + 1]!));
        });
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('keeps the world plain JSON: a round trip through JSON gives the same key and the same steps', () => {
    fc.assert(
      fc.property(picks, (ps) => {
        const { worlds } = walk(ps);
        const last = worlds[worlds.length - 1]!;
        const copy = JSON.parse(JSON.stringify(last)) as World;
        expect(worldKey(copy)).toBe(worldKey(last));
        expect(design.enabled(copy).map(canonicalJson)).toEqual(design.enabled(last).map(canonicalJson));
      }),
      { seed: 8, numRuns: 60 },
    );
  });

  it('lists enabled actions in a stable order, each one distinct', () => {
    fc.assert(
      fc.property(picks, (ps) => {
        const { worlds } = walk(ps);
        const last = worlds[worlds.length - 1]!;
        const keys = design.enabled(last).map(canonicalJson);
        expect(new Set(keys).size).toBe(keys.length);
        expect(design.enabled(structuredClone(last)).map(canonicalJson)).toEqual(keys);
      }),
      { seed: 9, numRuns: 60 },
    );
  });
});

describe('worldKey', () => {
  it('does not depend on the order object keys were written in', () => {
    const world = initialWorld(ABSTRACT);
    const reversed = JSON.parse(JSON.stringify(world), (_, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as World;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(world));
    expect(worldKey(reversed)).toBe(worldKey(world));
  });

  it('tells different worlds apart', () => {
    const world = initialWorld(ABSTRACT);
    const after = step(design, world, { type: 'subscribe', by: 0, upcall: 0 }).world;
    expect(worldKey(after)).not.toBe(worldKey(world));
  });
});
