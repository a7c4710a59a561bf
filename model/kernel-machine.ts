import { assign, setup, transition } from 'xstate';
import type { Action } from './action.ts';
import type { Design, KernelHandlers, StepResult } from './design.ts';
import { outcome, type Outcome } from './outcome.ts';
import type { World } from './world.ts';

/**
 * The kernel: one machine that routes every action to the handler of that
 * name. The skeleton's handlers answer NOSUPPORT; a design supplies its own
 * through xstate's `provide`, so a design (or a variant with one rule
 * removed) is a set of named implementations over the same skeleton.
 */
interface KernelContext {
  readonly world: World;
  readonly outcome: Outcome;
}

type Route = (context: KernelContext, action: Action) => KernelContext;

const unsupported: Route = (context) => ({ ...context, outcome: outcome('NOSUPPORT', 'the design has no such call') });

function routed(route: Route) {
  return assign<KernelContext, Action, undefined, Action, never>(({ context, event }) => route(context, event));
}

const kernelSkeleton = setup({
  types: { context: {} as KernelContext, events: {} as Action, input: {} as KernelContext },
  actions: {
    discover: routed(unsupported),
    subscribe: routed(unsupported),
    share: routed(unsupported),
    unallow: routed(unsupported),
    notify: routed(unsupported),
    deliver: routed(unsupported),
    access: routed(unsupported),
    restart: routed(unsupported),
  },
}).createMachine({
  id: 'kernel',
  context: ({ input }) => input,
  on: {
    discover: { actions: 'discover' },
    subscribe: { actions: 'subscribe' },
    share: { actions: 'share' },
    unallow: { actions: 'unallow' },
    notify: { actions: 'notify' },
    deliver: { actions: 'deliver' },
    access: { actions: 'access' },
    restart: { actions: 'restart' },
  },
});

type KernelMachine = typeof kernelSkeleton;

function viaHandler(handlers: KernelHandlers, type: Action['type']) {
  const handler = handlers[type] as (world: World, action: Action) => StepResult;
  return routed((context, action) => handler(context.world, action));
}

/** The kernel skeleton with the design's handlers in place. */
function kernelFor(handlers: KernelHandlers): KernelMachine {
  return kernelSkeleton.provide({
    actions: {
      discover: viaHandler(handlers, 'discover'),
      subscribe: viaHandler(handlers, 'subscribe'),
      share: viaHandler(handlers, 'share'),
      unallow: viaHandler(handlers, 'unallow'),
      notify: viaHandler(handlers, 'notify'),
      deliver: viaHandler(handlers, 'deliver'),
      access: viaHandler(handlers, 'access'),
      restart: viaHandler(handlers, 'restart'),
    },
  });
}

const kernels = new WeakMap<Design, KernelMachine>();

/**
 * The kernel machine compiled from its own definition: per event type, the
 * one action its root transition runs. The machine has a single state, and
 * its transitions no guard and no target; compiling refuses anything else.
 * Through it `kernelStep` calls the design's handler of that name directly,
 * skipping xstate's interpreter (some 20 µs a step);
 * test/model/kernel-dispatch.test.ts checks that both paths agree.
 */
const ROUTES: ReadonlyMap<string, keyof KernelHandlers> = compileRoutes(kernelSkeleton);

function compileRoutes(machine: KernelMachine): Map<string, keyof KernelHandlers> {
  if (Object.keys(machine.root.states).length > 0) throw new Error('internal: the kernel machine must have one state to be compiled');
  const routes = new Map<string, keyof KernelHandlers>();
  for (const [event, transitions] of machine.root.transitions) {
    const [only] = transitions;
    const action = only?.actions[0];
    if (transitions.length !== 1 || only!.guard || only!.target || only!.actions.length !== 1 || typeof action !== 'string') {
      throw new Error(`internal: the kernel machine's '${event}' transition is not one named action`);
    }
    routes.set(event, action as keyof KernelHandlers);
  }
  return routes;
}

let interpreted = false;

/** Runs every step through xstate's interpreter (true) or the compiled routes (false, the default); for the test that compares them. */
export function setKernelInterpreted(on: boolean): void {
  interpreted = on;
}

/**
 * One step of the kernel machine: pure and deterministic, a new world from
 * a readonly one. `action` must be one of `design.enabled(world)`; `step`
 * does not check (replay does, to give a useful error).
 */
export function kernelStep(design: Design, world: World, action: Action): StepResult {
  if (!interpreted) {
    const route = ROUTES.get(action.type);
    if (route === undefined) return { world, outcome: outcome('NOSUPPORT', 'the design has no such call') };
    return (design.handlers[route] as (world: World, action: Action) => StepResult)(world, action);
  }
  let kernel = kernels.get(design);
  if (kernel === undefined) {
    kernel = kernelFor(design.handlers);
    kernels.set(design, kernel);
  }
  const snapshot = kernel.resolveState({ value: {}, context: { world, outcome: outcome('', '') } });
  const [next] = transition(kernel, snapshot, action);
  return { world: next.context.world, outcome: next.context.outcome };
}
