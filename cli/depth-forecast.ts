/**
 * Whether `--max-states` will cut `explore` short of `--max-depth`, judged
 * as soon as the first levels show how fast the state space grows: the
 * last level's growth factor, carried on to the deepest level that is
 * stored (depth `maxDepth - 1`; the last level is judged, not stored).
 * Growth factors usually shrink with depth, so this errs towards warning.
 */
export class DepthForecast {
  private readonly sizes: number[] = [];
  private warned = false;

  constructor(
    private readonly maxDepth: number,
    private readonly maxStates: number,
  ) {}

  /**
   * Hears that depth `depth` is fully expanded with `states` stored in all;
   * returns the one-line warning the first time the projection passes
   * `maxStates`, and null otherwise.
   */
  depthDone(depth: number, states: number): string | null {
    this.sizes[depth] = states;
    if (this.warned || depth < 1 || depth >= this.maxDepth - 1) return null;
    const last = states - (this.sizes[depth - 1] ?? 0);
    const before = (this.sizes[depth - 1] ?? 0) - (this.sizes[depth - 2] ?? 0);
    if (before <= 0 || last <= 0) return null;
    const factor = last / before;
    let total = states;
    let level = last;
    for (let d = depth + 1; d < this.maxDepth; d++) {
      level *= factor;
      total += level;
      if (total <= this.maxStates) continue;
      this.warned = true;
      return `warning: at this growth (x${factor.toFixed(1)} states per level), --max-states ${this.maxStates} will stop the search inside depth ${d}, short of --max-depth ${this.maxDepth}: properties it does not find violated will be inconclusive (raise --max-states, or lower --max-depth)`;
    }
    return null;
  }
}
