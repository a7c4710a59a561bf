import { actorOf, formatAction, kindOf, type Action, type Design, type World } from '../model/index.ts';
import type { CounterexampleFile } from './counterexample-file.ts';
import type { ReplayResult } from './replay.ts';

/**
 * A replayed counterexample as a Mermaid sequence diagram, which code
 * hosts render in Markdown: the kernel and each process are participants,
 * syscalls go to the kernel and return, kernel steps go to the process, a
 * restart shows the new generation, and the violating step is shaded with
 * the violation as a note.
 */
export function mermaidDiagram(file: CounterexampleFile, world: World, replay: Exclude<ReplayResult, { kind: 'invalid' }>): string {
  const lines = ['sequenceDiagram', '  participant K as kernel'];
  world.processes.forEach((slot, i) => lines.push(`  participant P${i} as ${text(`#${i} ${slot.name}`)}`));
  const cause = file.cause === null ? '' : ` [${file.cause}]`;
  lines.push(`  Note over K: ${text(`${file.property}${cause} on ${file.model.design}, ${file.model.params.arch} MPU`)}`);
  const last = replay.kind === 'reproduced' ? replay.steps.length - 1 : -1;
  replay.steps.forEach((s, i) => {
    const body = stepLines(replay.design, i + 1, s.action, `${s.outcome.result}: ${s.outcome.note}`);
    if (i !== last || replay.kind !== 'reproduced') {
      lines.push(...body);
      return;
    }
    const who = `P${actorOf(replay.design.kinds, s.action)}`;
    lines.push('  rect rgb(255, 221, 221)', ...body.map((l) => `  ${l}`), `    Note over K,${who}: ${text(`VIOLATION ${replay.violation.property}: ${replay.violation.message}`)}`, '  end');
  });
  if (replay.kind === 'not-reproduced') lines.push(`  Note over K: ${text(`not reproduced: ${replay.why}`)}`);
  return `${lines.join('\n')}\n`;
}

/** A syscall or access goes from the process to the kernel and returns; the kernel's own kinds go from the kernel to the process. */
function stepLines(design: Design, n: number, action: Action, result: string): string[] {
  const p = `P${actorOf(design.kinds, action)}`;
  if (kindOf(design.kinds, action).by === 'kernel') return [`  K->>${p}: ${text(`${n}. ${result}`)}`];
  return [`  ${p}->>K: ${text(`${n}. ${formatAction(design.kinds, action).replace(/^#\d+ /, '')}`)}`, `  K-->>${p}: ${text(result)}`];
}

/** Mermaid message text: `#` and `;` are written as entity codes, the only characters that would end or change a line. */
function text(s: string): string {
  // A line break or other control character would end the message line: a space instead. (`#` and `;` as Mermaid's entity codes.)
  return s.replace(/[#;\u0000-\u001f\u007f]/g, (c) => (c === '#' ? '#35;' : c === ';' ? '#59;' : ' '));
}

