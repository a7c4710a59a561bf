import { describe, expect, it } from 'vitest';
import { stateCountMismatches, transitionCountMismatches, violationMismatches } from '../../bench/agreement.ts';
import type { BenchFigures } from '../../bench/engine.ts';
import { DEFAULT_PARAMS, LARGER_PARAMS } from '../../bench/legacy3-params.ts';

const figures = (engine: string, states: number, extra: Partial<BenchFigures> = {}): BenchFigures => ({
  engine,
  params: DEFAULT_PARAMS,
  states,
  transitions: 10,
  seconds: 1,
  peakRssMiB: 1,
  violations: null,
  ...extra,
});

describe('agreement checks', () => {
  it('names the parameter set and every engine when state counts differ', () => {
    const runs = [figures('plain', 5), figures('spin', 6), figures('plain', 7, { params: LARGER_PARAMS }), figures('spin', 7, { params: LARGER_PARAMS })];
    expect(stateCountMismatches(runs)).toEqual(['distinct states differ at C=2 G=1 Q=2 R=1: plain 5, spin 6']);
    expect(transitionCountMismatches(runs)).toEqual([]);
  });

  it('compares which properties are violated and at what depth', () => {
    const plain = figures('plain', 1, { violations: { isolation: 6, 'graceful-exhaustion': 9, 'stale-generation': null } });
    const spin = figures('spin', 1, { violations: { isolation: 6, 'graceful-exhaustion': 8, 'stale-generation': 4 } });
    expect(violationMismatches([plain, spin])).toEqual([
      'graceful-exhaustion at C=2 G=1 Q=2 R=1: plain violated at depth 9, spin violated at depth 8',
      'stale-generation at C=2 G=1 Q=2 R=1: plain holds, spin violated at depth 4',
    ]);
    expect(violationMismatches([plain, plain])).toEqual([]);
  });
});
