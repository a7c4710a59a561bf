import type { BenchEngine } from './engine.ts';
import { oursEngine } from './ours.ts';
import { plainBfsEngine } from './plain-bfs.ts';
import { spinEngine } from './spin.ts';

/**
 * The engines `npm run bench` runs, in table order; adding one is adding
 * its entry. The engine with id `ours` (the project's `explore`), when
 * present, is the reference of the ratio column; otherwise `plain` is.
 */
export const ENGINES: readonly BenchEngine[] = [oursEngine, plainBfsEngine, spinEngine];
