import { isLive } from '../process-machine.ts';
import type { Effect, Guard, KernelRules, StepResult } from '../design.ts';
import { bufferSpan } from '../entitlement.ts';
import { formatBuffer, formatInstance, type BufferRef } from '../instance.ts';
import { dequeued, discardNullUpcall, headTask, idle, runInit, runUpcall } from '../kernel-steps.ts';
import { withGrant } from './tock-2.2-memory.ts';
import { returnAwaited, waitingFor } from './tock-2.2-wait-for.ts';
import { mpuAfter, mpuRanges } from '../mpu-machine.ts';
import { outcome, type Observation } from '../outcome.ts';
import { coversSpan } from '../spans.ts';
import type { Task } from '../task.ts';
import { taskQueueAfter } from '../task-queue-machine.ts';
import { currentInstance, isCurrent, slotAt, statusAt, withSlot, type World } from '../world.ts';

/**
 * `tock-2.2`'s scheduling step as named rules of its kernel machine
 * (kernel/src/kernel.rs, the task loop; kernel/src/ipc.rs
 * `schedule_upcall`, whose result the loop discards). The guards read the
 * head of the queue before it is dequeued; each action dequeues it (the
 * process yields if it ran) and handles it:
 *
 * | head of the queue | guard | action |
 * | --- | --- | --- |
 * | none (never enabled) | `nothingQueued` | `idle` |
 * | (the process waits in Yield-WaitFor) | `waitsForUpcall` | `returnAwaited` |
 * | the init call of a restarted process | `initFirst` | `runInit` |
 * | a function call | `upcallFirst` | `runUpcall` |
 * | a null upcall | `nullUpcallFirst` | `discardNullUpcall` |
 * | an IPC task from a sender restarted since | `staleSender` | `dropStaleSender` |
 * | ... from a sender not running | `senderNotRunning` | `dropSenderNotRunning` |
 * | ... from the target itself | `selfNotify` | `dropSelfNotify` |
 * | ... where the target's or the sender's IPC grant does not fit | `noGrantMemory` | `dropNoGrantMemory` |
 * | any other IPC task | | `scheduleUpcall` |
 *
 * `schedule_upcall` refuses a stale sender and a self-notify before it
 * enters any grant (ipc.rs:74-81); then it enters the target's grant,
 * then the sender's (83-84), each allocated there if it was not
 * (`--heap`), so the target's is allocated even when the task is then
 * dropped because the sender is not running or has no room.
 */

type IpcTask = Extract<Task, { kind: 'ipc' }>;

const processOf = (action: { readonly [field: string]: string | number }) => action.process as number;
const head = (step: StepResult, action: { readonly [field: string]: string | number }) => headTask(step.world, processOf(action));
const ipcHead = (step: StepResult, action: { readonly [field: string]: string | number }): IpcTask | undefined => {
  const task = head(step, action);
  return task?.kind === 'ipc' ? task : undefined;
};

const guards = {
  nothingQueued: (step, action) => head(step, action) === undefined,
  waitsForUpcall: (step, action) => waitingFor(step.world, processOf(action)) !== null,
  initFirst: (step, action) => head(step, action)?.kind === 'init',
  upcallFirst: (step, action) => head(step, action)?.kind === 'upcall',
  nullUpcallFirst: (step, action) => head(step, action)?.kind === 'null-upcall',
  staleSender: (step, action) => {
    const task = ipcHead(step, action);
    return task !== undefined && !isCurrent(step.world, task.from);
  },
  senderNotRunning: (step, action) => {
    const task = ipcHead(step, action);
    return task !== undefined && !isLive(statusAt(step.world, task.from.index));
  },
  selfNotify: (step, action) => ipcHead(step, action)?.from.index === processOf(action),
  noGrantMemory: (step, action) => {
    const task = ipcHead(step, action);
    if (task === undefined) return false;
    const target = withGrant(step.world, processOf(action), 'ipc');
    return target === null || withGrant(target, task.from.index, 'ipc') === null;
  },
} satisfies Record<string, Guard>;

/**
 * The IPC task at the head dropped, silently for the sender: a notification
 * lost although its target lives on. With `enteredTarget`, the target's
 * grant was entered first, and so allocated where it fits.
 */
function drop(cause: string, why: string, enteredTarget: boolean): Effect {
  return (step, action) => {
    const process = processOf(action);
    const task = ipcHead(step, action)!;
    const at = currentInstance(step.world, process);
    const world = dequeued(step.world, process);
    return {
      world: enteredTarget ? (withGrant(world, process, 'ipc') ?? world) : world,
      outcome: outcome('DROPPED', `IPC task from ${formatInstance(task.from)} dropped: ${why}`, [{ type: 'lost', what: 'notification', at, cause }]),
    };
  };
}

