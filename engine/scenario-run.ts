import { formatAction, type Design } from '../model/index.ts';
import { applies, PROPERTIES, type Property } from '../properties/index.ts';
import type { Scenario } from '../scenarios/index.ts';
import { runTrace } from './trace-run.ts';

/**
 * A scenario run on one design against what it expects there: `matched`,
 * or `differs` with the first step where the run and the expectation part
 * (the step number is 1-based; `action` is that step as reports print it).
 * `no-expectation`: the scenario says nothing of this design; it is run
 * only to report that, never passed over.
 */
export type ScenarioCheck =
  | { readonly scenario: string; readonly design: string; readonly status: 'matched'; readonly steps: number }
  | { readonly scenario: string; readonly design: string; readonly status: 'no-expectation' }
  | {
      readonly scenario: string;
      readonly design: string;
      readonly status: 'differs';
      readonly step: number;
      readonly action: string;
      readonly expected: string;
      readonly actual: string;
    };

/** A difference at `step`, before the first one is chosen. */
interface Difference {
  readonly step: number;
  readonly expected: string;
  readonly actual: string;
}

/**
 * Runs `scenario` on `design` and compares, step by step, whether each
 * action was enabled, the result it returned (where the scenario states
 * one), the step at which each property is first violated (or that it
 * never is; a property expected violated must apply to the design), and
 * where the apps end (`Scenario.end`); the first difference wins, a
 * result before a violation at the same step.
 */
export function checkScenario(scenario: Scenario, design: Design, properties: readonly Property[] = PROPERTIES): ScenarioCheck {
  const base = { scenario: scenario.id, design: design.id };
  const expected = scenario.expected[design.id];
  if (expected === undefined) return { ...base, status: 'no-expectation' };
  const differences: Difference[] = [];

  const run = runTrace(design, scenario.params, [], scenario.trace);
  if (run.kind === 'not-enabled') {
    differences.push({ step: run.index + 1, expected: 'the action enabled', actual: `not enabled (${run.enabled.length} actions are)` });
  }
  const results = scenario.results?.[design.id] ?? [];
  run.steps.forEach((s, i) => {
    const want = results[i];
    if (want !== null && want !== undefined && want !== s.outcome.result) {
      differences.push({ step: i + 1, expected: `result ${want}`, actual: `result ${s.outcome.result}: ${s.outcome.note}` });
    }
  });

  if (run.kind === 'completed' && scenario.end !== undefined) {
    const missing = scenario.end.missing(run.world);
    if (missing !== null) differences.push({ step: run.steps.length, expected: `to end where the apps mean to: ${scenario.end.says}`, actual: missing });
  }

  for (const property of properties) {
    const want = expected[property.id] ?? null;
    if (!applies(property, design)) {
      if (want !== null) differences.push({ step: want, expected: `${property.id} violated at step ${want}`, actual: `${property.id} n/a on ${design.id}` });
      continue;
    }
    const end = runTrace(design, scenario.params, [property], scenario.trace);
    const at = end.kind === 'violated' ? end.steps.length : null;
    if (at === want) continue;
    const violatedAt = (n: number | null) => (n === null ? `${property.id} holding throughout` : `${property.id} violated at step ${n}`);
    const detail = end.kind === 'violated' ? ` (${end.violation.message})` : '';
    differences.push({ step: Math.min(at ?? Infinity, want ?? Infinity), expected: violatedAt(want), actual: `${violatedAt(at)}${detail}` });
  }

  const first = differences.sort((a, b) => a.step - b.step)[0];
  if (first === undefined) return { ...base, status: 'matched', steps: scenario.trace.length };
  const action = scenario.trace[first.step - 1];
  return { ...base, status: 'differs', ...first, action: action === undefined ? '(after the last step)' : formatAction(design.kinds, action) };
}
