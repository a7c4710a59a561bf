import { match } from 'ts-pattern';
import { propertyFiles, sourceOf } from '../options/user-modules.ts';
import { defaultParams, formatAction, initialWorld, SIZE_PARAM_NAMES, type KindTable } from '../model/index.ts';
import { PROPERTIES, WITNESS_UNREACHED } from '../properties/index.ts';
import { DEFAULT_DIRECTED_STATES, DEFAULT_MAX_STEPS, DEFAULT_RUNS, type CheckOptions, type ModelOptions } from '../options/check-options.ts';
import type { CoverageReport } from '../engine/coverage.ts';
import type { StepRecord } from '../engine/trace-run.ts';
import type { Counterexample, PropertyResult } from '../engine/random.ts';
import { TOOL_VERSION } from '../trace/version.ts';

/** The first lines of a readable report: the command, the design and the world it checks. */
export function modelHeader(command: string, options: ModelOptions): string[] {
  const p = options.params;
  const slots = initialWorld(p)
    .processes.map((s, i) => `#${i} ${s.name}`)
    .join(', ');
  return [
    `tock-ipc-check ${command}: design ${options.design.id} (${options.design.summary})`,
    `world: ${slots}; restarts <= ${p.restarts} each, queue ${p.queue}, ${p.buffers} buffer(s) each`,
    `MPU: ${p.arch}, --regions ${p.regions}${p.arch === 'abstract' ? ' (free for IPC)' : ''}`,
    ...(options.design.params ?? []).map((param) => `design parameter ${param.name}: ${p.design?.[param.name] ?? `${param.default} (default)`}`),
  ];
}

/** The header of a `check` report: the model, then the seed and budget that repeat the search. */
export function checkHeader(options: CheckOptions): string[] {
  return [
    ...modelHeader('check', options),
    `random search: seed ${options.seed}, ${options.runs} runs per property and kind of violation, traces up to ${options.maxSteps} steps`,
    options.directedStates === 0
      ? 'directed search: off'
      : `directed search: up to ${options.directedStates} states, for a property with a guide when random runs find nothing new`,
    '',
  ];
}

/** Numbered steps: each action, what it returned, and the note. */
export function stepLines(kinds: KindTable, steps: readonly StepRecord[]): string[] {
  const width = Math.max(0, ...steps.map((s) => formatAction(kinds, s.action).length));
  return steps.map((s, i) => `${String(i + 1).padStart(4)}. ${formatAction(kinds, s.action).padEnd(width)}  -> ${s.outcome.result}: ${s.outcome.note}`);
}

/** One property's verdict; each violation found comes with its trace as numbered steps. */
export function resultLines(kinds: KindTable, result: PropertyResult): string[] {
  return match(result)
    .with({ status: 'held' }, (r) => [`held      ${r.property}: no violation in ${r.runs} random traces${alsoDirected(r.directedStates)}`])
    .with({ status: 'inconclusive' }, (r) => [
      `inconclusive ${r.property}: no violation in ${r.runs} random traces${alsoDirected(r.directedStates)}, but none reached the situation it judges (${r.bound.slice(WITNESS_UNREACHED.length)})`,
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
    `          counterexample of ${cx.steps.length} steps (${cx.engine} search, shrunk from ${cx.foundLength}); the last step breaks it:`,
    ...stepLines(kinds, cx.steps),
  ];
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

/** The command line that repeats this check exactly: every option that differs from its default. */
export function repeatCommand(options: CheckOptions): string {
  const defaults = defaultParams(options.params.arch);
  const parts = ['tock-ipc-check check', `--design ${sourceOf(options.design) ?? options.design.id}`, `--arch ${options.params.arch}`];
  propertyFiles().forEach((file) => parts.push(`--property-file ${file}`));
  for (const key of [...SIZE_PARAM_NAMES, 'regions'] as const) {
    if (options.params[key] !== defaults[key]) parts.push(`--${key} ${options.params[key]}`);
  }
  for (const [name, value] of Object.entries(options.params.design ?? {})) parts.push(`--param ${name}=${value}`);
  if (options.runs !== DEFAULT_RUNS) parts.push(`--runs ${options.runs}`);
  if (options.maxSteps !== DEFAULT_MAX_STEPS) parts.push(`--max-steps ${options.maxSteps}`);
  if (options.directedStates !== DEFAULT_DIRECTED_STATES) parts.push(`--directed-states ${options.directedStates}`);
  parts.push(`--seed ${options.seed}`);
  if (options.properties.length < PROPERTIES.length) options.properties.forEach((p) => parts.push(`--property ${p.id}`));
  return parts.join(' ');
}

/** The closing line: counts and the command that repeats the run. */
export function summaryLine(options: CheckOptions, results: readonly PropertyResult[]): string {
  const count = (status: PropertyResult['status']) => results.filter((r) => r.status === status).length;
  const again = repeatCommand(options);
  if (count('held') === results.length) return `all ${results.length} properties held (random search, not a proof); repeat: ${again}`;
  const violated = count('violated');
  const others = (['error', 'held', 'inconclusive', 'n/a'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const head = violated > 0 ? `${violated} of ${results.length} properties violated` : `no property violated`;
  return `${[head, ...others].join(', ')}; repeat: ${again}`;
}

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
