import { initialWorld, step, type Action, type Design, type World, type WorldParams } from '../model/index.ts';
import { guideFor, type Property, type Violation } from '../properties/index.ts';
import type { Coverage } from './coverage.ts';
import { stateKey } from './state-key.ts';

/** What a directed search looks for and how much it may spend. */
export interface DirectedOptions {
  readonly design: Design;
  readonly params: WorldParams;
  /** The property to break; its guide and the design's for it order the search (`guideFor`). */
  readonly property: Property;
  /** Distinct states at which the search gives up. */
  readonly maxStates: number;
  /** Records every step the search takes, if given. */
  readonly coverage?: Coverage;
  /** True once the caller's time budget is spent: the search gives up before its next state. */
  readonly spent?: () => boolean;
}

/** A violating trace (not yet shrunk) and the states the search stored on the way. */
export interface DirectedHit {
  readonly trace: readonly Action[];
  readonly violation: Violation;
  readonly states: number;
}

/**
 * Greedy best-first search (directed model checking): always expand the
 * stored world the property's guide rates highest, breadth-first among
 * equals, each distinct state once. It reaches deep violations that need a
 * long, specific build-up (twenty-odd steps to fill an MPU) which random
 * runs do not find. Deterministic: no randomness, successors in `enabled`
 * order. Returns null when the budget runs out or the space is exhausted
 * first, or when neither the property nor the design has a guide for it.
 */
export function directedSearch({ design, params, property, maxStates, coverage, spent }: DirectedOptions): DirectedHit | null {
  const guide = guideFor(property, design);
  if (guide === null) return null;
  const root = initialWorld(params);
  coverage?.start(root);
  const seen = new Set<string>([stateKey(root)]);
  const parent: number[] = [-1];
  const via: (Action | null)[] = [null];
  const worlds: World[] = [root];
  /** Per guide value, the ids waiting to be expanded, oldest first. */
  const buckets = new Map<number, { ids: number[]; head: number }>();
  const push = (id: number) => {
    const score = guide(worlds[id]!);
    let bucket = buckets.get(score);
    if (bucket === undefined) buckets.set(score, (bucket = { ids: [], head: 0 }));
    bucket.ids.push(id);
  };
  const pop = (): number | null => {
    let best: { ids: number[]; head: number } | null = null;
    let bestScore = -Infinity;
    for (const [score, bucket] of buckets) {
      if (bucket.head < bucket.ids.length && score > bestScore) [best, bestScore] = [bucket, score];
    }
    return best === null ? null : best.ids[best.head++]!;
  };
  const traceTo = (id: number, last: Action): Action[] => {
    const trace = [last];
    for (let at = id; parent[at]! >= 0; at = parent[at]!) trace.unshift(via[at]!);
    return trace;
  };

  push(0);
  for (let id = pop(); id !== null; id = pop()) {
    if (spent?.() === true) return null;
    const world = worlds[id]!;
    for (const action of design.enabled(world)) {
      const { world: after, outcome } = step(design, world, action);
      coverage?.step(world, action, outcome, after);
      const violation = property.check({ design, before: world, action, after, outcome });
      if (violation !== null) return { trace: traceTo(id, action), violation, states: seen.size };
      const key = stateKey(after);
      if (seen.has(key)) continue;
      if (seen.size >= maxStates) return null;
      seen.add(key);
      parent.push(id);
      via.push(action);
      worlds.push(after);
      push(worlds.length - 1);
    }
  }
  return null;
}
