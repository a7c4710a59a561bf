import { basename } from 'node:path';
import { registerDesign, SIZE_PARAM_NAMES, type Design, type MpuArchId, type SizeParam } from '../model/index.ts';
import { registerProperty, type Property } from '../properties/index.ts';
import { type ExploreResult, Coverage, exploreWith, compare as compareDesigns, type CompareRow, checkRandom } from '../engine/index.ts';
import { parseCheckOptions, parseCompareOptions, parseExploreOptions, type CheckOptions, type ExploreCliOptions } from '../options/index.ts';
import { minimizeFile, readText, replayPath, type MinimizeResult, type ReplayedFile } from '../trace/index.ts';
import { checkJson, type CheckReport } from './check-json.ts';

/**
 * Checks from code, as the CLI's `check` and `explore` do: the same
 * defaults, the same bounds, the same results, nothing printed. A request
 * is read through the CLI's own option parser, so a bad value throws the
 * one-line error the CLI would print.
 */

/** The model a request names; every field optional, defaulting as the CLI's flags do. */
export interface ModelRequest extends Partial<Record<SizeParam | 'regions', number>> {
  /** A built-in design's id, or a design (registered on first use, as `--design FILE` does). */
  readonly design?: string | Design;
  readonly arch?: MpuArchId;
  /** The design's parameters (`--param NAME=VALUE`). */
  readonly designParams?: Readonly<Record<string, string | number>>;
  /** Property ids or properties (registered on first use); all by default. */
  readonly properties?: readonly (string | Property)[];
}

/** A random check: `check`'s options. */
export interface CheckRequest extends ModelRequest {
  readonly seed?: number;
  readonly runs?: number;
  readonly maxSteps?: number;
  readonly directedStates?: number;
}

/** An exhaustive search: `explore`'s options. */
export interface ExploreRequest extends ModelRequest {
  readonly maxDepth?: number;
  readonly maxStates?: number;
  /** Threads; more than 1 runs the parallel explorer. */
  readonly workers?: number;
  /** Client symmetry where the design allows it (default true). */
  readonly symmetry?: boolean;
}

/** Designs against properties on architectures: `compare`'s options. */
export interface CompareRequest extends Omit<CheckRequest, 'design' | 'arch' | 'regions'> {
  /** Designs (ids or designs); every known design by default. */
  readonly designs?: readonly (string | Design)[];
  /** Architectures; cortex-m by default. */
  readonly archs?: readonly MpuArchId[];
  /** Depth of the exhaustive search per design and architecture (0: none; default 3). */
  readonly maxDepth?: number;
  readonly maxStates?: number;
}

/** The flag each numeric request field sets, beside the size parameters (which keep their names). */
const NUMBER_FLAGS = {
  regions: 'regions',
  seed: 'seed',
  runs: 'runs',
  maxSteps: 'max-steps',
  directedStates: 'directed-states',
  maxDepth: 'max-depth',
  maxStates: 'max-states',
  workers: 'workers',
} as const;

/** The CLI arguments that say what `request` says. */
function argsOf(request: CheckRequest & ExploreRequest & Omit<CompareRequest, 'regions'>): string[] {
  const args: string[] = [];
  for (const design of [...(request.design === undefined ? [] : [request.design]), ...(request.designs ?? [])]) {
    if (typeof design !== 'string') registerDesign(design);
    args.push('--design', typeof design === 'string' ? design : design.id);
  }
  for (const arch of [...(request.arch === undefined ? [] : [request.arch]), ...(request.archs ?? [])]) args.push('--arch', arch);
  const numbers: [string, number | undefined][] = [
    ...SIZE_PARAM_NAMES.map((k): [string, number | undefined] => [k, request[k]]),
    ...Object.entries(NUMBER_FLAGS).map(([key, flag]): [string, number | undefined] => [flag, request[key as keyof typeof NUMBER_FLAGS]]),
  ];
  for (const [flag, value] of numbers) if (value !== undefined) args.push(`--${flag}`, String(value));
  for (const [name, value] of Object.entries(request.designParams ?? {})) args.push('--param', `${name}=${value}`);
  for (const p of request.properties ?? []) {
    if (typeof p !== 'string') registerProperty(p);
    args.push('--property', typeof p === 'string' ? p : p.id);
  }
  if (request.symmetry === false) args.push('--no-symmetry');
  return args;
}

/** `check`'s options for `request`; throws the CLI's one-line error on a bad value. */
export function checkOptionsOf(request: CheckRequest = {}): CheckOptions {
  return parseCheckOptions(argsOf(request));
}

/**
 * Random search, then directed search, for violations of each property:
 * what `check --json` prints (without `saved`). Deterministic for a seed.
 */
export function check(request: CheckRequest = {}): CheckReport {
  const options = checkOptionsOf(request);
  const coverage = new Coverage(options.design);
  return checkJson(options, checkRandom({ ...options, coverage }), coverage.report());
}

/** `explore`'s options for `request`; throws the CLI's one-line error on a bad value. */
export function exploreOptionsOf(request: ExploreRequest = {}): ExploreCliOptions {
  return parseExploreOptions(argsOf(request));
}

/** Breadth-first search to the request's bounds, in this thread or (workers > 1) in worker threads: each property's verdict and the figures. */
export async function explore(request: ExploreRequest = {}): Promise<ExploreResult> {
  return await exploreWith(exploreOptionsOf(request));
}

/** Every design named against every property on every architecture named: a row per design and architecture, as `compare --json` gives them. */
export function compare(request: CompareRequest = {}): CompareRow[] {
  return compareDesigns(parseCompareOptions(argsOf(request)));
}

/** Reads, validates and replays a saved counterexample file on the current model; never throws on bad input (`invalid` says why). */
export function replay(path: string): ReplayedFile {
  return replayPath(path);
}

/** Shrinks the counterexample in the file at `path` against the current model: the shorter file's contents (nothing is written), or why there is none. */
export function minimize(path: string): MinimizeResult {
  const text = readText(path);
  return text.ok ? minimizeFile(text.text, basename(path)) : { kind: 'invalid', problem: text.problem };
}
