/** Traces and their files: the counterexample format, saving, replay, minimizing a file, the renderings (steps, Mermaid, ITF, world diffs). */
export * from './action-check.ts';
export * from './counterexample-file.ts';
export * from './fingerprint.ts';
export * from './itf.ts';
export * from './mermaid.ts';
export * from './minimize-file.ts';
export * from './replay.ts';
export * from './replay-file.ts';
export * from './save.ts';
export * from './step-lines.ts';
export * from './version.ts';
export * from './world-diff.ts';
