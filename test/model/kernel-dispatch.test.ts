import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setKernelInterpreted } from '../../model/kernel-machine.ts';
import { canonicalJson, defaultParams, designById, initialWorld, step, worldKey, type Action, type Design, type WorldParams } from '../../model/index.ts';

/** Every world and outcome a walk visits, as JSON, with the kernel interpreted by xstate or compiled. */
function walk(design: Design, params: WorldParams, picks: readonly number[], interpreted: boolean): string[] {
  setKernelInterpreted(interpreted);
  let world = initialWorld(params);
  const seen = [worldKey(world) as string];
  for (const pick of picks) {
    const enabled = design.enabled(world);
    if (enabled.length === 0) break;
    const action: Action = enabled[pick % enabled.length]!;
    const result = step(design, world, action);
    world = result.world;
    seen.push(worldKey(world), canonicalJson(result.outcome));
  }
  return seen;
}

describe('the compiled kernel dispatch', () => {
  afterEach(() => setKernelInterpreted(false));

  it.each([
    ['tock-2.2', 'abstract'],
    ['tock-2.2', 'cortex-m'],
    ['legacy-3', 'abstract'],
  ] as const)('agrees with xstate interpreting the kernel machine on random walks of %s on %s', (id, arch) => {
    const design = designById(id)!;
    const params = defaultParams(arch);
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 60 }), (picks) => {
        expect(walk(design, params, picks, false)).toEqual(walk(design, params, picks, true));
      }),
      { seed: 5, numRuns: 40 },
    );
  });
});
