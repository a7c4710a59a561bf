import { describe, expect, it } from 'vitest';
import { minimizeTrace } from '../../checker/minimize.ts';
import { runTrace } from '../../checker/trace-run.ts';
import { defaultParams, designById, type Action } from '../../model/index.ts';
import { propertyById } from '../../properties/index.ts';

const ABSTRACT = defaultParams('abstract');
const design = designById('tock-2.2')!;
const revocation = propertyById('revocation')!;

/** 40 steps: noise around the four that matter (share, notify, deliver, unallow). */
const noisy: Action[] = [
  { type: 'discover', by: 2, name: 'service' },
  { type: 'subscribe', by: 2, upcall: 0 },
  { type: 'share', by: 1, to: 0, buffer: 0 },
  ...Array.from({ length: 8 }, (_, i): Action => ({ type: 'discover', by: 2, name: i % 2 ? 'client1' : 'service' })),
  { type: 'notify', by: 2, to: 1, kind: 'client' },
  { type: 'notify', by: 1, to: 0, kind: 'service' },
  ...Array.from({ length: 10 }, (_, i): Action => ({ type: 'discover', by: 0, name: i % 2 ? 'client2' : 'client1' })),
  { type: 'subscribe', by: 0, upcall: 1 },
  { type: 'deliver', process: 0 },
  ...Array.from({ length: 10 }, (): Action => ({ type: 'discover', by: 2, name: 'client2' })),
  { type: 'notify', by: 2, to: 0, kind: 'service' },
  { type: 'deliver', process: 0 },
  { type: 'unallow', by: 1, to: 0 },
  { type: 'discover', by: 2, name: 'service' },
  { type: 'discover', by: 1, name: 'service' },
];

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
