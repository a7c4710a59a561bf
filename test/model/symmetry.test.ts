import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, defaultParams, designById, initialWorld, MPU_ARCH_IDS, mpuFor, step, takesIpcNumbers, type World, DESIGNS } from '../../model/index.ts';
import { commutes } from '../../model/relocation.ts';
import type { Action, Design } from '../../model/index.ts';
import type { CounterexampleFile } from '../../trace/counterexample-file.ts';

const COUNTEREXAMPLES = new URL('../../counterexamples/', import.meta.url).pathname;
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

  it('apply with two clients or more, none an impostor, on every architecture where moving clients commutes with the MPU', () => {
    const design = designById('tock-2.2')!;
    for (const arch of MPU_ARCH_IDS) {
      expect(symmetric(design, defaultParams(arch)), arch).toBe(true);
      expect(symmetric(design, { ...defaultParams(arch), clients: 1 }), arch).toBe(false);
      expect(symmetric(design, { ...defaultParams(arch), impostor: 1 }), arch).toBe(false);
    }
  });

  it('do not apply where the commuting test fails: an MPU whose configurations do not move with their clients', () => {
    const params = defaultParams('cortex-m');
    const mpu = mpuFor('cortex-m', params.regions);
    expect(commutes(params, mpu)).toBe(true);
    // Regions left where they were: the boot configurations of two clients already differ.
    expect(commutes(params, { ...mpu, relocated: (config) => config })).toBe(false);
    // Regions moved, but an allocation answered as if at the old addresses.
    const stale: typeof mpu = { ...mpu, allocateRegion: (config, start, size, min, perms) => mpu.allocateRegion(config, start < 0x2001_0000 ? start : start + 32, size, min, perms) };
    expect(commutes(params, stale)).toBe(false);
  });
});

/** Worlds with three clients on each architecture (the abstract MPU with 2 free regions), for each symmetric design. */
const SYMMETRIC_CASES = DESIGNS.filter((d) => d.symmetric !== undefined).flatMap((d) => MPU_ARCH_IDS.map((arch) => [d.id, arch] as const));

describe.each(SYMMETRIC_CASES)('renaming clients in %s on %s is a symmetry', (id, arch) => {
  const design = designById(id)!;
  // An empty slot where the design takes IPC numbers: numbers past the clients are not renamed.
  const empty = takesIpcNumbers(design.kinds) ? 1 : 0;
  const params = { ...defaultParams(arch), clients: 3, queue: 3, ...(arch === 'abstract' ? { regions: 2 } : {}), buffers: id === 'legacy-3' ? 1 : 3, empty };
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
          world = expectCommutes(design, renamer, world, enabled[pick % enabled.length]!, perm);
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});

/** Every saved counterexample whose world has client symmetry: the deep steps (regions mapped, refused, left behind) random walks seldom take. */
const SAVED = readdirSync(COUNTEREXAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(COUNTEREXAMPLES, f), 'utf8')) as CounterexampleFile] as const)
  .filter(([, file]) => designById(file.model.design)?.symmetric !== undefined);

describe('renaming clients commutes along every saved counterexample of a symmetric design', () => {
  it.each(SAVED)('%s', (_, file) => {
    const design = designById(file.model.design)!;
    const params = { ...defaultParams(file.model.params.arch), ...file.model.params };
    if (!symmetric(design, params)) return expect(params.clients < 2 || params.impostor === 1).toBe(true);
    const renamer = new Renamer(params, design);
    for (const perm of clientPermutations(params).slice(1)) {
      let world = initialWorld(params);
      for (const action of file.trace) world = expectCommutes(design, renamer, world, action, perm);
    }
  });
});

/** Expects `action` from `world` and its renaming by `perm` from the renamed world to agree on what is enabled, the step, its result code and every property's verdict; the world after `action`. */
function expectCommutes(design: Design, renamer: Renamer, world: World, action: Action, perm: readonly number[]): World {
  const moved = renamer.world(world, perm);
  expect(setOf(design.enabled(moved))).toEqual(setOf(design.enabled(world).map((a) => renamer.action(a, perm))));
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
  return here.world;
}