const actions = {
  idle: (step) => idle(step.world),
  returnAwaited: (step, action) => returnAwaited(step.world, processOf(action)),
  runInit: (step, action) => runInit(dequeued(step.world, processOf(action)), processOf(action)),
  runUpcall: (step, action) => runUpcall(dequeued(step.world, processOf(action)), processOf(action), head(step, action) as Extract<Task, { kind: 'upcall' }>),
  discardNullUpcall: (step, action) => {
    const process = processOf(action);
    const discarded = discardNullUpcall(dequeued(step.world, process), head(step, action) as Extract<Task, { kind: 'null-upcall' }>);
    // Lost only now: until dequeued, a Yield-WaitFor on its number would have returned it.
    const lost: Observation = { type: 'lost', what: 'notification', at: currentInstance(step.world, process), cause: 'unsubscribed' };
    return { ...discarded, outcome: { ...discarded.outcome, observations: [...discarded.outcome.observations, lost] } };
  },
  dropStaleSender: drop('stale-sender', 'the sender restarted since', false),
  dropSenderNotRunning: drop('sender-not-running', 'the sender is not running', true),
  dropSelfNotify: drop('self-notify', 'a process cannot notify itself', false),
  dropNoGrantMemory: drop('no-grant-memory', "the target's or the sender's IPC grant does not fit in its memory", true),
  scheduleUpcall: (step, action) => {
    const target = processOf(action);
    const task = ipcHead(step, action)!;
    const entered = withGrant(withGrant(dequeued(step.world, target), target, 'ipc')!, task.from.index, 'ipc')!;
    return scheduleUpcall(entered, target, task);
  },
} satisfies Record<string, Effect>;

/** `rules` with `tock-2.2`'s scheduling step added as the kind `deliver`. */
export function withDelivery(rules: KernelRules): KernelRules {
  return {
    transitions: {
      ...rules.transitions,
      deliver: [
        { guard: 'nothingQueued', actions: ['idle'] },
        { guard: 'waitsForUpcall', actions: ['returnAwaited'] },
        { guard: 'initFirst', actions: ['runInit'] },
        { guard: 'upcallFirst', actions: ['runUpcall'] },
        { guard: 'nullUpcallFirst', actions: ['discardNullUpcall'] },
        { guard: 'staleSender', actions: ['dropStaleSender'] },
        { guard: 'senderNotRunning', actions: ['dropSenderNotRunning'] },
        { guard: 'selfNotify', actions: ['dropSelfNotify'] },
        { guard: 'noGrantMemory', actions: ['dropNoGrantMemory'] },
        { actions: ['scheduleUpcall'] },
      ],
    },
    guards: { ...rules.guards, ...guards },
    actions: { ...rules.actions, ...actions },
  };
}

/**
 * The first delivery stage's work (ipc.rs `schedule_upcall`) once no drop
 * applies, on the world after the dequeue: call `add_mpu_region(ptr, len,
 * len)` on the target with whatever the sender holds in the slot of the
 * target's index, ignore the result, and queue the upcall (sender index,
 * len, ptr) at the tail, or a null upcall when that number is not
 * subscribed.
 */
function scheduleUpcall(world: World, target: number, task: IpcTask): StepResult {
  const sender = task.from;
  const at = currentInstance(world, target);

  const allow = slotAt(world, sender.index).grant.allows[target] ?? null;
  const request: BufferRef | null = allow === null ? null : { owner: sender.index, buffer: allow.buffer };
  const span = request === null ? null : bufferSpan(world, request);
  const before = slotAt(world, target).mpu;
  const mpu = mpuAfter(before, { type: 'allocate', request: span && { start: span.start, size: span.end - span.start } });
  const mapped = span !== null && coversSpan(mpuRanges(mpu), span.start, span.end);
  const upcall = task.notify === 'service' ? target : sender.index;
  const subscribed = slotAt(world, target).grant.upcalls[upcall] === true;
  const queued: Task = subscribed
    ? { kind: 'upcall', upcall, from: sender, buffer: request }
    : { kind: 'null-upcall', upcall, from: sender };
  const next = withSlot(world, target, (slot) => ({ ...slot, mpu, tasks: taskQueueAfter(slot.tasks, { type: 'enqueue', task: queued }) }));

  const observations: Observation[] = [];
  if (span !== null) observations.push({ type: 'map-request', to: at, ...span });
  if (allow !== null) {
    // The pointer reaches the target whether or not the region was added.
    const what = mapped ? 'mapping' : 'pointer';
    observations.push({ type: 'reached', what, intended: allow.intended, actual: at });
  }
  const region =
    request === null
      ? 'add_mpu_region(null, 0) fails (ignored)'
      : mpu !== before
        ? `region added for ${formatBuffer(request)}`
        : `add_mpu_region for ${formatBuffer(request)} refused (ignored${mapped ? '; already mapped' : ''})`;
  const note = `${region}; ${subscribed ? `upcall ${upcall}` : `null upcall ${upcall} (not subscribed)`} queued`;
  return { world: next, outcome: outcome('IPC', note, observations) };
}

