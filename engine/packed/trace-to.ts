import type { Action } from '../../model/index.ts';
import type { Canonicalizer } from './canonical.ts';
import type { ActionIds } from './expander.ts';

/** How a search first reached each state it stored, by index: the parent's index (-1 for the root), the action id taken, the symmetry permutation applied. */
export interface FirstReached {
  parent(index: number): number;
  via(index: number): number;
  perm(index: number): number;
}

/** A step past the stored states: an action id, and the permutation that canonicalized its result (the last step's result is not canonicalized: 0). */
export interface TailStep {
  readonly action: number;
  readonly perm: number;
}

/**
 * The real trace to the stored state `index`, then the steps `tail` from
 * it: the walk back through `reached` to the root, with each step renamed
 * out of the symmetry permutations when there are any (`canonical`, and
 * the root's own permutation `rootPerm`).
 */
export function traceTo(reached: FirstReached, index: number, tail: readonly TailStep[], actionIds: ActionIds, canonical: Canonicalizer | null, rootPerm: number): Action[] {
  const steps = tail.map((s) => ({ action: actionIds.action(s.action), perm: s.perm }));
  for (let at = index; reached.parent(at) >= 0; at = reached.parent(at)) steps.unshift({ action: actionIds.action(reached.via(at)), perm: reached.perm(at) });
  return canonical === null ? steps.map((s) => s.action) : canonical.realTrace(rootPerm, steps);
}
