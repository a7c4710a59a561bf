/**
 * A time budget the caller keeps (`--time-budget`). The engines never read
 * a clock themselves: they ask `msLeft()` between runs and states, and stop
 * cleanly once it is 0 or less, with `bound` naming why in their verdicts.
 */
export interface Deadline {
  /** Milliseconds left; 0 or less once the budget is spent. */
  msLeft(): number;
  /** Why a search stopped, for its verdicts: `time budget of 5 s spent`. */
  readonly bound: string;
}
