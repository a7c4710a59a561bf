import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/bench-options.ts';
import type { BenchFigures } from '../../bench/engine.ts';
import { DEFAULT_PARAMS, LARGER_PARAMS } from '../../bench/legacy3-params.ts';
import { rotated, summarize } from '../../bench/repeats.ts';

const run = (engine: string, seconds: number, extra: Partial<BenchFigures> = {}): BenchFigures => ({
  engine,
  params: DEFAULT_PARAMS,
  states: 100,
  transitions: 1000,
  seconds,
  peakRssMiB: seconds * 10,
  violations: null,
  ...extra,
});

describe('repeated bench runs', () => {
  it('sums up each engine at each parameter set by its fastest run and the median time', () => {
    const summaries = summarize([run('ours', 3), run('plain', 1), run('ours', 2), run('ours', 2, { params: LARGER_PARAMS }), run('ours', 5), run('plain', 4)]);
    expect(summaries.map((s) => [s.best.engine, s.best.params, s.best.seconds, s.best.peakRssMiB, s.medianSeconds, s.runs])).toEqual([
      ['ours', DEFAULT_PARAMS, 2, 20, 3, 3],
      ['plain', DEFAULT_PARAMS, 1, 10, 2.5, 2],
      ['ours', LARGER_PARAMS, 2, 20, 2, 1],
    ]);
  });

  it('rotates the engine order from round to round', () => {
    expect([0, 1, 2, 3].map((round) => rotated(['a', 'b', 'c'], round).join(''))).toEqual(['abc', 'bca', 'cab', 'abc']);
  });

  it('takes --repeat from 1 to 20, and names a bad value', () => {
    expect(parseBenchArgs([])).toEqual({ repeat: 1, large: false });
    expect(parseBenchArgs(['--repeat', '3'])).toEqual({ repeat: 3, large: false });
    expect(parseBenchArgs(['--large'])).toEqual({ repeat: 1, large: true });
    for (const bad of ['0', '21', '1.5', 'x', '', '-1']) expect(() => parseBenchArgs(['--repeat', bad])).toThrow(`--repeat must be an integer from 1 to 20, got '${bad}'`);
    expect(() => parseBenchArgs(['--repeat', '2', '--repeat', '3'])).toThrow("--repeat given twice ('2', then '3'); it takes one value");
    expect(() => parseBenchArgs(['--repeat', '--large'])).toThrow("--repeat needs a value, but '--large' follows it");
    expect(() => parseBenchArgs(['--fast'])).toThrow(/Unknown option '--fast'/);
  });
});
