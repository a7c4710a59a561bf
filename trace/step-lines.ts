import { match } from 'ts-pattern';
import { counted, formatAction, type KindTable } from '../model/index.ts';
import { WITNESS_UNREACHED } from '../properties/index.ts';
import type { Counterexample, PropertyResult, StepRecord } from '../engine/index.ts';

/** Numbered steps: each action, what it returned, and the note. */
export function stepLines(kinds: KindTable, steps: readonly StepRecord[]): string[] {
  const width = Math.max(0, ...steps.map((s) => formatAction(kinds, s.action).length));
  return steps.map((s, i) => `${String(i + 1).padStart(4)}. ${formatAction(kinds, s.action).padEnd(width)}  -> ${s.outcome.result}: ${s.outcome.note}`);
}

/** One property's verdict; each violation found comes with its trace as numbered steps. */
export function resultLines(kinds: KindTable, result: PropertyResult): string[] {
  return match(result)
    .with({ status: 'held' }, (r) => [`held      ${r.property}: no violation in ${counted(r.runs, 'random trace')}${alsoDirected(r.directedStates)}`])
    .with({ status: 'inconclusive' }, (r) => [
      r.bound.startsWith(WITNESS_UNREACHED)
        ? `inconclusive ${r.property}: no violation in ${counted(r.runs, 'random trace')}${alsoDirected(r.directedStates)}, but it was never put to the test: no trace reached a step where ${r.bound.slice(WITNESS_UNREACHED.length)}`
        : `inconclusive ${r.property}: no violation found before the ${r.bound}`,
    ])
    .with({ status: 'n/a' }, (r) => [`n/a       ${r.property}: ${r.why}`])
    .with({ status: 'error' }, (r) => [
      `ERROR     ${r.property}: the model threw at step ${r.trace.length}: ${r.message}`,
      '          the trace that makes it throw (a bug of the design or of the checker, not a violation):',
      ...r.trace.map((a, i) => `${String(i + 1).padStart(4)}. ${formatAction(kinds, a)}`),
    ])
    .with({ status: 'violated' }, (r) => r.counterexamples.flatMap((cx) => counterexampleLines(kinds, r.property, cx)))
    .exhaustive();
}

function alsoDirected(states: number): string {
  return states === 0 ? '' : ` nor in a directed search of up to ${states} states`;
}

function counterexampleLines(kinds: KindTable, property: string, cx: Counterexample): string[] {
  const cause = cx.violation.cause === undefined ? '' : ` [${cx.violation.cause}]`;
  return [
    `VIOLATED  ${property}${cause}: ${cx.violation.message}`,
    `          counterexample of ${counted(cx.steps.length, 'step')} (${cx.engine} search, shrunk from ${cx.foundLength}); the last step breaks it:`,
    ...stepLines(kinds, cx.steps),
  ];
}
