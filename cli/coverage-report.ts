import type { CoverageReport, Reach } from '../engine/index.ts';

/**
 * The coverage table that closes the text report of `check` and `explore`:
 * per category, how many of its declared items the search reached, and the
 * ones it never did, by name.
 */
export function coverageLines(report: CoverageReport): string[] {
  const rows: [string, Reach][] = [
    ['action kinds', report.actions],
    ...Object.entries(report.states).map(([machine, reach]): [string, Reach] => [`${machine} states`, reach]),
    ['results', report.results],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    'coverage (what the search reached):',
    ...rows.map(([label, { reached, unreached }]) => {
      const line = `  ${label.padEnd(width)}  reached ${String(reached.length).padStart(2)} of ${reached.length + unreached.length}`;
      return unreached.length === 0 ? line : `${line}; unreached: ${unreached.join(', ')}`;
    }),
  ];
}
