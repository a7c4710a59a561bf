/**
 * The memo's fast lane for what depends on one column alone. A memo leaf
 * whose reads and writes all lie in column c is a function of the slot id
 * at c (a slot id stands for one tuple of part ids), so its result can be
 * kept in a flat array indexed by that id: one array read instead of a
 * walk down a `ReadTrie`. The trie stays the memo; this only remembers
 * what the trie already answered, and is dropped with it.
 */
import { PART_COUNT } from './slot-table.ts';

/** The one column that `reads` (part positions, see `packedWidth`) and `writeSlots` (columns) all lie in, or -1. */
export function oneColumn(reads: readonly number[], writeSlots: readonly number[]): number {
  let column = -1;
  for (const position of reads) {
    const c = Math.floor(position / PART_COUNT);
    if (column >= 0 && c !== column) return -1;
    column = c;
  }
  for (const c of writeSlots) {
    if (column >= 0 && c !== column) return -1;
    column = c;
  }
  return column;
}

/** `StepColumns.next` of a step not seen yet at that id. */
export const UNKNOWN = 0;
/** `StepColumns.next` of a step that changes nothing (a self-loop). */
export const SELF_LOOP = 1;

/**
 * Per action, the successor id at the one column its one-column steps
 * lie in, by the id there before: a step of an action whose leaves span
 * several columns, or lie in another column than the first one seen, is
 * not kept and goes to the trie.
 */
export class StepColumns {
  /** Per action id: its column, or -1 before its first one-column leaf. */
  private readonly columns: number[] = [];
  /** Per action id: by id at its column, the successor's id there plus 2, SELF_LOOP, or UNKNOWN. */
  private readonly successors: (Int32Array | undefined)[] = [];

  /** The column `action`'s kept steps lie in, or -1 (none kept). */
  columnOf(action: number): number {
    return this.columns[action] ?? -1;
  }

  /** What is kept for `action` at id `id` of its column: UNKNOWN, SELF_LOOP, or the successor's id plus 2. */
  next(action: number, id: number): number {
    const row = this.successors[action]!;
    return id < row.length ? row[id]! : UNKNOWN;
  }

  /**
   * Keeps that `action`, at id `id` of column `column`, leads to id `after`
   * there (or is a self-loop, `after` null); ignored when the action's
   * steps were kept in another column.
   */
  keep(action: number, column: number, id: number, after: number | null): void {
    while (this.columns.length <= action) {
      this.columns.push(-1);
      this.successors.push(undefined);
    }
    if (this.columns[action] === -1) this.columns[action] = column;
    else if (this.columns[action] !== column) return;
    let row = this.successors[action];
    if (row === undefined || row.length <= id) {
      const grown = new Int32Array(Math.max(64, 2 ** Math.ceil(Math.log2(id + 1))));
      if (row !== undefined) grown.set(row);
      this.successors[action] = row = grown;
    }
    row[id] = after === null ? SELF_LOOP : after + 2;
  }
}

/** Per column, the enabled actions kept by the id there: for the lists that read their own column only. */
export class EnabledColumns {
  private readonly lists: (readonly number[] | undefined)[][] = [];

  constructor(columns: number) {
    for (let c = 0; c < columns; c++) this.lists.push([]);
  }

  /** The list kept for id `id` of column `column`, if any. */
  at(column: number, id: number): readonly number[] | undefined {
    return this.lists[column]![id];
  }

  keep(column: number, id: number, actions: readonly number[]): void {
    const lists = this.lists[column]!;
    // Grown densely, never assigned past the end, so V8 keeps fast elements.
    while (lists.length <= id) lists.push(undefined);
    lists[id] = actions;
  }
}
