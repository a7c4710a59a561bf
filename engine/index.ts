/**
 * The searches: a library that takes options and returns results. Nothing
 * here prints, writes a file or sets an exit code.
 */
export * from './bfs.ts';
export * from './compare.ts';
export * from './coverage.ts';
export type { Budget } from './budget.ts';
export * from './directed.ts';
export * from './explore.ts';
export * from './minimize.ts';
export * from './model-threw.ts';
export * from './random.ts';
export * from './state-key.ts';
export * from './trace-run.ts';
export { explorePacked } from './packed/index.ts';
export { exploreParallel } from './parallel/index.ts';
export * from './scenario-run.ts';
export * from './explore-shards.ts';
export * from './mutants.ts';
export * from './mutation.ts';
export { EQUIVALENT_MUTANTS } from './equivalent-mutants.ts';
