import { initialTransition, transition, type AnyActorScope, type AnyStateMachine, type AnyStateNode, type EventObject } from 'xstate';

/**
 * The serializable part of an xstate snapshot: its state value and context.
 *
 * The world stores machines as `MachineState`, never as xstate snapshots, so
 * it stays plain JSON. This module is the one place that turns a
 * `MachineState` back into a snapshot and calls xstate's pure `transition()`,
 * which runs no side effects and returns a new snapshot.
 */
export interface MachineState<C> {
  readonly value: string;
  readonly context: C;
}

/**
 * Every state node the machine defines, read from its definition (not a
 * list kept by hand), as dotted paths from the root in definition order.
 * The model's machines are flat, so each path is a `MachineState.value`.
 */
export function stateNames(machine: AnyStateMachine): string[] {
  return descendants(machine.root).map((node) => node.path.join('.'));
}

/** Every state node below `node`, in definition order, depth first. */
function descendants(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...descendants(child)]);
}

/** The machine's initial state as plain data; `input` feeds its context factory. */
export function initialState<C>(machine: AnyStateMachine, input?: unknown): MachineState<C> {
  const [snapshot] = initialTransition(machine, input);
  return { value: snapshot.value as string, context: snapshot.context as C };
}

/**
 * Feeds `event` to `machine` in `state` and returns the next state; pure.
 * An event the state does not handle returns `state` itself (same object).
 *
 * Transitions are memoised per machine on the JSON of (state, event): the
 * machines are small and see few distinct states, and a transition through
 * xstate costs some 5 µs (`scopeOf`). A first memo on the state
 * object's identity and the event's JSON skips serialising the state when
 * the same object comes back, as it does in the exhaustive explorer,
 * whose worlds share their parts. A memoised result is the one
 * xstate computed for an equal state and event, so the machines stay the
 * only source of truth (test/model/machine-memo.test.ts checks both paths
 * agree).
 */
export function advance<C>(machine: AnyStateMachine, state: MachineState<C>, event: EventObject): MachineState<C> {
  if (!memoEnabled) return transitionOf(machine, state, event);
  let memo = memos.get(machine);
  if (memo === undefined || memo.size > MEMO_LIMIT) {
    memo = new Map();
    memos.set(machine, memo);
  }
  let byEvent = byObject.get(state);
  if (byEvent === undefined) byObject.set(state, (byEvent = new Map()));
  const eventKey = JSON.stringify(event);
  const known = byEvent.get(eventKey) as MachineState<C> | 'unchanged' | undefined;
  if (known !== undefined) return known === 'unchanged' ? state : known;
  const key = JSON.stringify([state.value, state.context, event]);
  const hit = memo.get(key) as MachineState<C> | 'unchanged' | undefined;
  const next = hit === 'unchanged' ? state : (hit ?? transitionOf(machine, state, event));
  if (hit === undefined) memo.set(key, next === state ? 'unchanged' : next);
  byEvent.set(eventKey, next === state ? 'unchanged' : next);
  return next;
}

/** Per state object (a state belongs to one machine), per event JSON: the next state. */
const byObject = new WeakMap<object, Map<string, MachineState<unknown> | 'unchanged'>>();

/** Entries kept per machine before its memo starts afresh. */
const MEMO_LIMIT = 200_000;
const memos = new WeakMap<AnyStateMachine, Map<string, MachineState<unknown> | 'unchanged'>>();
let memoEnabled = true;

/**
 * Turns the fast path off or on (for the test that compares both): off,
 * every transition goes through xstate's own `transition()`, unmemoised.
 */
export function setTransitionMemo(enabled: boolean): void {
  memoEnabled = enabled;
}

function transitionOf<C>(machine: AnyStateMachine, state: MachineState<C>, event: EventObject): MachineState<C> {
  const snapshot = machine.resolveState({ value: state.value, context: state.context as never });
  const scope = memoEnabled ? scopeOf(machine) : null;
  const next = scope !== null ? machine.transition(snapshot, event, scope) : transition(machine, snapshot, event)[0];
  if (next.value === state.value && next.context === state.context) return state;
  return { value: next.value as string, context: next.context as C };
}

/**
 * The actor scope `machine`'s transitions share, or null for a machine
 * that cannot share one. xstate's pure `transition()` builds a throwaway
 * actor, with its system and initial snapshot, at every call: four fifths
 * of the call (27 µs against 5 µs for a task queue's enqueue). The scope
 * made here holds no actor at all: the model's machines run guards and
 * assigns only, which read the context and the event, and like
 * `transition()` the scope executes no action; its `self` throws if a
 * transition reaches for it, and its `system` too, but for the report to
 * inspectors (`standIn`), so a machine that comes to need an actor fails
 * loudly instead of running on a stand-in. Having no state of its own,
 * one scope serves every machine. A transition stays a pure function of
 * the state and the event: nothing here reads a clock, draws a random
 * number or starts anything. A machine that invokes actors or delays
 * events keeps xstate's `transition()` (`sharesScope`).
 * test/model/machine-memo.test.ts compares both paths on every design.
 */
function scopeOf(machine: AnyStateMachine): AnyActorScope | null {
  let scope = scopes.get(machine);
  if (scope === undefined) {
    scope = sharesScope(machine) ? SHARED_SCOPE : null;
    scopes.set(machine, scope);
  }
  return scope;
}

/**
 * What a scope's actor or system is asked for that its stand-in answers:
 * xstate reports each step to its inspectors through the system, and with
 * none registered that report goes nowhere. Anything else throws, naming it.
 */
function standIn(name: 'actor' | 'system', answers: Readonly<Record<string, unknown>>): never {
  return new Proxy(answers, {
    get: (target, key) => {
      if (Object.hasOwn(target, key)) return target[key as string];
      throw new Error(`internal: a model machine's transition used its ${name}'s '${String(key)}', which the shared scope has no stand-in for (see scopeOf)`);
    },
  }) as never;
}

const SHARED_SCOPE: AnyActorScope = {
  self: standIn('actor', {}),
  system: standIn('system', { _sendInspectionEvent: () => {} }),
  id: '',
  sessionId: '',
  logger: () => {},
  defer: () => {},
  emit: () => {},
  stopChild: () => {},
  actionExecutor: () => {},
};

const scopes = new WeakMap<AnyStateMachine, AnyActorScope | null>();

/** Whether `machine`'s transitions can share one actor scope: no state of it invokes an actor or delays an event. */
export function sharesScope(machine: AnyStateMachine): boolean {
  return [machine.root, ...descendants(machine.root)].every((node) => node.invoke.length === 0 && node.after.length === 0);
}
