import type { Legacy3Params } from './legacy3-params.ts';
import type { ShortestViolations } from './legacy3-properties.ts';

/**
 * What one engine measured on one run of `legacy-3`. `transitions` counts
 * every enabled action taken from every expanded state, self-loops included
 * (not the initial state). `seconds` is the exploration alone, not start-up
 * or compilation; `peakRssMiB` is the peak resident set of the process that
 * explored. `violations` is null when properties were off.
 */
export interface BenchFigures {
  readonly engine: string;
  readonly params: Legacy3Params;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly violations: ShortestViolations | null;
}

/**
 * An exploration engine under benchmark. `run` explores the whole of
 * `legacy-3` at `params`: with `propertiesOn` false it counts every
 * reachable state; with it true a violating step is recorded and its target
 * not expanded. The bench calls `run` in a child process of its own, so
 * `run` may use all the memory it likes and report its own peak.
 */
export interface BenchEngine {
  readonly id: string;
  run(params: Legacy3Params, propertiesOn: boolean): Promise<BenchFigures>;
}
