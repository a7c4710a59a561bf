/**
 * The public API of tock-ipc-check: `check`, `explore`, `compare`,
 * `replay` and `minimize` from code; the
 * model's types and helpers, the built-in designs and properties, and
 * `defineDesign` / `defineProperty`, which type-check what a file exports
 * for `--design ./my-design.ts` and `--property-file ./my-property.ts`.
 * The vitest matcher is `tock-ipc-check/vitest`.
 */
export * from './model/index.ts';
export * from './properties/index.ts';
export { check, compare, explore, minimize, replay, type CheckReport, type CheckRequest, type CompareRequest, type ExploreRequest, type ModelRequest } from './api/index.ts';
export type { Cell, CompareRow, Counterexample, CoverageReport, ExploreResult, ExploreVerdict, PropertyResult, StepRecord } from './engine/index.ts';
export type { CounterexampleFile, MinimizeResult, ReplayedFile, ReplayResult } from './trace/index.ts';
