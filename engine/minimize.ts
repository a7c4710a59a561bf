import type { Action, Design, WorldParams } from '../model/index.ts';
import type { Property } from '../properties/index.ts';
import { findAmong, runWith, type Chooser } from './trace-run.ts';

/** Traces up to this length also get the pairwise pass (quadratic in length). */
const PAIRWISE_MAX = 40;

/**
 * Shrinks a trace that violates `property` to one that still does.
 *
 * First removes chunks of actions (chunk length halving down to single
 * actions, as in delta debugging), then, for short traces, pairs of actions
 * anywhere (a cause and its effect far apart), repeating until nothing can
 * go. A candidate is replayed leniently: an action no longer enabled is
 * skipped, so removing a cause also removes its now-impossible effects.
 * Deterministic; the result ends at its violating step and every action in
 * it is enabled when taken. Returns the input, cut at its violation, when
 * nothing shorter violates (or the input itself, when it does not violate).
 */
export function minimizeTrace(design: Design, params: WorldParams, property: Property, trace: readonly Action[]): Action[] {
  const violating = (candidate: readonly Action[]): Action[] | null => {
    const end = runWith(design, params, [property], skippingDisabled(candidate));
    return end.kind === 'violated' ? end.steps.map((s) => s.action) : null;
  };
  let best = violating(trace) ?? [...trace];
  const tryWithout = (...drop: number[]): boolean => {
    const shorter = violating(best.filter((_, i) => !drop.includes(i)));
    if (shorter === null || shorter.length >= best.length) return false;
    best = shorter;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let size = Math.max(1, best.length >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
      for (let start = 0; start + size <= best.length; ) {
        if (tryWithout(...range(start, size))) changed = true;
        else start += size;
      }
    }
    if (changed || best.length > PAIRWISE_MAX) continue;
    for (let i = 0; i < best.length && !changed; i++) {
      for (let j = i + 1; j < best.length && !changed; j++) changed = tryWithout(i, j);
    }
  }
  return best;
}

function range(start: number, size: number): number[] {
  return Array.from({ length: size }, (_, k) => start + k);
}

/** Takes the trace's actions in order, skipping any not enabled when its turn comes. */
function skippingDisabled(trace: readonly Action[]): Chooser {
  let next = 0;
  return (enabled) => {
    while (next < trace.length) {
      const action = findAmong(trace[next++]!, enabled);
      if (action !== undefined) return action;
    }
    return null;
  };
}
