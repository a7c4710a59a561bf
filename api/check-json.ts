import { match } from 'ts-pattern';
import type { CoverageReport, Counterexample, PropertyResult } from '../engine/index.ts';
import type { CheckOptions } from '../options/index.ts';
import { TOOL_VERSION } from '../trace/index.ts';

/** What `check --json` prints (and the API's `check` returns), but the files saved. */
export type CheckReport = ReturnType<typeof checkJson>;

/** The `--json` document: one object, stable field order. */
export function checkJson(options: CheckOptions, results: readonly PropertyResult[], coverage: CoverageReport) {
  return {
    tool: 'tock-ipc-check',
    version: TOOL_VERSION,
    design: options.design.id,
    params: options.params,
    seed: options.seed,
    runs: options.runs,
    maxSteps: options.maxSteps,
    results: results.map((r) =>
      match(r)
        .with({ status: 'held' }, (x) => ({ property: x.property, status: x.status, runs: x.runs, directedStates: x.directedStates }))
        .with({ status: 'inconclusive' }, (x) => ({ property: x.property, status: x.status, runs: x.runs, directedStates: x.directedStates, bound: x.bound }))
        .with({ status: 'n/a' }, (x) => ({ property: x.property, status: x.status, why: x.why }))
        .with({ status: 'error' }, (x) => ({ property: x.property, status: x.status, message: x.message, trace: x.trace }))
        .with({ status: 'violated' }, (x) => ({
          property: x.property,
          status: x.status,
          message: x.counterexample.violation.message,
          counterexample: counterexampleJson(x.counterexample),
          counterexamples: x.counterexamples.map(counterexampleJson),
        }))
        .exhaustive(),
    ),
    coverage,
  };
}

function counterexampleJson(cx: Counterexample): object {
  return {
    cause: cx.violation.cause ?? null,
    message: cx.violation.message,
    trace: cx.trace,
    steps: cx.steps.map((s) => ({ action: s.action, result: s.outcome.result, note: s.outcome.note })),
    violatedAtStep: cx.steps.length,
    engine: cx.engine,
    foundLength: cx.foundLength,
    fastCheckPath: cx.path,
  };
}
