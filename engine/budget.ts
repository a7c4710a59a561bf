/**
 * A limit the caller keeps on a search: time (`--time-budget`), memory
 * (`explore --max-memory`). The engines read no clock and no memory
 * figure themselves: they ask `spent()` between runs and states, and stop
 * cleanly once it is true, with `bound` naming why in their verdicts.
 */
export interface Budget {
  /** True once the search must stop. */
  spent(): boolean;
  /** Why a search stopped, for its verdicts (`time budget of 5 s spent`); read once `spent()` was true. */
  readonly bound: string;
}
