/**
 * `npm run bench [-- --repeat N] [--large]`: builds the project's
 * JavaScript (the engines `ours` run it, worker threads included), then
 * every engine of `engines.ts` explores `legacy-3` with properties off at
 * the default and the larger parameters (and, with `--large`, the large
 * set, minutes per engine),
 * each run in a child process of its own, one after another (the machine
 * has 2 cores); with `--repeat N`, N rounds of that, the engines in a
 * rotated order each round, and the table gives each engine's fastest run
 * and its median time. Prints a table, and exits 1 when the engines'
 * distinct-state counts differ in any run (a differing transition count is
 * a warning). Then every engine runs once with properties on at the
 * default parameters, in a second table; exits 1 when they disagree on
 * which property is violated or on its shortest counterexample. Bad
 * options exit 2.
 */
import { stateCountMismatches, transitionCountMismatches, violationMismatches } from './agreement.ts';
import { parseBenchArgs, type BenchOptions } from './bench-options.ts';
import type { BenchFigures } from './engine.ts';
import { ENGINES } from './engines.ts';
import { buildJavaScript } from './built.ts';
import { DEFAULT_PARAMS, LARGE_PARAMS, LARGER_PARAMS, paramsLabel } from './legacy3-params.ts';
import { LEGACY3_PROPERTIES, type Legacy3PropertyId } from './legacy3-properties.ts';
import { rotated, summarize } from './repeats.ts';
import { runInChild } from './run-in-child.ts';
import { formatTable, grouped } from './table.ts';

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(2);
}
const { repeat, large } = options;
const began = Date.now();
const sets = large ? [DEFAULT_PARAMS, LARGER_PARAMS, LARGE_PARAMS] : [DEFAULT_PARAMS, LARGER_PARAMS];
buildJavaScript();
const reference = ENGINES.some((e) => e.id === 'ours') ? 'ours' : 'plain';

const throughput: BenchFigures[] = [];
for (let round = 0; round < repeat; round++) {
  for (const params of sets) {
    for (const engine of rotated(ENGINES, round)) {
      const of = repeat > 1 ? ` (round ${round + 1} of ${repeat})` : '';
      process.stderr.write(`bench: ${engine.id} at ${paramsLabel(params)}, properties off${of}\n`);
      throughput.push(await runInChild(engine.id, params, false));
    }
  }
}
/** Table order: by parameter set, then by engine as `ENGINES` lists them (rounds rotate the order they ran in). */
const order = (f: BenchFigures): number => sets.findIndex((p) => paramsLabel(p) === paramsLabel(f.params)) * ENGINES.length + ENGINES.findIndex((e) => e.id === f.engine);
const summaries = summarize(throughput).sort((a, b) => order(a.best) - order(b.best));
const rate = (f: BenchFigures): number => f.states / f.seconds;
/** A figure, or '-' where a clock saw no time pass. */
const finite = (n: number, show: (n: number) => string): string => (Number.isFinite(n) ? show(n) : '-');
const rows = summaries.map(({ best: f, medianSeconds }) => {
  const ref = summaries.find((r) => r.best.engine === reference && paramsLabel(r.best.params) === paramsLabel(f.params))?.best;
  return [
    f.engine,
    paramsLabel(f.params),
    grouped(f.states),
    grouped(f.transitions),
    f.seconds.toFixed(2),
    ...(repeat > 1 ? [medianSeconds.toFixed(2)] : []),
    finite(rate(f), grouped),
    f.peakRssMiB.toFixed(0),
    grouped((f.peakRssMiB * 2 ** 20) / f.states),
    ref ? finite(rate(f) / rate(ref), (r) => r.toFixed(2)) : '-',
  ];
});
const headers = ['engine', 'params', 'states', 'transitions', 'seconds', ...(repeat > 1 ? ['median s'] : []), 'states/s', 'peak RSS MiB', 'bytes/state', `states/s vs ${reference}`];
const runs = repeat > 1 ? `; seconds, states/s and RSS are each engine's fastest of ${repeat} runs` : '';
const numeric = new Set(headers.map((_, i) => i).filter((i) => i >= 2));
console.log(`legacy-3 (the benchmark model), properties off${runs}\n\n${formatTable(headers, rows, numeric)}\n`);
// Transitions are compared too, but only warned about: an engine may have a reason to count them its own way.
for (const m of transitionCountMismatches(throughput)) console.log(`WARNING: ${m}`);
failOn(stateCountMismatches(throughput));

const checked: BenchFigures[] = [];
for (const engine of ENGINES) {
  process.stderr.write(`bench: ${engine.id} at ${paramsLabel(DEFAULT_PARAMS)}, properties on\n`);
  checked.push(await runInChild(engine.id, DEFAULT_PARAMS, true));
}
const depth = (f: BenchFigures, p: Legacy3PropertyId): string => {
  const d = f.violations?.[p];
  return d == null ? 'holds' : `violated at ${d}`;
};
console.log(
  `Shortest counterexample (steps) per property, properties on, ${paramsLabel(DEFAULT_PARAMS)}\n\n${formatTable(
    ['engine', ...LEGACY3_PROPERTIES],
    checked.map((f) => [f.engine, ...LEGACY3_PROPERTIES.map((p) => depth(f, p))]),
    new Set(),
  )}\n`,
);

failOn(violationMismatches(checked));
console.log(`bench took ${((Date.now() - began) / 1000).toFixed(0)} s`);

/** Exits 1, naming every disagreement, when there is one. */
function failOn(mismatches: readonly string[]): void {
  if (mismatches.length === 0) return;
  console.error(`\nBENCH FAILED: the engines do not explore the same model:\n${mismatches.map((m) => `  - ${m}`).join('\n')}`);
  process.exit(1);
}
