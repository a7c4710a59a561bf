import { assign, setup } from 'xstate';
import { advance, initialState, type MachineState } from './machine-state.ts';

/**
 * A process's lifecycle (kernel/src/process.rs `State`), as the model needs it.
 *
 * `running` issues syscalls and touches memory; `yielded` waits for an
 * upcall, and only then does the kernel dequeue its tasks; `faulted` runs no
 * more until restarted; `terminated` (it exited) neither. The process
 * console's stop (process_standard.rs `stop`, `resume`, 604-629) keeps
 * where it was: `stoppedRunning` or `stoppedYielded`, neither scheduled,
 * both still taking tasks. A restart (process_standard.rs `reset`) gives a
 * new generation, whatever the state: the new instance is `yielded` with
 * its init call queued when `yielded` is set (Tock's `reset`, 2137-2138),
 * `running` otherwise (designs that abstract the init call away).
 */
export type ProcessStatus = 'running' | 'yielded' | 'stoppedRunning' | 'stoppedYielded' | 'faulted' | 'terminated';

/** Tock's `is_running` (process_standard.rs:581-586): not faulted and not terminated, so it takes tasks and its grants can be entered. */
export function isLive(status: ProcessStatus): boolean {
  return status !== 'faulted' && status !== 'terminated';
}

/** Whether the kernel's scheduler runs it: running or yielded, not stopped. */
export function isScheduled(status: ProcessStatus): boolean {
  return status === 'running' || status === 'yielded';
}

export interface LifecycleContext {
  readonly generation: number;
}

export type LifecycleEvent =
  | { readonly type: 'yield' }
  | { readonly type: 'resume' }
  | { readonly type: 'fault' }
  | { readonly type: 'exit' }
  | { readonly type: 'stop' }
  | { readonly type: 'unstop' }
  | { readonly type: 'restart'; readonly yielded?: boolean };

export const processMachine = setup({
  types: { context: {} as LifecycleContext, events: {} as LifecycleEvent },
}).createMachine({
  id: 'process',
  initial: 'running',
  context: { generation: 0 },
  states: {
    running: { on: { yield: 'yielded', fault: 'faulted', exit: 'terminated', stop: 'stoppedRunning' } },
    yielded: { on: { resume: 'running', stop: 'stoppedYielded' } },
    stoppedRunning: { on: { unstop: 'running' } },
    stoppedYielded: { on: { unstop: 'yielded' } },
    faulted: {},
    terminated: {},
  },
  on: {
    restart: [
      { guard: ({ event }) => event.yielded === true, target: '.yielded', actions: assign({ generation: ({ context }) => context.generation + 1 }) },
      { target: '.running', actions: assign({ generation: ({ context }) => context.generation + 1 }) },
    ],
  },
});

export type Lifecycle = MachineState<LifecycleContext>;

/** A fresh process: running, generation 0. */
export function initialLifecycle(): Lifecycle {
  return initialState(processMachine);
}

/** The lifecycle after `event`; unchanged if the state ignores it. */
export function lifecycleAfter(state: Lifecycle, event: LifecycleEvent): Lifecycle {
  return advance(processMachine, state, event);
}

/** The status of a lifecycle state. */
export function statusOf(state: Lifecycle): ProcessStatus {
  return state.value as ProcessStatus;
}
