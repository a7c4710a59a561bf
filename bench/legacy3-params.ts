/**
 * The bounds of the benchmark model's `legacy-3` transition system: `clients`
 * (C), the restart bound per process (G), the task-queue capacity per
 * process (Q) and the service's free MPU regions (R).
 */
export interface Legacy3Params {
  readonly clients: number;
  readonly restarts: number;
  readonly queue: number;
  readonly regions: number;
}

/** the benchmark model's defaults: C=2, G=1, Q=2, R=1. */
export const DEFAULT_PARAMS: Legacy3Params = { clients: 2, restarts: 1, queue: 2, regions: 1 };

/**
 * The larger set: 3,731,274 distinct states and 37,941,597 transitions, about
 * 5 s for the plain BFS on the 2-core bench machine; far below V8's
 * 2^24-entry `Set`/`Map`. (Q=5 has 13.9M states, C=3 Q=1 2.6M, C=3 Q=2 46M.)
 */
export const LARGER_PARAMS: Legacy3Params = { clients: 2, restarts: 1, queue: 4, regions: 1 };

/**
 * The large set, behind `npm run bench -- --large`: 46,108,998 distinct
 * states, minutes per engine; past V8's 2^24-entry `Set`, so it measures
 * what a state costs in bytes.
 */
export const LARGE_PARAMS: Legacy3Params = { clients: 3, restarts: 1, queue: 2, regions: 1 };

/** `C=2 G=1 Q=2 R=1`: how params are printed in tables and file names. */
export function paramsLabel(p: Legacy3Params): string {
  return `C=${p.clients} G=${p.restarts} Q=${p.queue} R=${p.regions}`;
}
