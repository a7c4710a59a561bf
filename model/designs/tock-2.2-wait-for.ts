import type { Handler, StepResult } from '../design.ts';
import { formatBuffer, formatInstance, sameBuffer } from '../instance.ts';
import { outcome, type Observation } from '../outcome.ts';
import { lifecycleAfter } from '../process-machine.ts';
import type { Renaming } from '../symmetry.ts';
import { isAwaited, taskQueueAfter } from '../task-queue-machine.ts';
import { currentInstance, NO_IPC_STATE, slotAt, withSlot, type IpcState, type World } from '../world.ts';
import type { LegacyAction } from './legacy-kinds.ts';

/**
 * Yield-WaitFor on the legacy IPC's upcalls (kernel.rs:646-690 at
 * release-2.2). A process that yields waiting for upcall number `u` of the
 * IPC driver is woken only by a function call or a null upcall of that
 * number, taken from anywhere in its queue (process_standard.rs
 * `remove_upcall`); its callback does not run, its arguments (sender,
 * len, ptr) are returned, and a null upcall is returned the same way
 * instead of being discarded. Meanwhile nothing else in its queue is
 * touched: IPC tasks are not turned into upcalls, so a notification
 * still waiting as an IPC task cannot wake it.
 *
 * The wait is kept in the process's design state; a restart or fault
 * clears it with the rest.
 */
export interface WaitState extends IpcState {
  /** The IPC upcall number the process waits for, while it does. */
  readonly waitingFor?: number;
}

/** The upcall number `process` waits for, or null when it is not in Yield-WaitFor. */
export function waitingFor(world: World, process: number): number | null {
  return (slotAt(world, process).ipc as WaitState).waitingFor ?? null;
}

/** True iff `process` waits for an upcall already in its queue (the kernel's scheduling step then has something to do). */
export function awaitedQueued(world: World, process: number): boolean {
  const upcall = waitingFor(world, process);
  return upcall !== null && slotAt(world, process).tasks.context.tasks.some((task) => isAwaited(task, upcall));
}

/** The yield: the process stops running until its upcall comes. */
export const yieldWaitFor: Handler<Extract<LegacyAction, { type: 'yield-wait-for' }>> = (world, { by, upcall }) => {
  const next = withSlot(world, by, (slot) => ({
    ...slot,
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'yield' }),
    ipc: { waitingFor: upcall } satisfies WaitState,
  }));
  return { world: next, outcome: outcome('WAITING', `#${by} waits for upcall ${upcall} alone`) };
};

/**
 * The scheduling step of a waiting process: the first function call or
 * null upcall of its number leaves the queue and its arguments are
 * returned; the process runs again and learns what they carry.
 */
export function returnAwaited(world: World, process: number): StepResult {
  const upcall = waitingFor(world, process)!;
  const task = slotAt(world, process).tasks.context.tasks.find((t) => isAwaited(t, upcall))!;
  if (task.kind !== 'upcall' && task.kind !== 'null-upcall') throw new Error('internal: an awaited task is an upcall');
  const buffer = task.kind === 'upcall' ? task.buffer : null;
  const next = withSlot(world, process, (slot) => ({
    ...slot,
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'resume' }),
    tasks: taskQueueAfter(slot.tasks, { type: 'takeFor', upcall }),
    ipc: NO_IPC_STATE,
    app: {
      ...slot.app,
      handles: slot.app.handles.map((g, j) => (j === task.from.index ? task.from.generation : g)),
      pointers: buffer === null || slot.app.pointers.some((p) => sameBuffer(p, buffer)) ? slot.app.pointers : [...slot.app.pointers, buffer],
    },
  }));
  const observations: Observation[] = buffer === null ? [] : [{ type: 'handover', to: currentInstance(next, process), buffer }];
  const what = task.kind === 'null-upcall' ? 'a null upcall (not subscribed)' : 'the upcall, its callback not run';
  const args = buffer === null ? '(0, 0)' : `a pointer to ${formatBuffer(buffer)}`;
  return { world: next, outcome: outcome('RETURNED', `${what} ${upcall} from ${formatInstance(task.from)} returned to the waiting process: ${args}`, observations) };
}

/** The wait renamed with its slot number, for client symmetry. */
export function renameWait(state: IpcState, renaming: Renaming): IpcState {
  const upcall = (state as WaitState).waitingFor;
  return upcall === undefined ? state : ({ waitingFor: renaming.slot(upcall) } satisfies WaitState);
}
