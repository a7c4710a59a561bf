import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, type Action } from '../model/index.ts';
import type { Violation } from '../properties/index.ts';
import type { CheckOptions, ModelOptions } from '../options/index.ts';
import type { Counterexample, PropertyResult } from '../engine/index.ts';
import { formatCounterexample, newCounterexample, type CounterexampleFile } from './counterexample-file.ts';
import { modelFingerprint } from './fingerprint.ts';

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
 * overwritten: the next free `-2`, `-3`... name is used instead. The
 * file appears whole or not at all: it is written under a temporary name
 * and linked to its own, which fails rather than replace a file.
 */
export function saveInFolder(folder: string, file: CounterexampleFile): Saved {
  mkdirSync(folder, { recursive: true });
  const text = formatCounterexample(file);
  const base = `${file.property}-${traceHash(file.trace)}`;
  const temporary = join(folder, `.${base}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  try {
    for (let n = 1; ; n++) {
      const path = join(folder, n === 1 ? `${base}.json` : `${base}-${n}.json`);
      if (!existsSync(path)) {
        try {
          linkSync(temporary, path);
          return { path, status: 'written' };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
      }
      if (readFileSync(path, 'utf8') === text) return { path, status: 'unchanged' };
    }
  } finally {
    unlinkSync(temporary);
  }
}

/** A violation a search found, with the trace that shows it and how it was searched. */
export interface Found {
  readonly violation: Violation;
  readonly trace: readonly Action[];
  readonly search: CounterexampleFile['search'];
}

/** Saves each found violation of `model` under `dir` (see `saveCounterexample`). */
export function saveFound(dir: string, model: ModelOptions, found: readonly Found[]): Saved[] {
  if (found.length === 0) return [];
  const fingerprint = modelFingerprint(model.design, model.params);
  return found.map((f) =>
    saveCounterexample(
      dir,
      newCounterexample({
        model: { design: model.design.id, params: model.params, fingerprint },
        property: f.violation.property,
        cause: f.violation.cause ?? null,
        message: f.violation.message,
        search: f.search,
        trace: [...f.trace],
      }),
    ),
  );
}

/** One line for people: where a counterexample went. */
export function savedLine(saved: Saved): string {
  return `${saved.status === 'written' ? 'saved    ' : 'unchanged'} ${saved.path}`;
}

/** Saves every counterexample found, with the search that found it. */
export function saveAll(options: CheckOptions, dir: string, results: readonly PropertyResult[]): Saved[] {
  const search = (cx: Counterexample): Found['search'] =>
    cx.engine === 'directed'
      ? { engine: 'directed', maxStates: options.directedStates }
      : { engine: 'random', seed: options.seed, path: cx.path, runs: options.runs, maxSteps: options.maxSteps };
  const found = results.flatMap((r) => (r.status !== 'violated' ? [] : r.counterexamples.map((cx) => ({ ...cx, search: search(cx) }))));
  return saveFound(dir, options, found);
}
