import { actorOf, formatAction, kindOf, type Action, type Design, type World } from '../model/index.ts';
import type { CounterexampleFile } from './counterexample-file.ts';
import type { ReplayResult } from './replay.ts';
import type { Violation } from '../properties/index.ts';

/**
 * A replayed counterexample as a Mermaid sequence diagram, which code
 * hosts render in Markdown: the kernel and each process are participants,
 * syscalls go to the kernel and return, kernel steps go to the process, a
 * restart shows the new generation, and the violating step is shaded with
 * the violation as a note.
 */
export function mermaidDiagram(file: CounterexampleFile, world: World, replay: Exclude<ReplayResult, { kind: 'invalid' }>): string {
  const cause = file.cause === null ? '' : ` [${file.cause}]`;
  return traceDiagram({
    design: replay.design,
    world,
    title: `${file.property}${cause} on ${file.model.design}, ${file.model.params.arch} MPU`,
    steps: replay.steps,
    violation: replay.kind === 'reproduced' ? replay.violation : null,
    ending: replay.kind === 'not-reproduced' ? `not reproduced: ${replay.why}` : null,
  });
}

/** A trace as a sequence diagram: `violation`, when given, shades the last step; `ending`, when given, closes it as a note. */
export function traceDiagram(trace: {
  readonly design: Design;
  readonly world: World;
  readonly title: string;
  readonly steps: readonly { readonly action: Action; readonly outcome: { readonly result: string; readonly note: string } }[];
  readonly violation: Violation | null;
  readonly ending: string | null;
}): string {
  const { design, world, steps, violation } = trace;
  const lines = ['sequenceDiagram', '  participant K as kernel'];
  world.processes.forEach((slot, i) => lines.push(`  participant P${i} as ${text(`#${i} ${slot.name}`)}`));
  lines.push(`  Note over K: ${text(trace.title)}`);
  const last = violation === null ? -1 : steps.length - 1;
  steps.forEach((s, i) => {
    const body = stepLines(design, i + 1, s.action, `${s.outcome.result}: ${s.outcome.note}`);
    if (i !== last || violation === null) {
      lines.push(...body);
      return;
    }
    const who = `P${actorOf(design.kinds, s.action)}`;
    lines.push('  rect rgb(255, 221, 221)', ...body.map((l) => `  ${l}`), `    Note over K,${who}: ${text(`VIOLATION ${violation.property}: ${violation.message}`)}`, '  end');
  });
  if (trace.ending !== null) lines.push(`  Note over K: ${text(trace.ending)}`);
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

