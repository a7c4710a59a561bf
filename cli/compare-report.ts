import { counted } from '../model/index.ts';
import { TOOL_VERSION } from '../trace/index.ts';
import { match } from 'ts-pattern';
import type { Cell, CompareRow } from '../engine/index.ts';
import type { CompareOptions } from '../options/index.ts';

/** A cell for people: `held (2000 runs; explored to depth 3)`, `violated (4 steps)`, `inconclusive (...)`, `n/a`, `error: ...`. */
export function cellText(cell: Cell): string {
  return match(cell)
    .with({ status: 'violated' }, (c) => `violated (${counted(c.steps, 'step')}${c.cause === null ? '' : `, ${c.cause}`})`)
    .with({ status: 'held' }, (c) => `held (${counted(c.runs, 'run')}${c.exploredTo === null ? '' : c.exploredTo === 'all' ? '; every state explored' : `; explored to depth ${c.exploredTo}`})`)
    .with({ status: 'inconclusive' }, (c) => `inconclusive (${c.bound})`)
    .with({ status: 'n/a' }, () => 'n/a')
    .with({ status: 'error' }, (c) => `error: ${c.message}`)
    .exhaustive();
}

/** The header row and a row per design and architecture, as cells of text. */
function table(options: CompareOptions, rows: readonly CompareRow[]): string[][] {
  return [['design', 'arch', ...options.properties.map((p) => p.id)], ...rows.map((r) => [r.design, r.arch, ...r.cells.map((c) => cellText(c.cell))])];
}

/** The table as aligned text columns. */
export function compareText(options: CompareOptions, rows: readonly CompareRow[]): string[] {
  const cells = table(options, rows);
  const widths = cells[0]!.map((_, k) => Math.max(...cells.map((row) => row[k]!.length)));
  return cells.map((row) => row.map((text, k) => text.padEnd(widths[k]!)).join('  ').trimEnd());
}

/** The table as a Markdown table, for a CI summary or a pull request. */
export function compareMarkdown(options: CompareOptions, rows: readonly CompareRow[]): string[] {
  const [head, ...body] = table(options, rows);
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head!), line(head!.map(() => '---')), ...body.map(line)];
}

/** The `--json` document: the budget and every cell as data. */
export function compareJson(options: CompareOptions, rows: readonly CompareRow[]): object {
  return {
    tool: 'tock-ipc-check',
    version: TOOL_VERSION,
    world: options.world,
    seed: options.seed,
    runs: options.runs,
    maxSteps: options.maxSteps,
    directedStates: options.directedStates,
    maxDepth: options.maxDepth,
    maxStates: options.maxStates,
    rows: rows.map((r) => ({ design: r.design, arch: r.arch, cells: Object.fromEntries(r.cells.map((c) => [c.property, c.cell])) })),
  };
}

/** One line per design and architecture as it is done: how many properties ended in each status. */
export function rowProgress(row: CompareRow, seconds: number): string {
  const counts = new Map<string, number>();
  for (const { cell } of row.cells) counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  return `${row.design} on ${row.arch}: ${summary} (${seconds.toFixed(1)} s)`;
}
