import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, type Action } from '../model/index.ts';
import { formatCounterexample, type CounterexampleFile } from './counterexample-file.ts';

/** Where a counterexample went: a new file, or an identical one already there. */
export interface Saved {
  readonly path: string;
  readonly status: 'written' | 'unchanged';
}

/** Eight hex digits naming a trace. */
export function traceHash(trace: readonly Action[]): string {
  return createHash('sha256').update(canonicalJson(trace)).digest('hex').slice(0, 8);
}

/** Writes `file` as `<dir>/<design>/<property>-<trace hash>.json`; see `saveInFolder`. */
export function saveCounterexample(dir: string, file: CounterexampleFile): Saved {
  return saveInFolder(join(dir, file.model.design), file);
}

/**
 * Writes `file` as `<folder>/<property>-<trace hash>.json`. An identical
 * file there is left alone; a different file with that name is never
 * overwritten: the next free `-2`, `-3`... name is used instead.
 */
export function saveInFolder(folder: string, file: CounterexampleFile): Saved {
  mkdirSync(folder, { recursive: true });
  const text = formatCounterexample(file);
  const base = `${file.property}-${traceHash(file.trace)}`;
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? `${base}.json` : `${base}-${n}.json`);
    if (!existsSync(path)) {
      writeFileSync(path, text, { flag: 'wx' });
      return { path, status: 'written' };
    }
    if (readFileSync(path, 'utf8') === text) return { path, status: 'unchanged' };
  }
}
