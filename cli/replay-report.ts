import { formatAction } from '../model/index.ts';
import type { CounterexampleFile, ReplayResult } from '../trace/index.ts';

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
  // NOT REPRODUCED says it in its reason; a reproduction on a changed model is worth a word too (the steps' notes may differ from the file's).
  if (replay.kind === 'reproduced' && replay.fingerprintNow !== file.model.fingerprint) {
    lines.push(`  (the model changed since the file was written: fingerprint ${file.model.fingerprint}, now ${replay.fingerprintNow})`);
  }
  return lines;
}
