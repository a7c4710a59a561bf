import { initialTransition, transition, type AnyStateMachine, type EventObject } from 'xstate';

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

/** The machine's initial state as plain data; `input` feeds its context factory. */
export function initialState<C>(machine: AnyStateMachine, input?: unknown): MachineState<C> {
  const [snapshot] = initialTransition(machine, input);
  return { value: snapshot.value as string, context: snapshot.context as C };
}

/**
 * Feeds `event` to `machine` in `state` and returns the next state; pure.
 * An event the state does not handle returns `state` itself (same object).
 */
export function advance<C>(machine: AnyStateMachine, state: MachineState<C>, event: EventObject): MachineState<C> {
  const snapshot = machine.resolveState({ value: state.value, context: state.context as never });
  const [next] = transition(machine, snapshot, event);
  if (next.value === state.value && next.context === state.context) return state;
  return { value: next.value as string, context: next.context as C };
}
