import { describe, expect, it } from 'vitest';
import { minimizeTrace } from '../../engine/minimize.ts';
import { runTrace } from '../../engine/trace-run.ts';
import { defaultParams, designById, type Action } from '../../model/index.ts';
import { propertyById } from '../../properties/index.ts';
import { noisy } from '../fixtures/noisy-revocation.ts';

const ABSTRACT = defaultParams('abstract');
const design = designById('tock-2.2')!;
const revocation = propertyById('revocation')!;


describe('minimizeTrace', () => {
  it('shrinks a 40-step revocation trace to the 4 steps that matter', () => {
    expect(noisy).toHaveLength(40);
    expect(runTrace(design, ABSTRACT, [revocation], noisy).kind).toBe('violated');
    const small = minimizeTrace(design, ABSTRACT, revocation, noisy);
    expect(small).toEqual([
      { type: 'share', by: 1, to: 0, buffer: 0 },
      { type: 'notify', by: 1, to: 0, kind: 'service' },
      { type: 'deliver', process: 0 },
      { type: 'unallow', by: 1, to: 0 },
    ]);
  });

  it('returns a trace that violates nothing unchanged', () => {
    const fine: Action[] = [{ type: 'discover', by: 1, name: 'service' }];
    expect(minimizeTrace(design, ABSTRACT, revocation, fine)).toEqual(fine);
  });
});
