import { assign, setup, transition, type AnyStateMachine } from 'xstate';
import type { Action } from './action-kind.ts';
import type { Design, KernelRules, RuleImplementations, StepResult } from './design.ts';
import { outcome } from './outcome.ts';
import type { World } from './world.ts';

/**
 * The kernel of a design: one xstate machine, one state, whose transitions
 * are the design's rules. Each action kind is an event; its transitions
 * are tried in order, and the first whose named guard holds runs its named
 * actions, each turning the step so far (world and outcome) into the next.
 * A variant with one rule removed is the parent's machine `provide()`d one
 * guard or action (see `variant` in design.ts).
 */
type KernelContext = StepResult;

/** The design's kernel machine, built once per design from its rules. */
function buildMachine(rules: KernelRules, implementations: RuleImplementations): AnyStateMachine {
  return setup({
    types: { context: {} as KernelContext, events: {} as Action, input: {} as KernelContext },
    guards: wrapGuards(implementations.guards ?? {}),
    actions: wrapActions(implementations.actions ?? {}),
  }).createMachine({
    id: 'kernel',
    context: ({ input }) => input,
    on: Object.fromEntries(
      Object.entries(rules.transitions).map(([event, transitions]) => [
        event,
        transitions.map((t) => (t.guard === undefined ? { actions: [...t.actions] } : { guard: t.guard, actions: [...t.actions] })),
      ]),
    ),
  });
}

function wrapGuards(guards: NonNullable<RuleImplementations['guards']>) {
  return Object.fromEntries(
    Object.entries(guards).map(([name, guard]) => [name, ({ context, event }: { context: KernelContext; event: Action }) => guard(context, event)]),
  );
}

function wrapActions(actions: NonNullable<RuleImplementations['actions']>) {
  return Object.fromEntries(
    Object.entries(actions).map(([name, effect]) => [name, assign<KernelContext, Action, undefined, Action, never>(({ context, event }) => effect(context, event))]),
  );
}

const machines = new WeakMap<Design, AnyStateMachine>();

/** The design's kernel machine: its own rules, or its parent's machine with the variant's implementations provided. */
export function kernelMachineOf(design: Design): AnyStateMachine {
  let machine = machines.get(design);
  if (machine === undefined) {
    machine =
      design.variantOf === undefined
        ? buildMachine(design.rules, design.rules)
        : kernelMachineOf(design.variantOf.parent).provide({
            guards: wrapGuards(design.variantOf.provided.guards ?? {}),
            actions: wrapActions(design.variantOf.provided.actions ?? {}),
          } as never);
    machines.set(design, machine);
  }
  return machine;
}

/** One compiled transition: a guard (or none) and the effects it runs. */
interface Compiled {
  readonly guard: ((step: StepResult, action: Action) => boolean) | null;
  readonly effects: readonly ((step: StepResult, action: Action) => StepResult)[];
}

const compiledByDesign = new WeakMap<Design, ReadonlyMap<string, readonly Compiled[]>>();

/**
 * The kernel machine compiled from its own definition: per event, its
 * transitions (guard and action names, read from `machine.root`) bound to
 * the design's implementations of those names. Refuses a machine with
 * states, targets, inline guards or actions, or an event whose every
 * transition is guarded (such a step could do nothing and say nothing).
 * Through it `kernelStep` skips xstate's interpreter (some 20 µs a step);
 * test/model/kernel-dispatch.test.ts checks that both paths agree on every
 * built-in design.
 */
function compiledOf(design: Design): ReadonlyMap<string, readonly Compiled[]> {
  let compiled = compiledByDesign.get(design);
  if (compiled !== undefined) return compiled;
  const machine = kernelMachineOf(design);
  const { guards = {}, actions = {} } = design.rules;
  if (Object.keys(machine.root.states).length > 0) throw new Error(`internal: design ${design.id}'s kernel machine must have one state to be compiled`);
  const routes = new Map<string, Compiled[]>();
  for (const [event, transitions] of machine.root.transitions) {
    const list = transitions.map((t): Compiled => {
      if (t.target !== undefined) throw new Error(`internal: design ${design.id}: '${event}' has a target`);
      if (t.guard !== undefined && typeof t.guard !== 'string') throw new Error(`internal: design ${design.id}: '${event}' has an inline guard`);
      const guard = t.guard === undefined ? null : guards[t.guard];
      if (guard === undefined) throw new Error(`internal: design ${design.id}: no guard '${String(t.guard)}'`);
      const effects = t.actions.map((name) => {
        const effect = typeof name === 'string' ? actions[name] : undefined;
        if (effect === undefined) throw new Error(`internal: design ${design.id}: '${event}' runs an action that is not a named rule`);
        return effect;
      });
      return { guard, effects };
    });
    if (list.at(-1)?.guard !== null) throw new Error(`internal: design ${design.id}: every transition of '${event}' is guarded`);
    routes.set(event, list);
  }
  compiledByDesign.set(design, routes);
  return routes;
}

let interpreted = false;

/** Runs every step through xstate's interpreter (true) or the compiled routes (false, the default); for the test that compares them. */
export function setKernelInterpreted(on: boolean): void {
  interpreted = on;
}

/**
 * One step of the design's kernel machine: pure and deterministic, a new
 * world from a readonly one. `action` must be one of
 * `design.enabled(world)`; `step` does not check (replay does, to give a
 * useful error), but an action of a kind the design lacks throws.
 */
export function kernelStep(design: Design, world: World, action: Action): StepResult {
  const start: StepResult = { world, outcome: outcome('', '') };
  if (!interpreted) {
    const transitions = compiledOf(design).get(action.type);
    if (transitions === undefined) throw new RangeError(`internal: design ${design.id} has no action kind '${action.type}'`);
    for (const { guard, effects } of transitions) {
      if (guard !== null && !guard(start, action)) continue;
      return effects.reduce((s, effect) => effect(s, action), start);
    }
    throw new Error('internal: unreachable: the last transition is unguarded');
  }
  const machine = kernelMachineOf(design);
  if (!machine.root.transitions.has(action.type)) throw new RangeError(`internal: design ${design.id} has no action kind '${action.type}'`);
  const [next] = transition(machine, machine.resolveState({ value: {}, context: start }), action);
  return next.context as StepResult;
}
