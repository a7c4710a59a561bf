import type { Action, Design, ObservationTag, Outcome, World } from '../model/index.ts';

/** A property's id: stable, used in files and reports (SPEC.md section 5's names for the built-in ones). */
export type PropertyId = string;

/** One step as a property sees it: the worlds around the action and what it did. */
export interface StepView {
  readonly design: Design;
  readonly before: World;
  readonly action: Action;
  readonly after: World;
  readonly outcome: Outcome;
}

/**
 * Why a step broke a property, in one sentence for people. `cause` sorts
 * violations of one property into kinds (e.g. `unmappable` or `exhausted`)
 * so that a search reports one counterexample per kind.
 */
export interface Violation {
  readonly property: PropertyId;
  readonly message: string;
  readonly cause?: string;
}

/** A named pure predicate over a step: `check` returns null when the step keeps the invariant, and never throws. */
export interface Property {
  readonly id: PropertyId;
  /** The invariant, in one sentence. */
  readonly description: string;
  /** The observations it judges: it is `n/a` on a design that emits none of them (see `applies`). */
  readonly needs: readonly ObservationTag[];
  /** The situation it judges, as a phrase: `held` needs a search that reached it. */
  readonly situation: string;
  /**
   * True iff this step reached that situation: a `sometimes` witness, so
   * a design where nothing it judges ever happens is not reported held.
   * Pure, never throws.
   */
  witness(step: StepView): boolean;
  /**
   * Every `cause` its violations can carry: a list, or, where each design
   * names them (as `delivery`'s come from `lost` observations), the list a
   * design gives. Absent when they carry none. Read it with `causesOn`.
   */
  readonly causes?: readonly string[] | ((design: Design) => readonly string[]);
  check(step: StepView): Violation | null;
  /**
   * Optional search guide: how near `world` is to breaking the invariant,
   * as a small integer, higher is nearer. Directed search expands the
   * worlds it rates highest first; it never decides a verdict.
   */
  guide?(world: World): number;
  /**
   * Optional shortcut for an exhaustive search at its depth bound: an
   * action enabled in `world` whose step would break the invariant, or
   * null. It may miss some (it never decides a verdict), but should read
   * as little of the world as it can: searches memoise it on the parts it
   * reads. Each action it proposes is confirmed by taking the step and
   * judging it with `check`; one that is not confirmed is dropped.
   */
  lookahead?(design: Design, world: World): Action | null;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** A property, checked: its id is a plain lowercase word list (used in file names), and it names what it needs. Throws naming the problem. */
export function defineProperty(property: Property): Property {
  if (!ID.test(property.id)) throw new Error(`property id '${property.id}' must be lowercase words and digits joined by '-'`);
  if (property.needs.length === 0) throw new Error(`property ${property.id}: needs names no observation, so it would be n/a on every design`);
  return property;
}

/** True iff `design` emits something `property` judges; otherwise the property is `n/a` for it. */
export function applies(property: Property, design: Design): boolean {
  return property.needs.some((tag) => design.emits.includes(tag));
}

/** Why `property` is `n/a` for `design`: the design's own reason, else what it does not emit. */
export function inapplicableWhy(property: Property, design: Design): string {
  const why = design.inapplicable?.[property.id];
  return why === undefined ? `${design.id} has no step where ${property.situation} (it emits none of: ${property.needs.join(', ')})` : `${design.id}: ${why}`;
}

/** The bound that keeps a search without a violation from `held` when no step reached what `property` judges. */
export function witnessUnreached(property: Property): string {
  return `${WITNESS_UNREACHED}${property.situation}`;
}

/** How `witnessUnreached` bounds begin; a report strips it to name the situation alone. */
export const WITNESS_UNREACHED = 'witness unreached: ';

/** How directed search rates a world for `property` on `design`: the property's guide plus the design's own for it; null when neither has one. */
export function guideFor(property: Property, design: Design): ((world: World) => number) | null {
  const own = property.guide;
  const designs = design.guides?.[property.id];
  if (own === undefined) return designs ?? null;
  if (designs === undefined) return (world) => own(world);
  return (world) => own(world) + designs(world);
}

/** Every cause `property`'s violations can carry on `design`: none when it declares none. */
export function causesOn(property: Property, design: Design): readonly string[] {
  const causes = property.causes ?? [];
  return typeof causes === 'function' ? causes(design) : causes;
}

/** The property judging only violations with `cause` (all of them when `cause` is null). */
export function withCause(property: Property, cause: string | null): Property {
  if (cause === null) return property;
  return {
    ...property,
    check(step) {
      const violation = property.check(step);
      return violation?.cause === cause ? violation : null;
    },
  };
}
