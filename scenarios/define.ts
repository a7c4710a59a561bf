import { actionParser, designById, type Action } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

/**
 * A scenario written as the reports print traces: one step per line, the
 * action as its kind formats it, then optionally `-> RESULT`, the result
 * the step must return on design `readAs` (`SUCCESS(0)`, `NOMEM`, `UPCALL`,
 * `DROPPED`...). Blank lines and `//` comments are skipped. For example:
 *
 *     #1 discover "service"               -> SUCCESS(0)
 *     #1 notify-service #0                -> SUCCESS
 *     kernel runs #0 (dequeue one task)   -> IPC
 *
 * Throws naming the scenario and the line when a line reads as no action
 * of `readAs` (a bug in the project's own scenarios, caught by its tests).
 */
export interface ScenarioText extends Omit<Scenario, 'trace' | 'results'> {
  /** The design whose action kinds the steps are read with, and whose results the `->` column states. */
  readonly readAs: string;
  readonly steps: string;
}

/** The scenario the text describes. */
export function defineScenario(text: ScenarioText): Scenario {
  const { readAs, steps, ...rest } = text;
  const design = designById(readAs);
  if (design === undefined) throw new Error(`scenario ${text.id}: unknown design '${readAs}'`);
  const parse = actionParser(design.kinds);
  const trace: Action[] = [];
  const results: (string | null)[] = [];
  steps.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') return;
    const arrow = line.lastIndexOf('->');
    const actionText = arrow < 0 ? line : line.slice(0, arrow);
    const parsed = parse(actionText);
    if (!parsed.ok) throw new Error(`scenario ${text.id}, line ${i + 1}: ${parsed.error}`);
    trace.push(parsed.action);
    results.push(arrow < 0 ? null : line.slice(arrow + 2).trim());
  });
  return { ...rest, trace, results: { [readAs]: results } };
}
