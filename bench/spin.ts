import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchEngine, BenchFigures } from './engine.ts';
import type { Legacy3Params } from './legacy3-params.ts';
import { LEGACY3_PROPERTIES, type Legacy3PropertyId } from './legacy3-properties.ts';
import { buildPeakRssWrapper, parsePeakRssMiB } from './peak-rss.ts';
import { legacy3Promela, type PromelaCheck } from './promela.ts';

/** Installs SPIN with apt-get when `spin` is not on PATH (the bench runs as root). */
export function ensureSpin(): void {
  if (spawnSync('sh', ['-c', 'command -v spin'], { stdio: 'ignore' }).status === 0) return;
  process.stderr.write('spin is not on PATH: installing it with apt-get install -y spin\n');
  execFileSync('sh', ['-c', 'apt-get install -y spin || (apt-get update && apt-get install -y spin)'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** How pan is compiled and run. */
interface PanOptions {
  readonly check: PromelaCheck;
  /** Partial-order reduction (a single process leaves it nothing to reduce, but it is SPIN's default). */
  readonly reduce: boolean;
  /** -DBFS: breadth-first, so the first assertion failure is at the shortest depth. */
  readonly breadthFirst: boolean;
  /** log2 of pan's hash-table slots (-w). */
  readonly hashLog2: number;
  /** Deepest path pan may follow (-m); pan allocates (and touches) its stack for all of it. */
  readonly maxDepth: number;
}

/** What one pan run printed. */
export interface PanFigures {
  readonly stored: number;
  readonly matched: number;
  readonly errors: number;
  /** pan's "at depth N" of the first error: the number of steps before the violating one. */
  readonly errorDepth: number | null;
  readonly depthReached: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
}

/**
 * Generates the Promela model, compiles pan and runs it, all in a fresh
 * directory under the OS temp dir (removed afterwards). Exhaustive storage
 * only: no -DBITSTATE, no -DCOLLAPSE/-DHC (so every state is stored whole and
 * the count is exact), -DSAFETY (no cycle detection needed for assertions),
 * MEMLIM raised to the machine's size so the bound is never silently hit.
 * The state vector is tens of bytes, far below the default VECTORSZ (1024).
 */
export function runPan(params: Legacy3Params, options: PanOptions): PanFigures {
  ensureSpin();
  const dir = mkdtempSync(join(tmpdir(), 'legacy3-spin-'));
  try {
    writeFileSync(join(dir, 'legacy3.pml'), legacy3Promela(params, options.check));
    execFileSync('spin', ['-o2', '-a', 'legacy3.pml'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const flags = ['-DSAFETY', '-DMEMLIM=20000', ...(options.reduce ? [] : ['-DNOREDUCE']), ...(options.breadthFirst ? ['-DBFS'] : [])];
    execFileSync('gcc', ['-O2', ...flags, '-o', 'pan', 'pan.c'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const wrapper = buildPeakRssWrapper(dir);
    const run = spawnSync(wrapper, [join(dir, 'pan'), `-m${options.maxDepth}`, `-w${options.hashLog2}`, '-c1'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (run.error) throw run.error;
    return { ...parsePan(run.stdout), peakRssMiB: parsePeakRssMiB(run.stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads pan's report; throws when the search was cut short or the report is not understood. */
export function parsePan(out: string): Omit<PanFigures, 'peakRssMiB'> {
  for (const cut of ['max search depth too small', 'reached -DMEMLIM bound', 'out of memory', 'VECTORSZ is too small']) {
    if (out.includes(cut)) throw new Error(`pan's search was cut short (${cut}):\n${out}`);
  }
  const number = (re: RegExp): number => {
    const m = re.exec(out);
    if (!m) throw new Error(`pan's report has no ${re.source}:\n${out}`);
    return Number(m[1]);
  };
  const errorDepth = /assertion violated .*\(at depth (\d+)\)/.exec(out);
  return {
    // pan prints counts from 1e8 up in %g notation (6.05714e+08): the digits it gives, no more.
    stored: number(/([\d.]+(?:e[+-]?\d+)?) states, stored/),
    matched: number(/([\d.]+(?:e[+-]?\d+)?) states, matched/),
    errors: number(/errors: (\d+)/),
    errorDepth: errorDepth ? Number(errorDepth[1]) : null,
    depthReached: number(/depth reached (\d+)/),
    seconds: number(/pan: elapsed time ([\d.e+-]+) seconds/),
  };
}

/**
 * SPIN as a bench engine. pan counts the initial state as "stored" without
 * a transition into it, so transitions = stored + matched - 1.
 *
 * Properties off: a first run without reduction gives the exact count and
 * the depth-first stack depth needed (its -m is generous: 10M levels, about
 * 460 MB); the timed run then uses SPIN's default partial-order reduction,
 * -m at four times that depth and a hash table of at least twice the states,
 * and must store the same states. Properties on: one breadth-first run per
 * property (see `PromelaCheck`), each stopping at its first violation;
 * the figures are the three runs' sums (peak RSS: their maximum).
 */
export const spinEngine: BenchEngine = {
  id: 'spin',
  async run(params, propertiesOn): Promise<BenchFigures> {
    if (propertiesOn) return violationRuns(params);
    const exact = runPan(params, { check: null, reduce: false, breadthFirst: false, hashLog2: 24, maxDepth: 10_000_000 });
    const timed = runPan(params, {
      check: null,
      reduce: true,
      breadthFirst: false,
      hashLog2: Math.max(16, Math.ceil(Math.log2(exact.stored)) + 1),
      maxDepth: Math.max(10_000, 4 * exact.depthReached),
    });
    if (timed.stored !== exact.stored || timed.matched !== exact.matched) {
      throw new Error(`spin: the reduced run stored ${timed.stored}/${timed.matched}, the unreduced ${exact.stored}/${exact.matched}`);
    }
    const figures = { states: exact.stored, transitions: exact.stored + exact.matched - 1, seconds: timed.seconds, peakRssMiB: timed.peakRssMiB };
    return { engine: 'spin', params, ...figures, violations: null };
  },
};

/** Per property, a breadth-first pan run that stops at its first violation: pan's depth (of the source) + 1 is the shortest counterexample. */
function violationRuns(params: Legacy3Params): BenchFigures {
  const runs = LEGACY3_PROPERTIES.map((property) => ({
    property,
    run: runPan(params, { check: property, reduce: false, breadthFirst: true, hashLog2: 24, maxDepth: 10_000 }),
  }));
  const violations = Object.fromEntries(
    runs.map(({ property, run }) => [property, run.errors === 0 ? null : run.errorDepth! + 1]),
  ) as Record<Legacy3PropertyId, number | null>;
  const sum = (f: (r: PanFigures) => number): number => runs.reduce((total, { run }) => total + f(run), 0);
  return {
    engine: 'spin',
    params,
    states: sum((r) => r.stored),
    transitions: sum((r) => r.stored + r.matched - 1),
    seconds: sum((r) => r.seconds),
    peakRssMiB: Math.max(...runs.map(({ run }) => run.peakRssMiB)),
    violations,
  };
}
