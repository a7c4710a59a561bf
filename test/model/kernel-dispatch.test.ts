import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setKernelInterpreted } from '../../model/kernel-machine.ts';
import { defaultParams, designById } from '../../model/index.ts';
import { walkRecord } from '../fixtures/random-walk.ts';

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
