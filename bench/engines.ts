import type { BenchEngine } from './engine.ts';
import { oursEngine } from './ours.ts';
import { plainBfsEngine } from './plain-bfs.ts';
import { spinEngine } from './spin.ts';

/**
 * The engines `npm run bench` runs, in table order; adding one is adding
 * its entry. The engine with id `ours` (the project's `explore`, one
 * thread), when present, is the reference of the ratio column; otherwise
 * `plain` is. `ours-2w` is the same search in two worker threads.
 */
export const ENGINES: readonly BenchEngine[] = [oursEngine(1), oursEngine(2), plainBfsEngine, spinEngine];
