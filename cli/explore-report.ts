import { stepLines, TOOL_VERSION } from '../trace/index.ts';
import { counted, defaultParams, formatAction, SIZE_PARAM_NAMES, symmetric } from '../model/index.ts';
import { modelHeader } from './check-report.ts';
import { propertyFiles, sourceOf, type ExploreCliOptions } from '../options/index.ts';
import { PROPERTIES, WITNESS_UNREACHED } from '../properties/index.ts';
import { ALL_VIOLATED, MODEL_THREW, runTrace, type CoverageReport, type ExploreResult, type ExploreVerdict, type StepRecord } from '../engine/index.ts';

/** How long a search took and the most memory the process held, measured by the CLI around it. */
export interface Measured {
  readonly seconds: number;
  readonly peakRssMiB: number;
}

/** The header of an `explore` report. */
export function exploreHeader(options: ExploreCliOptions): string[] {
  return [
    ...modelHeader('explore', options),
    `breadth-first search: up to depth ${options.maxDepth}, at most ${options.maxStates} states; ${symmetryNote(options)}`,
    '',
  ];
}

/** Whether client symmetry reduces the search, and why not when it does not. */
function symmetryNote(options: ExploreCliOptions): string {
  if (!options.symmetry) return 'client symmetry off (--no-symmetry)';
  if (options.params.clients < 2) return 'client symmetry: nothing to reduce with one client';
  if (options.design.symmetric === undefined) return `client symmetry off: design ${options.design.id} declares none`;
  if (options.params.impostor === 1) return 'client symmetry off: the impostor client is not like the others';
  if (!symmetric(options.design, options.params)) return `client symmetry off: the ${options.params.arch} MPU does not place regions alike in every client's memory (the commuting test failed)`;
  return `client symmetry on: one world per permutation of the ${options.params.clients} clients (--no-symmetry for every world)`;
}

/** The arguments of `explore` that give this search again (not how it prints or saves): every option off its default. */
export function exploreArgs(options: ExploreCliOptions): string[] {
  const defaults = defaultParams(options.params.arch);
  const args = ['--design', sourceOf(options.design) ?? options.design.id, '--arch', options.params.arch];
  propertyFiles().forEach((file) => args.push('--property-file', file));
  for (const key of [...SIZE_PARAM_NAMES, 'regions'] as const) {
    if (options.params[key] !== defaults[key]) args.push(`--${key}`, String(options.params[key]));
  }
  for (const [name, value] of Object.entries(options.params.design ?? {})) args.push('--param', `${name}=${value}`);
  args.push('--max-depth', String(options.maxDepth), '--max-states', String(options.maxStates));
  if (!options.symmetry) args.push('--no-symmetry');
  if (options.properties.length < PROPERTIES.length) options.properties.forEach((p) => args.push('--property', p.id));
  return args;
}

/** The steps of a verdict's trace with their outcomes, for people. */
export function stepsOf(options: ExploreCliOptions, verdict: Extract<ExploreVerdict, { status: 'violated' }>): readonly StepRecord[] {
  return runTrace(options.design, options.params, [], verdict.trace).steps;
}

/** One property's verdict; a violation comes with its shortest trace. */
export function verdictLines(options: ExploreCliOptions, v: ExploreVerdict): string[] {
  if (v.status === 'held') return [`held          ${v.property}: no violation in the whole state space`];
  if (v.status === 'n/a') return [`n/a           ${v.property}: ${v.why}`];
  if (v.status === 'inconclusive' && v.bound.startsWith(WITNESS_UNREACHED)) {
    return [`inconclusive  ${v.property}: no violation in the whole state space, but it was never put to the test: no step is one where ${v.bound.slice(WITNESS_UNREACHED.length)}`];
  }
  if (v.status === 'inconclusive') return [`inconclusive  ${v.property}: no violation up to depth ${v.depth} (stopped by ${v.bound})`];
  if (v.status === 'error') {
    return [
      `ERROR         ${v.property}: the model threw at step ${v.trace.length}: ${v.message}`,
      '              the trace that makes it throw (a bug of the design or of the checker, not a violation):',
      ...v.trace.map((a, i) => `${String(i + 1).padStart(4)}. ${formatAction(options.design.kinds, a)}`),
    ];
  }
  const cause = v.violation.cause === undefined ? '' : ` [${v.violation.cause}]`;
  return [
    `VIOLATED      ${v.property}${cause}: ${v.violation.message}`,
    v.trace.length > options.maxDepth
      ? `              shortest counterexample, ${counted(v.trace.length, 'step')}, one past the depth bound: none of ${options.maxDepth} or fewer breaks it, and ${v.property}'s look-ahead found this last step:`
      : `              shortest counterexample, ${counted(v.trace.length, 'step')}; the last step breaks it:`,
    ...stepLines(options.design.kinds, stepsOf(options, v)),
  ];
}

