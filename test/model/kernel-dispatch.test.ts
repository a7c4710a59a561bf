import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setKernelInterpreted } from '../../model/kernel-machine.ts';
import { defaultParams, designById, DESIGNS } from '../../model/index.ts';
import { walkRecord } from '../fixtures/random-walk.ts';

describe('the compiled kernel dispatch', () => {
  afterEach(() => setKernelInterpreted(false));

  it.each(DESIGNS.flatMap((d) => (['abstract', 'cortex-m33'] as const).map((arch) => [d.id, arch] as const)))('agrees with xstate interpreting the kernel machine on random walks of %s on %s', (id, arch) => {
    const design = designById(id)!;
    const params = defaultParams(arch);
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 60 }), (picks) => {
        setKernelInterpreted(false);
        const compiled = walkRecord(design, params, picks);
        setKernelInterpreted(true);
        const interpreted = walkRecord(design, params, picks);
        expect(compiled).toEqual(interpreted);
      }),
      { seed: 5, numRuns: 40 },
    );
  });
});
