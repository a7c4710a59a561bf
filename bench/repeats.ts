import type { BenchFigures } from './engine.ts';
import { paramsLabel } from './legacy3-params.ts';

/** One engine's runs at one parameter set: the fastest run's figures, the median of their times, and how many there were. */
export interface RunSummary {
  readonly best: BenchFigures;
  readonly medianSeconds: number;
  readonly runs: number;
}

/**
 * The runs of each engine at each parameter set, in first-seen order,
 * summed up. On a shared machine a run is only ever slowed, never sped
 * up, by what else runs, so the fastest run is the one to compare; the
 * median shows how much the others were slowed.
 */
export function summarize(figures: readonly BenchFigures[]): RunSummary[] {
  const groups = new Map<string, BenchFigures[]>();
  for (const f of figures) {
    const key = `${f.engine} ${paramsLabel(f.params)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map((runs) => {
    const bySeconds = [...runs].sort((a, b) => a.seconds - b.seconds);
    const middle = bySeconds.length / 2;
    const medianSeconds = bySeconds.length % 2 === 1 ? bySeconds[Math.floor(middle)]!.seconds : (bySeconds[middle - 1]!.seconds + bySeconds[middle]!.seconds) / 2;
    return { best: bySeconds[0]!, medianSeconds, runs: runs.length };
  });
}

/** `items` turned left by `by` places: round r of a repeated bench runs the engines in this order, so that no engine always runs first or last. */
export function rotated<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
