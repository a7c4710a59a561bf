import { match } from 'ts-pattern';
import type { CompareRow, ExploreResult, PropertyResult, StepRecord } from '../engine/index.ts';
import { counted, initialWorld, type Design, type WorldParams } from '../model/index.ts';
import type { Violation } from '../properties/index.ts';
import { traceDiagram } from '../trace/index.ts';
import { compareMarkdown } from './compare-report.ts';
import { stepsOf } from './explore-report.ts';
import type { CompareCliOptions, ExploreCliOptions } from '../options/index.ts';

/**
 * What a GitHub Actions job shows: an `::error` workflow command per
 * violated property (an annotation on the run), and a Markdown job
 * summary: the results as a table and the shortest counterexample of each
 * violated property as a Mermaid sequence diagram, which GitHub renders.
 */

/** A counterexample as the summary draws it. */
interface Found {
  readonly violation: Violation;
  readonly steps: readonly StepRecord[];
}

/** One property's line of the summary table, and its counterexamples when violated, shortest first. */
export interface Judged {
  readonly property: string;
  readonly status: string;
  readonly detail: string;
  readonly found: readonly Found[];
}

/** `check`'s results as summary lines. */
export function checkJudged(results: readonly PropertyResult[]): Judged[] {
  return results.map((r) =>
    match(r)
      .with({ status: 'violated' }, (x) => {
        const found = [...x.counterexamples].sort((a, b) => a.steps.length - b.steps.length);
        const causes = x.counterexamples.map((c) => c.violation.cause).filter((c) => c !== undefined);
        return { property: x.property, status: 'violated', detail: `${counted(found[0]!.steps.length, 'step')}${causes.length > 0 ? `; causes: ${causes.join(', ')}` : ''}`, found };
      })
      .with({ status: 'held' }, (x) => ({ property: x.property, status: 'held', detail: counted(x.runs, 'random run'), found: [] }))
      .with({ status: 'inconclusive' }, (x) => ({ property: x.property, status: 'inconclusive', detail: x.bound, found: [] }))
      .with({ status: 'n/a' }, (x) => ({ property: x.property, status: 'n/a', detail: x.why, found: [] }))
      .with({ status: 'error' }, (x) => ({ property: x.property, status: 'error', detail: x.message, found: [] }))
      .exhaustive(),
  );
}

/** `explore`'s verdicts as summary lines. */
export function exploreJudged(options: ExploreCliOptions, result: ExploreResult): Judged[] {
  return result.verdicts.map((v) =>
    match(v)
      .with({ status: 'violated' }, (x) => ({ property: x.property, status: 'violated', detail: `shortest: ${counted(x.trace.length, 'step')}${x.violation.cause === undefined ? '' : ` (${x.violation.cause})`}`, found: [{ violation: x.violation, steps: stepsOf(options, x) }] }))
      .with({ status: 'held' }, (x) => ({ property: x.property, status: 'held', detail: 'the whole state space', found: [] }))
      .with({ status: 'inconclusive' }, (x) => ({ property: x.property, status: 'inconclusive', detail: `${x.bound} (depth ${x.depth})`, found: [] }))
      .with({ status: 'n/a' }, (x) => ({ property: x.property, status: 'n/a', detail: x.why, found: [] }))
      .with({ status: 'error' }, (x) => ({ property: x.property, status: 'error', detail: x.message, found: [] }))
      .exhaustive(),
  );
}

/** The `::error` lines: one per counterexample (a violated property has one per cause), for a run on `design`. */
export function annotations(design: Design, params: WorldParams, judged: readonly Judged[], repeat: string): string[] {
  return judged.flatMap((j) =>
    j.found.map(({ violation, steps }) => {
      const title = `${j.property}${violation.cause === undefined ? '' : ` [${violation.cause}]`} violated on ${design.id} (${params.arch})`;
      return `::error title=${property(title)}::${data(`${violation.message} (${counted(steps.length, 'step')}; ${repeat})`)}`;
    }),
  );
}

/** The Markdown summary of a `check` or `explore` run: the table, then each violated property's shortest counterexample. */
export function summaryMarkdown(heading: string, design: Design, params: WorldParams, judged: readonly Judged[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`## ${heading}`, '', '| property | status | detail |', '| --- | --- | --- |', ...judged.map((j) => `| ${j.property} | ${j.status === 'violated' ? '**violated**' : j.status} | ${cell(j.detail)} |`), ''];
  for (const j of judged) {
    if (j.found.length === 0) continue;
    const { violation, steps } = j.found[0]!;
    const cause = violation.cause === undefined ? '' : ` [${violation.cause}]`;
    lines.push(`### ${j.property}${cause}: ${counted(steps.length, 'step')}`, '', violation.message, '', '```mermaid');
    lines.push(traceDiagram({ design, world: initialWorld(params), title: `${j.property}${cause} on ${design.id}, ${params.arch} MPU`, steps, violation, ending: null }).trimEnd());
    lines.push('```', '');
  }
  return `${lines.join('\n')}\n`;
}

/** The Markdown summary of a `compare` run: its table. */
export function compareSummary(options: CompareCliOptions, rows: readonly CompareRow[]): string {
  return `${['## tock-ipc-check compare', '', ...compareMarkdown(options, rows), ''].join('\n')}\n`;
}

/** A workflow command's message: `%`, CR and LF escaped. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as `data`, and `:` and `,` too. */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
