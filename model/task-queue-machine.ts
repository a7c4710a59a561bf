import { assign, setup } from 'xstate';
import { advance, initialState, type MachineState } from './machine-state.ts';
import type { Task } from './task.ts';

/**
 * A process's bounded FIFO of pending tasks, shared by every kind of task.
 *
 * Tock backs it with a ring buffer of `CALLBACK_LEN` = 10 slots that keeps one
 * empty, so 9 tasks fit (kernel/src/collections/ring_buffer.rs `is_full`);
 * the capacity is a parameter. In `full`, `enqueue` is not handled: the
 * kernel reads the state and returns NOMEM (process_standard.rs
 * `enqueue_task`). A restart empties the queue (`clear`). A successful
 * subscribe removes the function calls queued for its upcall number
 * (`removeUpcalls`, process_standard.rs `remove_pending_upcalls`); a
 * Yield-WaitFor takes the first function call or null upcall of its number
 * from anywhere in the queue (`takeFor`, process_standard.rs `remove_upcall`).
 */
export interface TaskQueueContext {
  readonly capacity: number;
  readonly tasks: readonly Task[];
}

export type TaskQueueEvent =
  | { readonly type: 'enqueue'; readonly task: Task }
  | { readonly type: 'dequeue' }
  | { readonly type: 'clear' }
  | { readonly type: 'removeUpcalls'; readonly upcall: number }
  | { readonly type: 'takeFor'; readonly upcall: number };

/** True iff `task` is a function call or null upcall for upcall number `upcall` (what `remove_upcall` takes for Yield-WaitFor). */
export function isAwaited(task: Task, upcall: number): boolean {
  return (task.kind === 'upcall' || task.kind === 'null-upcall') && task.upcall === upcall;
}

/** True iff `task` is a function call queued for upcall number `upcall` (what `remove_pending_upcalls` removes). */
export function isUpcallFor(task: Task, upcall: number): boolean {
  return task.kind === 'upcall' && task.upcall === upcall;
}

const push = assign<TaskQueueContext, TaskQueueEvent, undefined, TaskQueueEvent, never>({
  tasks: ({ context, event }) => (event.type === 'enqueue' ? [...context.tasks, event.task] : context.tasks),
});
const shift = assign<TaskQueueContext, TaskQueueEvent, undefined, TaskQueueEvent, never>({
  tasks: ({ context }) => context.tasks.slice(1),
});

const removeUpcalls = assign<TaskQueueContext, TaskQueueEvent, undefined, TaskQueueEvent, never>({
  tasks: ({ context, event }) => (event.type === 'removeUpcalls' ? context.tasks.filter((task) => !isUpcallFor(task, event.upcall)) : context.tasks),
});

const takeFirst = assign<TaskQueueContext, TaskQueueEvent, undefined, TaskQueueEvent, never>({
  tasks: ({ context, event }) => {
    if (event.type !== 'takeFor') return context.tasks;
    const at = context.tasks.findIndex((task) => isAwaited(task, event.upcall));
    return at < 0 ? context.tasks : [...context.tasks.slice(0, at), ...context.tasks.slice(at + 1)];
  },
});

const enqueue = [
  { guard: 'fillsLastSlot', target: 'full', actions: push },
  { target: 'pending', actions: push },
] as const;
const dequeue = [
  { guard: 'takesLastTask', target: 'empty', actions: shift },
  { target: 'pending', actions: shift },
] as const;
const take = [
  { guard: 'takesNone' },
  { guard: 'takesLastTask', target: 'empty', actions: takeFirst },
  { target: 'pending', actions: takeFirst },
] as const;
const remove = [
  { guard: 'removesNone' },
  { guard: 'removesAll', target: 'empty', actions: removeUpcalls },
  { target: 'pending', actions: removeUpcalls },
] as const;

export const taskQueueMachine = setup({
  types: {
    context: {} as TaskQueueContext,
    events: {} as TaskQueueEvent,
    input: {} as { capacity: number },
  },
  guards: {
    fillsLastSlot: ({ context }) => context.tasks.length + 1 >= context.capacity,
    takesLastTask: ({ context }) => context.tasks.length === 1,
    takesNone: ({ context, event }) => event.type === 'takeFor' && !context.tasks.some((task) => isAwaited(task, event.upcall)),
    removesNone: ({ context, event }) => event.type === 'removeUpcalls' && !context.tasks.some((task) => isUpcallFor(task, event.upcall)),
    removesAll: ({ context, event }) => event.type === 'removeUpcalls' && context.tasks.every((task) => isUpcallFor(task, event.upcall)),
  },
}).createMachine({
  id: 'taskQueue',
  initial: 'empty',
  context: ({ input }) => ({ capacity: input.capacity, tasks: [] }),
  states: {
    empty: { on: { enqueue } },
    pending: { on: { enqueue, dequeue, removeUpcalls: remove, takeFor: take } },
    full: { on: { dequeue, removeUpcalls: remove, takeFor: take } },
  },
  on: {
    clear: { target: '.empty', actions: assign({ tasks: [] }) },
  },
});

export type TaskQueue = MachineState<TaskQueueContext>;

/** An empty queue holding at most `capacity` tasks. */
export function initialTaskQueue(capacity: number): TaskQueue {
  return initialState(taskQueueMachine, { capacity });
}

/** The queue after `event`; unchanged when it is not handled (enqueue into a full queue). */
export function taskQueueAfter(queue: TaskQueue, event: TaskQueueEvent): TaskQueue {
  return advance(taskQueueMachine, queue, event);
}

/** True iff an enqueue would fail with NOMEM. */
export function isFull(queue: TaskQueue): boolean {
  return queue.value === 'full';
}
