import { canonicalJson, designById, designParamValues, formatAction, initialWorld, MIN_REGIONS, step, type Action, type Design, type Outcome, type World, type WorldParams } from '../model/index.ts';
import { causesOn, PROPERTIES, propertyById, withCause, type Violation } from '../properties/index.ts';
import type { CounterexampleFile } from './counterexample-file.ts';
import { modelFingerprint } from './fingerprint.ts';
import { runWith } from '../engine/index.ts';
import { traceProblem } from './action-check.ts';
import { diffWorlds } from './world-diff.ts';

/** One replayed step: the action, what it returned, what changed, and the world after it. */
export interface ReplayedStep {
  readonly action: Action;
  readonly outcome: Outcome;
  readonly changes: readonly string[];
  readonly world: World;
}

/**
 * How a replay ended. `reproduced`: the recorded property broke, with the
 * recorded cause (at `steps.length`). `not-reproduced`: it did not, and `why` says whether the
 * model changed since the file was written (the fingerprints differ) or not.
 * `invalid`: the file names a design, size or action the model cannot have.
 */
export type ReplayResult =
  | { readonly kind: 'reproduced'; readonly design: Design; readonly steps: readonly ReplayedStep[]; readonly violation: Violation; readonly fingerprintNow: string }
  | { readonly kind: 'not-reproduced'; readonly design: Design; readonly steps: readonly ReplayedStep[]; readonly why: string; readonly fingerprintNow: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Re-runs a file's trace, step by step, on the current model, judging the
 * recorded property. Pure apart from computing the model fingerprint.
 */
export function replayCounterexample(file: CounterexampleFile): ReplayResult {
  const design = designById(file.model.design);
  if (design === undefined) return { kind: 'invalid', problem: `model.design: unknown design '${file.model.design}' (a design of your own: load its file with --design FILE)` };
  const params = file.model.params;
  if (params.regions < MIN_REGIONS[params.arch]) {
    return { kind: 'invalid', problem: `model.params.regions: ${params.arch} needs at least ${MIN_REGIONS[params.arch]}` };
  }
  try {
    const values = designParamValues(design.id, design.params ?? [], params.design ?? {});
    if (canonicalJson(values ?? null) !== canonicalJson(params.design ?? null)) return { kind: 'invalid', problem: 'model.params.design: lists a parameter at its default value (a file holds only those that differ)' };
  } catch (e) {
    return { kind: 'invalid', problem: `model.params.design: ${(e as Error).message}` };
  }
  if (propertyById(file.property) === undefined) {
    return { kind: 'invalid', problem: `property: unknown property '${file.property}' (known: ${PROPERTIES.map((p) => p.id).join(', ')})` };
  }
  const judged = propertyById(file.property)!;
  const causes = causesOn(judged, design);
  if (file.cause !== null && !causes.includes(file.cause)) {
    // A design names delivery's causes: say which design has none such.
    const where = typeof judged.causes === 'function' ? ` on ${design.id}` : '';
    const problem = causes.length === 0 ? `${file.property} carries no cause${where}, but the file names '${file.cause}'` : `${file.property} has no cause '${file.cause}'${where} (its causes${where === '' ? '' : ' there'}: ${causes.join(', ')})`;
    return { kind: 'invalid', problem: `cause: ${problem}` };
  }
  const problem = traceProblem(design.kinds, file.trace, params);
  if (problem !== null) return { kind: 'invalid', problem };
  // Judge only the recorded kind of violation, as the search that found it did.
  const property = withCause(propertyById(file.property)!, file.cause);
  const fingerprintNow = modelFingerprint(design, params);
  const changed = fingerprintNow !== file.model.fingerprint;
  const modelNote = changed
    ? `the model changed since the file was written (fingerprint ${file.model.fingerprint}, now ${fingerprintNow})`
    : `the model is unchanged (fingerprint ${fingerprintNow})`;

  const end = runWith(design, params, [property], (_, index) => file.trace[index] ?? null);
  const recorded = withChanges(design, params, end.steps.map((s) => s.action));
  if (end.kind === 'violated') return { kind: 'reproduced', design, steps: recorded, violation: end.violation, fingerprintNow };
  if (end.kind === 'not-enabled') {
    const offered = end.enabled.slice(0, 8).map((a) => formatAction(design.kinds, a)).join('; ');
    const why = `step ${end.index + 1} (${formatAction(design.kinds, end.action)}) is not enabled; enabled were: ${offered}${end.enabled.length > 8 ? '; ...' : ''}. ${changed ? `Likely cause: ${modelNote}.` : `${modelNote}: the trace was edited by hand or the model is not deterministic.`}`;
    return { kind: 'not-reproduced', design, steps: recorded, why, fingerprintNow };
  }
  const other = otherCause(design, params, file);
  if (other !== null) {
    const why = `${file.property} was violated at step ${other.at}, but with ${other.cause === undefined ? 'no cause' : `cause ${other.cause}`}, not ${file.cause ?? 'none'}; ${modelNote}`;
    return { kind: 'not-reproduced', design, steps: recorded, why, fingerprintNow };
  }
  const why = changed
    ? `${property.id} held on every step: ${modelNote}, so the bug may be fixed or the model changed`
    : `${property.id} held on every step and ${modelNote}: the trace never showed this violation`;
  return { kind: 'not-reproduced', design, steps: recorded, why, fingerprintNow };
}

/** Where the file's property, judged whatever the cause, first breaks on its trace, when the recorded cause did not. */
function otherCause(design: Design, params: WorldParams, file: CounterexampleFile): { at: number; cause: string | undefined } | null {
  if (file.cause === null) return null;
  const end = runWith(design, params, [propertyById(file.property)!], (_, index) => file.trace[index] ?? null);
  return end.kind === 'violated' ? { at: end.steps.length, cause: end.violation.cause } : null;
}

/** Folds `step` over actions that are known to be enabled, recording each step's outcome and changes. */
function withChanges(design: Design, params: WorldParams, actions: readonly Action[]): ReplayedStep[] {
  let world = initialWorld(params);
  return actions.map((action) => {
    const { world: after, outcome } = step(design, world, action);
    const changes = diffWorlds(world, after);
    world = after;
    return { action, outcome, changes, world: after };
  });
}
