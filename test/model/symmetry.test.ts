import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, defaultParams, designById, initialWorld, step, takesIpcNumbers, type World, DESIGNS } from '../../model/index.ts';
import { resultCode } from '../../model/outcome.ts';
import { clientPermutations, compose, inverse, Renamer, symmetric } from '../../model/symmetry.ts';
import { PROPERTIES } from '../../properties/index.ts';

const setOf = (values: readonly unknown[]) => values.map((v) => canonicalJson(v)).sort();

describe('client permutations', () => {
  it('are every ordering of the clients with the service fixed, the identity first', () => {
    expect(clientPermutations({ ...defaultParams('abstract'), clients: 3 })).toEqual([
      [0, 1, 2, 3], [0, 1, 3, 2], [0, 2, 1, 3], [0, 2, 3, 1], [0, 3, 1, 2], [0, 3, 2, 1],
    ]);
  });

  it('compose and invert as permutations do', () => {
    const [a, b] = [[0, 2, 3, 1], [0, 3, 1, 2]];
    expect(compose(inverse(a), a)).toEqual([0, 1, 2, 3]);
    expect(compose(b, a)).toEqual([0, 2, 3, 1].map((i) => b[i]));
  });

  it('apply only to the abstract MPU with two clients or more', () => {
    const design = designById('tock-2.2')!;
    expect(symmetric(design, defaultParams('abstract'))).toBe(true);
    expect(symmetric(design, { ...defaultParams('abstract'), clients: 1 })).toBe(false);
    expect(symmetric(design, defaultParams('cortex-m'))).toBe(false);
  });
});

describe.each(DESIGNS.filter((d) => d.symmetric !== undefined).map((d) => d.id))('renaming clients in %s is a symmetry', (id) => {
  const design = designById(id)!;
  // An empty slot where the design takes IPC numbers: numbers past the clients are not renamed.
  const empty = takesIpcNumbers(design.kinds) ? 1 : 0;
  const params = { ...defaultParams('abstract'), clients: 3, queue: 3, regions: 2, buffers: id === 'legacy-3' ? 1 : 3, empty };
  const renamer = new Renamer(params, design);
  const perms = clientPermutations(params);

  it('leaves the initial world as it is', () => {
    const root = initialWorld(params);
    for (const perm of perms) expect(canonicalJson(renamer.world(root, perm))).toBe(canonicalJson(root));
  });

  it('commutes with enabled, step and every property verdict along random walks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 40 }), fc.integer({ min: 1, max: perms.length - 1 }), (picks, p) => {
        const perm = perms[p]!;
        let world: World = initialWorld(params);
        for (const pick of picks) {
          const enabled = design.enabled(world);
          if (enabled.length === 0) break;
          const moved = renamer.world(world, perm);
          expect(setOf(design.enabled(moved))).toEqual(setOf(enabled.map((a) => renamer.action(a, perm))));
          const action = enabled[pick % enabled.length]!;
          const here = step(design, world, action);
          const there = step(design, moved, renamer.action(action, perm));
          expect(canonicalJson(there.world)).toBe(canonicalJson(renamer.world(here.world, perm)));
          // A value returned (discover's slot index) is renamed too; the code is not.
          expect(resultCode(there.outcome.result)).toBe(resultCode(here.outcome.result));
          for (const property of PROPERTIES) {
            const a = property.check({ design, before: world, action, after: here.world, outcome: here.outcome });
            const b = property.check({ design, before: moved, action: renamer.action(action, perm), after: there.world, outcome: there.outcome });
            expect(b?.cause ?? (b === null ? null : 'violated'), property.id).toBe(a?.cause ?? (a === null ? null : 'violated'));
          }
          world = here.world;
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});
