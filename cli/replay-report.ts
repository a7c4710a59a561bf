import { readFileSync } from 'node:fs';
import { formatAction } from '../model/index.ts';
import { parseCounterexample, type CounterexampleFile } from '../trace/counterexample-file.ts';
import { replayCounterexample, type ReplayResult } from '../trace/replay.ts';

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
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { ok: false, problem: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

/** The narrative of a replay: header, each step with its outcome and changes, and the verdict. */
export function replayLines(path: string, file: CounterexampleFile, replay: Exclude<ReplayResult, { kind: 'invalid' }>): string[] {
  const p = file.model.params;
  const lines = [
    `replay ${path}`,
    `  design ${file.model.design}, ${p.arch} MPU (--regions ${p.regions}), ${p.clients} clients, ${p.buffers} buffers, restarts <= ${p.restarts}, queue ${p.queue}`,
    `  recorded: ${file.property}${file.cause === null ? '' : ` [${file.cause}]`}: ${file.message}`,
  ];
  const width = Math.max(0, ...replay.steps.map((s) => formatAction(replay.design.kinds, s.action).length));
  replay.steps.forEach((s, i) => {
    lines.push(`${String(i + 1).padStart(4)}. ${formatAction(replay.design.kinds, s.action).padEnd(width)}  -> ${s.outcome.result}: ${s.outcome.note}`);
    s.changes.forEach((c) => lines.push(`        ${c}`));
  });
  lines.push(
    replay.kind === 'reproduced'
      ? `REPRODUCED at step ${replay.steps.length}: ${replay.violation.property}: ${replay.violation.message}`
      : `NOT REPRODUCED: ${replay.why}`,
  );
  return lines;
}
