import { counted } from '../model/index.ts';
import { match } from 'ts-pattern';
import type { ScenarioCheck } from '../engine/index.ts';

/** One line per scenario run: matched, no expectation, or the first step that differs with what was expected and what happened. */
export function scenarioLine(check: ScenarioCheck): string {
  const name = `${check.scenario} on ${check.design}`;
  return match(check)
    .with({ status: 'matched' }, (c) => `matched      ${name} (${counted(c.steps, 'step')})`)
    .with({ status: 'no-expectation' }, () => `no expectation ${name}: the scenario states none for this design; not judged`)
    .with({ status: 'differs' }, (c) => `DIFFERS      ${name} at step ${c.step} (${c.action}): expected ${c.expected}; got ${c.actual}`)
    .exhaustive();
}

/** The last line: how many runs matched, differed, or had no expectation. */
export function scenarioSummary(checks: readonly ScenarioCheck[]): string {
  const count = (status: ScenarioCheck['status']) => checks.filter((c) => c.status === status).length;
  const none = count('no-expectation');
  return `${count('matched')} of ${checks.length} scenario runs matched, ${count('differs')} differ${none > 0 ? `, ${none} without expectation` : ''}`;
}
