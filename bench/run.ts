/**
 * `npm run bench`: every engine of `engines.ts` explores `legacy-3` with
 * properties off at the default and the larger parameters, each run in a
 * child process of its own, one after another (the machine has 2 cores).
 * Prints one table, and exits 1 when the engines' distinct-state counts
 * differ (a differing transition count is a warning). Then every engine runs once with properties on at the default
 * parameters; exits 1 when they disagree on which property is violated or
 * on its shortest counterexample.
 */
import { stateCountMismatches, transitionCountMismatches, violationMismatches } from './agreement.ts';
import type { BenchFigures } from './engine.ts';
import { ENGINES } from './engines.ts';
import { DEFAULT_PARAMS, LARGER_PARAMS, paramsLabel } from './legacy3-params.ts';
import { LEGACY3_PROPERTIES, type Legacy3PropertyId } from './legacy3-properties.ts';
import { runInChild } from './run-in-child.ts';
import { formatTable, grouped } from './table.ts';

const began = Date.now();
const reference = ENGINES.some((e) => e.id === 'ours') ? 'ours' : 'plain';

const throughput: BenchFigures[] = [];
for (const params of [DEFAULT_PARAMS, LARGER_PARAMS]) {
  for (const engine of ENGINES) {
    process.stderr.write(`bench: ${engine.id} at ${paramsLabel(params)}, properties off\n`);
    throughput.push(await runInChild(engine.id, params, false));
  }
}
const rate = (f: BenchFigures): number => f.states / f.seconds;
/** A figure, or '-' where a clock saw no time pass. */
const finite = (n: number, show: (n: number) => string): string => (Number.isFinite(n) ? show(n) : '-');
const rows = throughput.map((f) => {
  const ref = throughput.find((r) => r.engine === reference && paramsLabel(r.params) === paramsLabel(f.params));
  return [
    f.engine,
    paramsLabel(f.params),
    grouped(f.states),
    grouped(f.transitions),
    f.seconds.toFixed(2),
    finite(rate(f), grouped),
    f.peakRssMiB.toFixed(0),
    ref ? finite(rate(f) / rate(ref), (r) => r.toFixed(2)) : '-',
  ];
});
const headers = ['engine', 'params', 'states', 'transitions', 'seconds', 'states/s', 'peak RSS MiB', `states/s vs ${reference}`];
console.log(`legacy-3 (the benchmark model), properties off\n\n${formatTable(headers, rows, new Set([2, 3, 4, 5, 6, 7]))}\n`);
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