/** The closing figures and, when a bound stopped the search, what that means for the verdicts. */
export function exploreSummary(options: ExploreCliOptions, result: ExploreResult, measured: Measured): string[] {
  const seconds = Math.max(measured.seconds, 1e-3);
  const lines = [
    '',
    `${counted(result.states, 'state')}, ${counted(result.transitions, 'transition')}, depth ${result.depthCovered} covered, ${measured.seconds.toFixed(1)} s, ${Math.round(result.states / seconds)} states/s, ${Math.round(result.transitions / seconds)} transitions/s, peak RSS ${measured.peakRssMiB} MiB`,
  ];
  const byThread = result.transitionsByThread;
  if (byThread !== undefined) {
    const shares = byThread.map((t) => `${Math.round((100 * t) / Math.max(result.transitions, 1))}%`);
    lines.push(`transitions by thread: ${shares.slice(0, -1).join(', ')} in the workers, ${shares.at(-1)} in the search's own thread (a worker joins once loaded)`);
  }
  if (result.bound === MODEL_THREW) lines.push('stopped because the model threw: a bug of the design or of the checker, not a verdict (exit 3)');
  else if (result.bound === ALL_VIOLATED) lines.push("stopped once every property was violated: nothing is left to find (exit 1)");
  else if (result.bound !== null) {
    const violated = result.verdicts.some((v) => v.status === 'violated');
    const exit = violated ? ' (exit 1: a property was violated)' : options.strict ? ' (--strict: exit 1)' : ' (exit 0; --strict makes this exit 1)';
    lines.push(`stopped by ${result.bound}: properties without a violation are inconclusive${exit}`);
  } else if (result.verdicts.some((v) => v.status === 'inconclusive')) {
    const violated = result.verdicts.some((v) => v.status === 'violated');
    const exit = violated ? ' (exit 1: a property was violated)' : options.strict ? ' (--strict: exit 1)' : ' (exit 0; --strict makes this exit 1)';
    lines.push(`the whole state space explored, but a property's witness went unreached: it is inconclusive, not held${exit}`);
  }
  return lines;
}

/** The `--json` document of `explore`. */
export function exploreJson(options: ExploreCliOptions, result: ExploreResult, measured: Measured, coverage: CoverageReport): object {
  return {
    tool: 'tock-ipc-check',
    version: TOOL_VERSION,
    engine: 'bfs',
    design: options.design.id,
    params: options.params,
    maxDepth: options.maxDepth,
    maxStates: options.maxStates,
    symmetry: options.symmetry && symmetric(options.design, options.params),
    workers: options.workers,
    states: result.states,
    transitions: result.transitions,
    depthCovered: result.depthCovered,
    bound: result.bound,
    seconds: measured.seconds,
    peakRssMiB: measured.peakRssMiB,
    results: result.verdicts.map((v) =>
      v.status === 'violated'
        ? {
            property: v.property,
            status: v.status,
            cause: v.violation.cause ?? null,
            message: v.violation.message,
            counterexample: {
              trace: v.trace,
              steps: stepsOf(options, v).map((s) => ({ action: s.action, result: s.outcome.result, note: s.outcome.note })),
            },
          }
        : v,
    ),
    coverage,
  };
}
