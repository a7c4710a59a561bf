import type { BenchFigures } from './engine.ts';
import { paramsLabel } from './legacy3-params.ts';
import { LEGACY3_PROPERTIES } from './legacy3-properties.ts';

/** Figures of several engines grouped by parameter set, in first-seen order. */
function byParams(figures: readonly BenchFigures[]): BenchFigures[][] {
  const groups = new Map<string, BenchFigures[]>();
  for (const f of figures) groups.set(paramsLabel(f.params), [...(groups.get(paramsLabel(f.params)) ?? []), f]);
  return [...groups.values()];
}

const list = (group: readonly BenchFigures[], figure: (f: BenchFigures) => string | number): string =>
  group.map((f) => `${f.engine} ${figure(f)}`).join(', ');

/**
 * One message per parameter set where the engines' distinct-state counts
 * differ (the benchmark model: then they do not explore the same model). Empty
 * when all agree.
 */
export function stateCountMismatches(figures: readonly BenchFigures[]): string[] {
  return byParams(figures)
    .filter((group) => new Set(group.map((f) => f.states)).size > 1)
    .map((group) => `distinct states differ at ${paramsLabel(group[0]!.params)}: ${list(group, (f) => f.states)}`);
}

/** Like `stateCountMismatches`, for transition counts (self-loops included). */
export function transitionCountMismatches(figures: readonly BenchFigures[]): string[] {
  return byParams(figures)
    .filter((group) => new Set(group.map((f) => f.transitions)).size > 1)
    .map((group) => `transitions differ at ${paramsLabel(group[0]!.params)}: ${list(group, (f) => f.transitions)}`);
}

/**
 * One message per property on which runs with properties on disagree:
 * whether it is violated, or the length of its shortest counterexample
 * (both engines search breadth-first, so the length is fixed by the model).
 */
export function violationMismatches(figures: readonly BenchFigures[]): string[] {
  return byParams(figures).flatMap((group) =>
    LEGACY3_PROPERTIES.filter((p) => new Set(group.map((f) => f.violations?.[p] ?? 'holds')).size > 1).map(
      (p) =>
        `${p} at ${paramsLabel(group[0]!.params)}: ${list(group, (f) => (f.violations?.[p] == null ? 'holds' : `violated at depth ${f.violations[p]}`))}`,
    ),
  );
}
