import type { Handler, StepResult } from './design.ts';
import { emptyGrant } from './grant.ts';
import { describeAddress, foreignAccess } from './entitlement.ts';
import { formatBuffer, formatInstance, sameBuffer } from './instance.ts';
import { mpuAfter, mpuAllows } from './mpu-machine.ts';
import { outcome } from './outcome.ts';
import { NO_GROWTH } from './growth.ts';
import { isScheduled, lifecycleAfter, statusOf } from './process-machine.ts';
import type { Task } from './task.ts';
import { hex, overlapsSpan } from './spans.ts';
import type { KernelAction } from './kernel-kinds.ts';
import { taskQueueAfter } from './task-queue-machine.ts';
import { currentInstance, NO_IPC_STATE, slotAt, statusAt, withSlot, type ProcessSlot, type World } from './world.ts';

/**
 * The kernel's own steps, the same under every design: restarting a process,
 * a memory access judged by the MPU, and the scheduling step that dequeues
 * one task (`dequeued`, then what the design does with the task).
 */

/**
 * The results the kernel's own steps can return: a dequeued upcall or null
 * upcall, nothing to dequeue (never enabled, since `deliver` needs a task),
 * an access allowed or faulting, a restart. A design's `results` adds its
 * syscalls' and its IPC delivery's.
 */
export const KERNEL_STEP_RESULTS = ['UPCALL', 'DISCARDED', 'IDLE', 'OK', 'FAULT', 'RESTARTED'] as const;

/**
 * Restart (process_standard.rs `terminate` then `reset`): a new generation,
 * running; its own task queue emptied; grant cleared; MPU back to flash and
 * RAM; the app's knowledge gone. Tasks it queued at other processes stay.
 */
export const restart: Handler<Extract<KernelAction, { type: 'restart' }>> = (world, { process }) => {
  const next = withSlot(world, process, (slot) => ({
    ...terminated(slot),
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'restart' }),
    mpu: mpuAfter(slot.mpu, { type: 'reset', memory: slot.memory }),
    growth: NO_GROWTH,
  }));
  return { world: next, outcome: outcome('RESTARTED', `now ${formatInstance(currentInstance(next, process))}`) };
};

/**
 * Restart as Tock 2.2 does it (process_standard.rs `try_restart`,
 * 668-687: `terminate`, then `reset`, whose 2137-2138 and 2159-2166
 * leave it yielded with its init call queued): as `restart`, but the new
 * instance is yielded with its init call queued; it runs only once the
 * kernel dequeues that call (`runInit`).
 */
export const restartQueuingInit: Handler<Extract<KernelAction, { type: 'restart' }>> = (world, { process }) => {
  const next = withSlot(world, process, (slot) => ({
    ...terminated(slot),
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'restart', yielded: true }),
    mpu: mpuAfter(slot.mpu, { type: 'reset', memory: slot.memory }),
    growth: NO_GROWTH,
    tasks: taskQueueAfter(terminated(slot).tasks, { type: 'enqueue', task: { kind: 'init' } }),
  }));
  return { world: next, outcome: outcome('RESTARTED', `now ${formatInstance(currentInstance(next, process))}, yielded with its init call queued`) };
};

/** A dequeued init call runs: the new instance starts. */
export function runInit(world: World, process: number): StepResult {
  const next = withSlot(world, process, (slot) => ({ ...slot, lifecycle: lifecycleAfter(slot.lifecycle, { type: 'resume' }) }));
  return { world: next, outcome: outcome('STARTED', `${formatInstance(currentInstance(next, process))} runs its init call`) };
}

/**
 * What `terminate` leaves of a process (process_standard.rs `terminate`):
 * its own task queue emptied, its grants cleared (the legacy IPC grant and
 * the design's per-process state), its app's knowledge gone.
 * Lifecycle and MPU are the caller's: a fault keeps the MPU, a restart
 * resets it.
 */
function terminated(slot: ProcessSlot): ProcessSlot {
  return {
    ...slot,
    tasks: taskQueueAfter(slot.tasks, { type: 'clear' }),
    grant: emptyGrant(slot.grant.allows.length),
    app: { handles: slot.app.handles.map(() => null), pointers: [] },
    ipc: NO_IPC_STATE,
  };
}

/** What a fault does under Tock's stop policy, as a step's note says it (process_standard.rs `set_fault_state`). */
const FAULTS = 'faults, and the stop fault policy leaves it Faulted (terminated: queue emptied, grants cleared)';

/**
 * A running process reads and writes one byte. The hardware allows it iff
 * its MPU configuration grants read and write there; otherwise the process
 * faults and, under Tock's stop policy, is terminated and left in state
 * Faulted (process_standard.rs `set_fault_state`: `terminate`, then
 * `State::Faulted`, not `Terminated`): its own task
 * queue is emptied and its grant cleared, so every share it made ends; its
 * MPU configuration and generation stay until a restart.
 */
