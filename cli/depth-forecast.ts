/**
 * Whether `--max-states` will cut `explore` short of `--max-depth`, judged
 * as soon as the first levels show how fast the state space grows. Growth
 * factors shrink with depth (each level's states have fewer new steps
 * left), so the projection carries on both the last factor and its fall
 * since the level before: at each further level the factor falls by that
 * ratio again (never rising: at most 1), to the deepest level that is
 * stored (depth `maxDepth - 1`; the last level is judged, not stored). It
 * needs two factors, so it speaks from depth 2 on. It is a forecast: a
 * state space that stops growing (every state reached) proves it wrong,
 * and the warning says "if".
 */
export class DepthForecast {
  /** States stored once each depth was done; depth 0 is the initial world alone. */
  private readonly sizes: number[] = [1];
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
    if (this.warned || depth < 2 || depth >= this.maxDepth - 1) return null;
    const level = (d: number) => (this.sizes[d] ?? 0) - (this.sizes[d - 1] ?? 0);
    const [last, before, earlier] = [level(depth), level(depth - 1), level(depth - 2)];
    if (last <= 0 || before <= 0 || earlier <= 0) return null;
    const factor = last / before;
    const fall = Math.min(1, factor / (before / earlier));
    let total = states;
    let size = last;
    let growth = factor;
    for (let d = depth + 1; d < this.maxDepth; d++) {
      growth *= fall;
      size *= growth;
      total += size;
      if (total <= this.maxStates) continue;
      this.warned = true;
      const falling = fall < 1 ? `, falling x${fall.toFixed(2)} a level` : '';
      return `warning: if the state space goes on growing as it has (x${factor.toFixed(1)} states per level${falling}), --max-states ${this.maxStates} will stop the search inside depth ${d}, short of --max-depth ${this.maxDepth}: properties it does not find violated will then be inconclusive (raise --max-states, or lower --max-depth)`;
    }
    return null;
  }
}
