import type { IpcGrant } from './grant.ts';
import { emptyGrant } from './grant.ts';
import type { BufferRef, Instance } from './instance.ts';
import { initialMpu, type Mpu } from './mpu-machine.ts';
import type { MpuArchId } from './mpu/index.ts';
import { initialLifecycle, statusOf, type Lifecycle, type ProcessStatus } from './process-machine.ts';
import { initialTaskQueue, type TaskQueue } from './task-queue-machine.ts';

/**
 * The size of a world: how many clients beside the one service, the restart
 * bound per process, task-queue capacity, free MPU regions per process, and
 * buffers per process. Fixed for a whole check.
 */
export interface WorldParams {
  readonly clients: number;
  readonly restarts: number;
  readonly queue: number;
  readonly regions: number;
  readonly buffers: number;
  readonly arch: MpuArchId;
}

/** Defaults: Tock's queue capacity of 9; small bounds elsewhere so that hazards show in few steps. */
export const DEFAULT_PARAMS: WorldParams = {
  clients: 2,
  restarts: 1,
  queue: 9,
  regions: 1,
  buffers: 2,
  arch: 'abstract',
};

/**
 * What the model knows of one process slot: its package name, its machines,
 * its IPC grant, and ghost knowledge of its app.
 */
export interface ProcessSlot {
  /** TBF package name; slot 0 is `service`, slot i is `client<i>`. */
  readonly name: string;
  readonly lifecycle: Lifecycle;
  readonly tasks: TaskQueue;
  readonly mpu: Mpu;
  readonly grant: IpcGrant;
  readonly app: AppKnowledge;
}

/**
 * Ghost: what the app has learned, with the generation it learned it from.
 * `handles[j]` is the generation of slot j when this app last learned index
 * j (by discovery or from an upcall), null if never; `pointers` are buffers
 * an upcall handed it. Cleared when the app restarts.
 */
export interface AppKnowledge {
  readonly handles: readonly (number | null)[];
  readonly pointers: readonly BufferRef[];
}

/** The whole state: plain, JSON-serializable data. */
export interface World {
  readonly params: WorldParams;
  readonly processes: readonly ProcessSlot[];
}

/** The world before anything happens: every process running, generation 0. */
export function initialWorld(params: WorldParams): World {
  const slots = params.clients + 1;
  const processes = Array.from({ length: slots }, (_, index) => freshSlot(params, index === 0 ? 'service' : `client${index}`));
  return { params, processes };
}

/** A slot as created or after reset, keeping only name and lifecycle. */
export function freshSlot(params: WorldParams, name: string, lifecycle: Lifecycle = initialLifecycle()): ProcessSlot {
  const slots = params.clients + 1;
  return {
    name,
    lifecycle,
    tasks: initialTaskQueue(params.queue),
    mpu: initialMpu(params.arch, params.regions),
    grant: emptyGrant(slots),
    app: { handles: Array<number | null>(slots).fill(null), pointers: [] },
  };
}

/** The slot at `index`; throws on an index outside the world (a bug, not bad input). */
export function slotAt(world: World, index: number): ProcessSlot {
  const slot = world.processes[index];
  if (slot === undefined) throw new RangeError(`no process slot ${index}`);
  return slot;
}

/** The instance now living in slot `index`. */
export function currentInstance(world: World, index: number): Instance {
  return { index, generation: slotAt(world, index).lifecycle.context.generation };
}

/** The status of the process in slot `index`. */
export function statusAt(world: World, index: number): ProcessStatus {
  return statusOf(slotAt(world, index).lifecycle);
}

/** True iff `instance` is the one now living in its slot. */
export function isCurrent(world: World, instance: Instance): boolean {
  return currentInstance(world, instance.index).generation === instance.generation;
}

/** The world with slot `index` replaced by `f(slot)`. */
export function withSlot(world: World, index: number, f: (slot: ProcessSlot) => ProcessSlot): World {
  const processes = world.processes.map((slot, i) => (i === index ? f(slot) : slot));
  return { ...world, processes };
}

/** The number of process slots. */
export function slotCount(world: World): number {
  return world.processes.length;
}
