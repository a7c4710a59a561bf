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
export { check, compare, explore, minimize, replay, type CheckRequest, type CompareRequest, type ExploreRequest, type ModelRequest } from './api/api.ts';
export type { Cell, CompareRow } from './engine/compare.ts';
export type { MinimizeResult } from './trace/minimize-file.ts';
export type { ReplayedFile } from './cli/replay-report.ts';
export type { CheckReport } from './cli/check-report.ts';
export type { ExploreResult, ExploreVerdict } from './engine/bfs.ts';
