import { DEFAULT_REGIONS, designParamValues, withDesignParams, type Design, type MpuArchId, type WorldParams } from '../model/index.ts';
import type { PropertyId } from '../properties/index.ts';
import type { CompareOptions } from '../options/index.ts';
import { explorePacked } from './packed/index.ts';
import { checkRandom, type PropertyResult } from './random.ts';
import { exploreApplicable, type ExploreVerdict } from './bfs.ts';

/**
 * One property on one design and architecture. `violated`: the shortest
 * counterexample either search found. `held`: no violation in `runs`
 * random traces, which reached the situation the property judges, nor in
 * the exhaustive search to `exploredTo` (a depth, `all` when it covered
 * the whole state space, null when none ran). `inconclusive`: no
 * violation, but `bound` kept it from `held`. `n/a`: the design emits
 * nothing it judges. `error`: the model threw; never a violation.
 */
export type Cell =
  | { readonly status: 'violated'; readonly steps: number; readonly cause: string | null }
  | { readonly status: 'held'; readonly runs: number; readonly exploredTo: number | 'all' | null }
  | { readonly status: 'inconclusive'; readonly bound: string }
  | { readonly status: 'n/a' }
  | { readonly status: 'error'; readonly message: string };

/** One design on one architecture: a cell per property, in the order of `properties`. */
export interface CompareRow {
  readonly design: string;
  readonly arch: MpuArchId;
  readonly cells: readonly { readonly property: PropertyId; readonly cell: Cell }[];
}

/** Designs against properties on each architecture; pure apart from the time it takes. Deterministic for a seed. `onRow` hears each row as it is done, for progress. */
export function compare(options: CompareOptions, onRow?: (row: CompareRow) => void): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const arch of options.archs) {
    for (const design of options.designs) {
      const declared = design.params ?? [];
      const given = Object.fromEntries(Object.entries(options.designParams ?? {}).filter(([name]) => declared.some((p) => p.name === name)));
      const params: WorldParams = withDesignParams({ ...options.world, arch, regions: DEFAULT_REGIONS[arch] }, designParamValues(design.id, declared, given));
      const row: CompareRow = { design: design.id, arch, cells: cellsOf(options, design, params) };
      onRow?.(row);
      rows.push(row);
    }
  }
  return rows;
}

function cellsOf(options: CompareOptions, design: Design, params: WorldParams): CompareRow['cells'] {
  const { properties } = options;
  try {
    const random = checkRandom({ ...options, design, params, properties });
    const explored = options.maxDepth === 0 ? null : exploreApplicable({ design, params, properties, maxDepth: options.maxDepth, maxStates: options.maxStates }, explorePacked);
    return properties.map((p, i) => {
      const verdict = explored?.verdicts.find((v) => v.property === p.id) ?? null;
      return { property: p.id, cell: cellOf(random[i]!, verdict) };
    });
  } catch (e) {
    const cell: Cell = { status: 'error', message: (e as Error).message };
    return properties.map((p) => ({ property: p.id, cell }));
  }
}

/** One cell from the random search's result and the exhaustive search's verdict (null when none ran). */
function cellOf(random: PropertyResult, explored: ExploreVerdict | null): Cell {
  if (random.status === 'n/a') return { status: 'n/a' };
  if (random.status === 'error') return { status: 'error', message: random.message };
  if (explored?.status === 'error') return { status: 'error', message: explored.message };
  const lengths: { steps: number; cause: string | null }[] = [];
  if (random.status === 'violated') for (const cx of random.counterexamples) lengths.push({ steps: cx.steps.length, cause: cx.violation.cause ?? null });
  if (explored?.status === 'violated') lengths.push({ steps: explored.trace.length, cause: explored.violation.cause ?? null });
  if (lengths.length > 0) {
    const shortest = lengths.reduce((a, b) => (b.steps < a.steps ? b : a));
    return { status: 'violated', ...shortest };
  }
  if (random.status === 'inconclusive') return { status: 'inconclusive', bound: random.bound };
  const exploredTo = explored === null ? null : explored.status === 'held' ? 'all' : explored.status === 'inconclusive' ? explored.depth : null;
  return { status: 'held', runs: random.status === 'held' ? random.runs : 0, exploredTo };
}
