import { counted } from '../model/index.ts';
import { renameSync, writeFileSync } from 'node:fs';
import { match } from 'ts-pattern';
import type { CompareRow, ExploreResult, PropertyResult } from '../engine/index.ts';
import type { CheckOptions, ExploreCliOptions } from '../options/index.ts';
import { resultLines } from '../trace/index.ts';
import { verdictLines } from './explore-report.ts';

/**
 * JUnit XML for CI systems (`--reporter junit --output FILE`): one test
 * suite per command run, one test case per design and property (and
 * architecture, for `compare`). A violation is a failure whose text is the
 * counterexample as the text report prints it; `n/a` and `inconclusive` are
 * skipped with their reason; a model that threw is an error. The schema
 * the output keeps to is docs/junit.xsd.
 */

/** One test case, whatever command it came from. */
export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly outcome: 'passed' | 'failed' | 'skipped' | 'error';
  /** One line: why it failed, was skipped or errored; empty when it passed. */
  readonly message: string;
  /** The failure's type: the violation's cause, else the property. */
  readonly type?: string;
  /** The readable lines under the message (a counterexample's steps). */
  readonly text: readonly string[];
}

/** The cases of `check`'s results. */
export function checkCases(options: CheckOptions, results: readonly PropertyResult[]): JunitCase[] {
  return results.map((r) => {
    const base = { classname: options.design.id, name: r.property, text: resultLines(options.design.kinds, r) };
    return match(r)
      .with({ status: 'held' }, () => ({ ...base, outcome: 'passed' as const, message: '' }))
      .with({ status: 'violated' }, (x) => ({ ...base, outcome: 'failed' as const, message: x.counterexample.violation.message, type: x.counterexample.violation.cause ?? x.property }))
      .with({ status: 'n/a' }, (x) => ({ ...base, outcome: 'skipped' as const, message: `n/a: ${x.why}` }))
      .with({ status: 'inconclusive' }, (x) => ({ ...base, outcome: 'skipped' as const, message: `inconclusive: ${x.bound}` }))
      .with({ status: 'error' }, (x) => ({ ...base, outcome: 'error' as const, message: x.message }))
      .exhaustive();
  });
}

/** The cases of `explore`'s verdicts. */
export function exploreCases(options: ExploreCliOptions, result: ExploreResult): JunitCase[] {
  return result.verdicts.map((v) => {
    const base = { classname: options.design.id, name: v.property, text: verdictLines(options, v) };
    return match(v)
      .with({ status: 'held' }, () => ({ ...base, outcome: 'passed' as const, message: '' }))
      .with({ status: 'violated' }, (x) => ({ ...base, outcome: 'failed' as const, message: x.violation.message, type: x.violation.cause ?? x.property }))
      .with({ status: 'n/a' }, (x) => ({ ...base, outcome: 'skipped' as const, message: `n/a: ${x.why}` }))
      .with({ status: 'inconclusive' }, (x) => ({ ...base, outcome: 'skipped' as const, message: `inconclusive: ${x.bound}` }))
      .with({ status: 'error' }, (x) => ({ ...base, outcome: 'error' as const, message: x.message }))
      .exhaustive();
  });
}

/** The cases of `compare`'s rows: a cell holds no trace, so a failure says how long its counterexample is. */
export function compareCases(rows: readonly CompareRow[]): JunitCase[] {
  return rows.flatMap((row) =>
    row.cells.map(({ property, cell }) => {
      const base = { classname: `${row.design}.${row.arch}`, name: property, text: [] };
      return match(cell)
        .with({ status: 'held' }, () => ({ ...base, outcome: 'passed' as const, message: '' }))
        .with({ status: 'violated' }, (x) => ({ ...base, outcome: 'failed' as const, message: `violated by a counterexample of ${counted(x.steps, 'step')}${x.cause === null ? '' : ` (${x.cause})`}; run check --design ${row.design} --arch ${row.arch} for its steps`, type: x.cause ?? property }))
        .with({ status: 'n/a' }, () => ({ ...base, outcome: 'skipped' as const, message: 'n/a' }))
        .with({ status: 'inconclusive' }, (x) => ({ ...base, outcome: 'skipped' as const, message: `inconclusive: ${x.bound}` }))
        .with({ status: 'error' }, (x) => ({ ...base, outcome: 'error' as const, message: x.message }))
        .exhaustive();
    }),
  );
}

/** The document: one `testsuites` holding one `testsuite` named `suite`. */
export function junitXml(suite: string, cases: readonly JunitCase[], seconds: number): string {
  const count = (o: JunitCase['outcome']) => cases.filter((c) => c.outcome === o).length;
  const totals = `tests="${cases.length}" failures="${count('failed')}" errors="${count('error')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="tock-ipc-check" ${totals}>`, `  <testsuite name="${attr(suite)}" ${totals}>`];
  for (const c of cases) {
    const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0"`;
    const body = match(c.outcome)
      .with('passed', () => null)
      .with('failed', () => `      <failure message="${attr(c.message)}" type="${attr(c.type ?? c.name)}">${text(c.text)}</failure>`)
      .with('error', () => `      <error message="${attr(c.message)}" type="model-threw">${text(c.text)}</error>`)
      .with('skipped', () => `      <skipped message="${attr(c.message)}"/>`)
      .exhaustive();
    lines.push(...(body === null ? [`${open}/>`] : [`${open}>`, body, '    </testcase>']));
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** Writes the report whole or not at all: to a temporary file beside it, then renamed over it. */
export function writeReport(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/** Characters XML 1.0 cannot hold at all: dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function attr(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function text(lines: readonly string[]): string {
  return lines.join('\n').replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
