import { match } from 'ts-pattern';
import type { Action } from './action.ts';
import type { Handler, StepResult } from './design.ts';
import { emptyGrant } from './grant.ts';
import { formatBuffer, formatInstance, sameBuffer, type BufferRef } from './instance.ts';
import { mpuAfter, mpuCovers, mpuMapped } from './mpu-machine.ts';
import { outcome } from './outcome.ts';
import { lifecycleAfter, statusOf } from './process-machine.ts';
import type { Task } from './task.ts';
import { taskQueueAfter } from './task-queue-machine.ts';
import { currentInstance, slotAt, slotCount, statusAt, withSlot, type World } from './world.ts';

/**
 * The kernel's own steps, the same under every design: restarting a process,
 * a memory access judged by the MPU, and the scheduling step that dequeues
 * one task. Designs plug their handling of IPC tasks into `deliverWith`.
 */

/** A design's first delivery stage for a legacy IPC task dequeued by `target`. */
export type IpcTaskHandler = (world: World, target: number, task: Extract<Task, { kind: 'ipc' }>) => StepResult;

/**
 * Restart (process_standard.rs `terminate` then `reset`): a new generation,
 * running; its own task queue emptied; grant cleared; MPU back to flash and
 * RAM; the app's knowledge gone. Tasks it queued at other processes stay.
 */
export const restart: Handler<'restart'> = (world, { process }) => {
  const next = withSlot(world, process, (slot) => ({
    ...slot,
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'restart' }),
    tasks: taskQueueAfter(slot.tasks, { type: 'clear' }),
    mpu: mpuAfter(slot.mpu, { type: 'reset' }),
    grant: emptyGrant(slotCount(world)),
    app: { handles: slot.app.handles.map(() => null), pointers: [] },
  }));
  return { world: next, outcome: outcome('RESTARTED', `now ${formatInstance(currentInstance(next, process))}`) };
};

/**
 * A running process touches a buffer. The hardware allows it iff the buffer
 * is its own or a region of its MPU configuration covers it; otherwise the
 * process faults (process_standard.rs fault handling, policy: stay faulted).
 */
export const access: Handler<'access'> = (world, { by, owner, buffer }) => {
  const accessor = currentInstance(world, by);
  const ref: BufferRef = { owner, buffer };
  const allowed = hardwareAllows(world, by, ref);
  const observations = [{ type: 'access', by: accessor, buffer: ref, allowed } as const];
  if (allowed) return { world, outcome: outcome('OK', `the MPU lets #${by} touch ${formatBuffer(ref)}`, observations) };
  const next = withSlot(world, by, (slot) => ({ ...slot, lifecycle: lifecycleAfter(slot.lifecycle, { type: 'fault' }) }));
  return { world: next, outcome: outcome('FAULT', `no region covers ${formatBuffer(ref)}: #${by} faults`, observations) };
};

/** True iff the MPU of slot `by` lets it touch `buffer`: its own memory, or a region over it. */
export function hardwareAllows(world: World, by: number, buffer: BufferRef): boolean {
  return buffer.owner === by || mpuCovers(slotAt(world, by).mpu, buffer);
}

/**
 * The scheduling step (kernel/src/kernel.rs, the task loop): a running
 * process yields, then the head task is dequeued. A function call runs the
 * upcall (the process runs again); a null upcall is discarded (the process
 * stays yielded); an IPC task goes to the design's first delivery stage.
 */
export function deliverWith(onIpcTask: IpcTaskHandler): Handler<'deliver'> {
  return (world, { process }) => {
    const slot = slotAt(world, process);
    const head = slot.tasks.context.tasks[0];
    if (head === undefined) return { world, outcome: outcome('IDLE', 'no task to dequeue') };
    const lifecycle = statusOf(slot.lifecycle) === 'running' ? lifecycleAfter(slot.lifecycle, { type: 'yield' }) : slot.lifecycle;
    const dequeued = withSlot(world, process, (s) => ({ ...s, lifecycle, tasks: taskQueueAfter(s.tasks, { type: 'dequeue' }) }));
    return match(head)
      .with({ kind: 'upcall' }, (task) => runUpcall(dequeued, process, task))
      .with({ kind: 'null-upcall' }, (task) => ({
        world: dequeued,
        outcome: outcome('DISCARDED', `null upcall ${task.upcall} from #${task.from.index} dropped: not subscribed`),
      }))
      .with({ kind: 'ipc' }, (task) => onIpcTask(dequeued, process, task))
      .exhaustive();
  };
}

/** The upcall runs: the app learns the sender's index and, if one was passed, the buffer pointer. */
function runUpcall(world: World, process: number, task: Extract<Task, { kind: 'upcall' }>): StepResult {
  const next = withSlot(world, process, (slot) => ({
    ...slot,
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'resume' }),
    app: {
      handles: slot.app.handles.map((g, j) => (j === task.from.index ? task.from.generation : g)),
      pointers:
        task.buffer === null || slot.app.pointers.some((p) => sameBuffer(p, task.buffer!))
          ? slot.app.pointers
          : [...slot.app.pointers, task.buffer],
    },
  }));
  const args = task.buffer === null ? '(0, 0)' : `pointer to ${formatBuffer(task.buffer)}`;
  const observations =
    task.buffer === null ? [] : [{ type: 'handover', to: currentInstance(next, process), buffer: task.buffer } as const];
  return { world: next, outcome: outcome('UPCALL', `upcall ${task.upcall} runs: from #${task.from.index}, ${args}`, observations) };
}

/**
 * The kernel's actions for `index`, in this order: deliver, access, restart.
 * Accesses are to buffers the app was handed or that its MPU maps.
 */
export function kernelActions(world: World, index: number): Action[] {
  const slot = slotAt(world, index);
  const status = statusAt(world, index);
  const actions: Action[] = [];
  if (status !== 'faulted' && slot.tasks.context.tasks.length > 0) actions.push({ type: 'deliver', process: index });
  if (status === 'running') {
    const known: BufferRef[] = [];
    for (const b of [...slot.app.pointers, ...mpuMapped(slot.mpu)]) {
      if (b.owner !== index && !known.some((k) => sameBuffer(k, b))) known.push(b);
    }
    known.sort((a, b) => a.owner - b.owner || a.buffer - b.buffer);
    for (const b of known) actions.push({ type: 'access', by: index, owner: b.owner, buffer: b.buffer });
  }
  if (slot.lifecycle.context.generation < world.params.restarts) actions.push({ type: 'restart', process: index });
  return actions;
}
