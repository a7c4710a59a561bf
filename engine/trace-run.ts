import { frozenJson, initialWorld, step, type Action, type Design, type Outcome, type World, type WorldParams } from '../model/index.ts';
import type { Property, Violation } from '../properties/index.ts';
import type { Coverage } from './coverage.ts';

/** One step of a run, as reports print it. */
export interface StepRecord {
  readonly action: Action;
  readonly outcome: Outcome;
}

/**
 * How a run ended. A run stops at the first violation, so a violating trace
 * ends at the violating step; `not-enabled` means the trace asked for an
 * action the world did not offer at step `index` (0-based).
 */
export type RunEnd =
  | { readonly kind: 'violated'; readonly steps: readonly StepRecord[]; readonly violation: Violation; readonly world: World }
  | { readonly kind: 'completed'; readonly steps: readonly StepRecord[]; readonly world: World }
  | {
      readonly kind: 'not-enabled';
      readonly steps: readonly StepRecord[];
      readonly index: number;
      readonly action: Action;
      readonly enabled: readonly Action[];
    };

/** Chooses the next action from those enabled in `world` at step `index`, or null to stop. */
export type Chooser = (enabled: readonly Action[], index: number, world: World) => Action | null;

/**
 * Runs from the initial world, taking the chooser's actions and judging each
 * step with every property in `properties`, in order; stops at the first
 * violation, when the chooser stops, or when nothing is enabled. Records
 * every step taken in `coverage`, if given.
 */
export function runWith(design: Design, params: WorldParams, properties: readonly Property[], choose: Chooser, coverage?: Coverage): RunEnd {
  let world = initialWorld(params);
  coverage?.start(world);
  const steps: StepRecord[] = [];
  for (let index = 0; ; index++) {
    const enabled = design.enabled(world);
    if (enabled.length === 0) return { kind: 'completed', steps, world };
    const action = choose(enabled, index, world);
    if (action === null) return { kind: 'completed', steps, world };
    if (findAmong(action, enabled) === undefined) return { kind: 'not-enabled', steps, index, action, enabled };
    const { world: after, outcome } = step(design, world, action);
    steps.push({ action, outcome });
    coverage?.step(world, action, outcome, after);
    for (const property of properties) {
      const violation = property.check({ design, before: world, action, after, outcome });
      if (violation !== null) return { kind: 'violated', steps, violation, world: after };
    }
    world = after;
  }
}

/** Replays a fixed trace; see `runWith`. */
export function runTrace(design: Design, params: WorldParams, properties: readonly Property[], trace: readonly Action[]): RunEnd {
  return runWith(design, params, properties, (_, index) => trace[index] ?? null);
}

/**
 * The action of `enabled` that is `action`: the same object, or one of its
 * kind equal as data (compared by canonical JSON, each action's key made
 * once: a replay compares one trace against many lists of enabled actions).
 */
export function findAmong(action: Action, enabled: readonly Action[]): Action | undefined {
  if (enabled.includes(action)) return action;
  const key = frozenJson(action);
  return enabled.find((a) => a.type === action.type && frozenJson(a) === key);
}