export const access: Handler<Extract<KernelAction, { type: 'access' }>> = (world, { by, addr }) => {
  const accessor = currentInstance(world, by);
  const allowed = mpuAllows(slotAt(world, by).mpu, addr);
  const observations = [{ type: 'access', by: accessor, addr, allowed } as const];
  const what = `${hex(addr)} (${describeAddress(world, addr)})`;
  if (allowed) return { world, outcome: outcome('OK', `the MPU lets #${by} touch ${what}`, observations) };
  const next = withSlot(world, by, (slot) => ({ ...terminated(slot), lifecycle: lifecycleAfter(slot.lifecycle, { type: 'fault' }) }));
  return { world: next, outcome: outcome('FAULT', `no region grants #${by} ${what}: it ${FAULTS}`, observations) };
};

/**
 * A running process faults on its own (a bug in the app) and, under Tock's
 * stop policy, is terminated and left Faulted as a faulting access is: its task
 * queue emptied, its grants cleared; MPU and generation stay until a
 * restart. For designs whose processes touch no shared memory, so that
 * `access` never faults them.
 */
export function fault(world: World, process: number): StepResult {
  const next = withSlot(world, process, (slot) => ({ ...terminated(slot), lifecycle: lifecycleAfter(slot.lifecycle, { type: 'fault' }) }));
  return { world: next, outcome: outcome('FAULT', `#${process} ${FAULTS}`) };
}

/**
 * A running process exits (the Exit syscall, exit-terminate;
 * process_standard.rs `terminate`, 689-715): its task queue emptied, its
 * grants cleared, Terminated; MPU and generation stay until the process
 * console starts it again (a restart here).
 */
export function exitProcess(world: World, process: number): StepResult {
  const next = withSlot(world, process, (slot) => ({ ...terminated(slot), lifecycle: lifecycleAfter(slot.lifecycle, { type: 'exit' }) }));
  return { world: next, outcome: outcome('EXITED', `#${process} exits: terminated, its queue emptied and its grants cleared`) };
}

/** The task at the head of `process`'s queue, the one the scheduling step dequeues next. */
export function headTask(world: World, process: number): Task | undefined {
  return slotAt(world, process).tasks.context.tasks[0];
}

/**
 * The scheduling step's first half (kernel/src/kernel.rs, the task loop):
 * a running process yields, then the head task is dequeued. What happens
 * to the task is the design's: a function call runs the upcall
 * (`runUpcall`), a null upcall is discarded (`discardNullUpcall`), an IPC
 * task goes to the design's first delivery stage.
 */
export function dequeued(world: World, process: number): World {
  return withSlot(world, process, (slot) => ({
    ...slot,
    lifecycle: statusOf(slot.lifecycle) === 'running' ? lifecycleAfter(slot.lifecycle, { type: 'yield' }) : slot.lifecycle,
    tasks: taskQueueAfter(slot.tasks, { type: 'dequeue' }),
  }));
}

/** The scheduling step with nothing to dequeue (never enabled: `deliver` needs a task). */
export function idle(world: World): StepResult {
  return { world, outcome: outcome('IDLE', 'no task to dequeue') };
}

/** A dequeued null upcall is discarded: the process stays yielded. */
export function discardNullUpcall(world: World, task: Extract<Task, { kind: 'null-upcall' }>): StepResult {
  return { world, outcome: outcome('DISCARDED', `null upcall ${task.upcall} from #${task.from.index} dropped: not subscribed`) };
}

/** A dequeued upcall runs: the process runs again, and the app learns the sender's index and, if one was passed, the buffer pointer. */
export function runUpcall(world: World, process: number, task: Extract<Task, { kind: 'upcall' }>): StepResult {
  const next = withSlot(world, process, (slot) => ({
    ...slot,
    lifecycle: lifecycleAfter(slot.lifecycle, { type: 'resume' }),
    app: {
      ...slot.app,
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

/** The kernel's actions for `index`, in this order: deliver, access (`accessActions`), restart. */
export function kernelActions(world: World, index: number): KernelAction[] {
  const slot = slotAt(world, index);
  const actions: KernelAction[] = [];
  if (isScheduled(statusAt(world, index)) && slot.tasks.context.tasks.length > 0) actions.push({ type: 'deliver', process: index });
  actions.push(...accessActions(world, index));
  if (slot.lifecycle.context.generation < world.params.restarts) actions.push({ type: 'restart', process: index });
  return actions;
}

/**
 * The accesses of process `index`, none unless it is running. They probe,
 * in address order, each other process's buffer that the app was handed or
 * that its MPU reaches into: the byte before it, its first and last bytes,
 * and the byte after it. Reads no task queue.
 */
export function accessActions(world: World, index: number): Extract<KernelAction, { type: 'access' }>[] {
  if (statusAt(world, index) !== 'running') return [];
  return probeAddresses(world, index).map((addr) => ({ type: 'access', by: index, addr }));
}

function probeAddresses(world: World, index: number): number[] {
  const reach = foreignAccess(world, index);
  const pointers = slotAt(world, index).app.pointers;
  const addrs = new Set<number>();
  world.processes.forEach((slot, owner) => {
    if (owner === index) return;
    slot.memory.buffers.forEach((region, buffer) => {
      const end = region.start + region.size;
      const known = pointers.some((p) => p.owner === owner && p.buffer === buffer);
      if (known || overlapsSpan(reach, region.start, end)) {
        [region.start - 1, region.start, end - 1, end].forEach((a) => addrs.add(a));
      }
    });
  });
  return [...addrs].sort((a, b) => a - b);
}
