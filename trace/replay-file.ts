import { readFileSync } from 'node:fs';
import { parseCounterexample, type CounterexampleFile } from './counterexample-file.ts';
import { replayCounterexample, type ReplayResult } from './replay.ts';

/** A file read, validated and replayed; or why it could not be. */
export type ReplayedFile =
  | { readonly kind: 'replayed'; readonly file: CounterexampleFile; readonly replay: Exclude<ReplayResult, { kind: 'invalid' }> }
  | { readonly kind: 'invalid'; readonly problem: string };

/** Reads, validates and replays the file at `path`; never throws on bad input. */
export function replayPath(path: string): ReplayedFile {
  const text = readText(path);
  if (!text.ok) return { kind: 'invalid', problem: text.problem };
  const parsed = parseCounterexample(text.text);
  if (!parsed.ok) return { kind: 'invalid', problem: parsed.problem };
  const replay = replayCounterexample(parsed.file);
  if (replay.kind === 'invalid') return { kind: 'invalid', problem: replay.problem };
  return { kind: 'replayed', file: parsed.file, replay };
}

/** A file's text, or why it cannot be read (one phrase, for `FILE: problem`). */
export function readText(path: string): { ok: true; text: string } | { ok: false; problem: string } {
  try {
    // A byte-order mark (as some editors write) is not part of the JSON.
    return { ok: true, text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (e as Error).message})` };
  }
}
