import type { Action, Design, WorldParams } from '../model/index.ts';
import type { Property } from '../properties/index.ts';
import { canonicalJson } from '../model/index.ts';
import { runWith, type Chooser } from './trace-run.ts';

/**
 * Shrinks a trace that violates `property` to one that still does, by
 * removing chunks of actions (chunk length halving down to single actions,
 * as in delta debugging) until no single action can go. A candidate is
 * replayed leniently: an action no longer enabled is skipped, so removing a
 * cause also removes its now-impossible effects. Deterministic; the result
 * ends at its violating step and every action in it is enabled when taken.
 * Returns the input (cut at its violation) when it does not violate at all.
 */
export function minimizeTrace(design: Design, params: WorldParams, property: Property, trace: readonly Action[]): Action[] {
  const violating = (candidate: readonly Action[]): Action[] | null => {
    const end = runWith(design, params, [property], skippingDisabled(candidate));
    return end.kind === 'violated' ? end.steps.map((s) => s.action) : null;
  };
  let best = violating(trace) ?? [...trace];
  for (let changed = true; changed; ) {
    changed = false;
    for (let size = Math.max(1, best.length >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
      for (let start = 0; start + size <= best.length; ) {
        const shorter = violating([...best.slice(0, start), ...best.slice(start + size)]);
        if (shorter !== null && shorter.length < best.length) {
          best = shorter;
          changed = true;
        } else {
          start += size;
        }
      }
    }
  }
  return best;
}

/** Takes the trace's actions in order, skipping any not enabled when its turn comes. */
function skippingDisabled(trace: readonly Action[]): Chooser {
  let next = 0;
  return (enabled) => {
    const keys = new Set(enabled.map(canonicalJson));
    while (next < trace.length) {
      const action = trace[next++]!;
      if (keys.has(canonicalJson(action))) return action;
    }
    return null;
  };
}
