import type { Handler } from '../../design.ts';
import { formatInstance, type Instance } from '../../instance.ts';
import { dequeued } from '../../kernel-steps.ts';
import { outcome } from '../../outcome.ts';
import { lifecycleAfter } from '../../process-machine.ts';
import type { Task } from '../../task.ts';
import { isFull, taskQueueAfter } from '../../task-queue-machine.ts';
import { slotAt, withSlot, type World } from '../../world.ts';
import type { Ipc2026Of } from './kinds.ts';

type CapsuleTask = Extract<Task, { kind: 'capsule' }>;

/**
 * A capsule schedules an upcall at slot `to` (kernel/src/upcall.rs
 * `schedule`). Every one of these capsules ignores the result
 * (`let _ = ...schedule_upcall(...)`), so on a full task queue the upcall
 * is simply not queued: `queued` says whether it was.
 *
 * Not modelled: subscription. An unsubscribed upcall is queued as a
 * `ReturnValue` that only a `yield-wait-for` on it receives (libtock-c's
 * synchronous calls wait that way); the model lets the app receive every
 * upcall, so a loss is the kernel's, never the app's.
 */
export function scheduleUpcall(world: World, to: number, upcall: string, status: string, id: Instance | null): { world: World; queued: boolean } {
  if (isFull(slotAt(world, to).tasks)) return { world, queued: false };
  const task: CapsuleTask = { kind: 'capsule', upcall, status, id };
  return { world: withSlot(world, to, (slot) => ({ ...slot, tasks: taskQueueAfter(slot.tasks, { type: 'enqueue', task }) })), queued: true };
}

/** How a note reads a scheduled upcall: `response(CANCEL) queued at #1` or `... lost: #1's queue is full`. */
export function upcallNote(upcall: string, status: string, to: number, queued: boolean): string {
  return `${upcall}(${status}) ${queued ? `queued at #${to}` : `lost: #${to}'s queue is full`}`;
}

/**
 * The scheduling step: `process` yields if running, the head task is
 * dequeued and its upcall runs; the app learns the identifier it carries
 * (a discovered server, a waiting client).
 */
export const deliver: Handler<Ipc2026Of<'deliver'>> = (world, { process }) => {
  const task = slotAt(world, process).tasks.context.tasks[0];
  if (task?.kind !== 'capsule') throw new Error(`internal: ipc-2026 delivers capsule upcalls only, not ${task?.kind ?? 'an empty queue'}`);
  const next = withSlot(dequeued(world, process), process, (slot) => ({
    ...slot,
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'resume' }),
    app: task.id === null ? slot.app : { ...slot.app, handles: slot.app.handles.map((g, j) => (j === task.id!.index ? task.id!.generation : g)) },
  }));
  const carried = task.id === null ? '' : `, identifier ${formatInstance(task.id)}`;
  return { world: next, outcome: outcome('UPCALL', `${task.upcall} upcall runs: ${task.status}${carried}`) };
};
