/** The single-thread packed explorer, and the parts of it the parallel explorer shares. */
export { explorePacked } from './packed-bfs.ts';
export * from './canonical.ts';
export * from './expander.ts';
export * from './packed-set.ts';
export * from './shared-interner.ts';
export * from './shared-memo.ts';
export * from './slot-table.ts';
export * from './trace-to.ts';
