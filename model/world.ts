import type { DesignParamValues } from './design-params.ts';
import type { IpcGrant } from './grant.ts';
import type { MachineState } from './machine-state.ts';
import { emptyGrant } from './grant.ts';
import type { BufferRef, Instance } from './instance.ts';
import { NO_GROWTH, type Growth } from './growth.ts';
import { bootProcess, type ProcessMemory } from './memory-layout.ts';
import { initialMpu, type Mpu } from './mpu-machine.ts';
import { DEFAULT_REGIONS, type MpuArchId } from './mpu/index.ts';
import { SIZE_PARAM_NAMES, SIZE_PARAMS, type SizeParam } from './world-params.ts';
import { initialLifecycle, statusOf, type Lifecycle, type ProcessStatus } from './process-machine.ts';
import { initialTaskQueue, type TaskQueue } from './task-queue-machine.ts';

/**
 * The size of a world: how many clients beside the one service, the restart
 * bound per process, task-queue capacity, the MPU architecture and its
 * `regions` (see DEFAULT_REGIONS), and buffers per process. Fixed for a
 * whole check.
 */
export interface WorldParams {
  readonly clients: number;
  readonly restarts: number;
  readonly queue: number;
  readonly arch: MpuArchId;
  readonly regions: number;
  readonly buffers: number;
  /** 1: processes have room to grow their heap and grants (`Growth`); 0: their memory use never moves. */
  readonly heap: number;
  /** 1: the last client is an impostor (`impostorSlot`); 0: none. */
  readonly impostor: number;
  /** Process slots the board has beyond the processes loaded (`numProcs`). */
  readonly empty: number;
  /** The design's parameters that differ from their defaults (model/design-params.ts); absent when none does. */
  readonly design?: DesignParamValues;
}

/** The buffers each process has: the layout's first `buffers`, then with `heap` the one at the top of its grown heap. */
export function bufferCount(params: WorldParams): number {
  return params.buffers + (params.heap === 1 ? 1 : 0);
}

/**
 * The board's NUM_PROCS: the processes loaded, then `empty` slots with no
 * process. IPC numbers (subscribe, allow, notify) below it name a slot; an
 * IPC grant keeps NUM_PROCS upcalls and allows, so a number at or past it
 * is NOSUPPORT for subscribe and allow.
 */
export function numProcs(params: WorldParams): number {
  return params.clients + 1 + params.empty;
}

/** Defaults for `arch`: each size parameter's default (model/world-params.ts), the architecture's regions. */
export function defaultParams(arch: MpuArchId): WorldParams {
  const sizes = Object.fromEntries(SIZE_PARAM_NAMES.map((k) => [k, SIZE_PARAMS[k].default])) as Record<SizeParam, number>;
  return { ...sizes, arch, regions: DEFAULT_REGIONS[arch] };
}

/**
 * What the model knows of one process slot: its package name, its machines,
 * its IPC grant, and ghost knowledge of its app.
 */
export interface ProcessSlot {
  /** TBF package name; slot 0 is `service`, slot i is `client<i>`, an impostor (`impostorSlot`) `service`. */
  readonly name: string;
  /** Where it lives; the same for every instance of the slot. */
  readonly memory: ProcessMemory;
  readonly lifecycle: Lifecycle;
  readonly tasks: TaskQueue;
  readonly mpu: Mpu;
  readonly grant: IpcGrant;
  readonly app: AppKnowledge;
  /** How far its heap and its grants have grown since the instance started (`--heap`). */
  readonly growth: Growth;
  /**
   * The design's own state for this process, as plain JSON: what its IPC
   * keeps in the process's grant. Every design starts from `NO_IPC_STATE`
   * and reads it through its own type; the kernel resets it there when the
   * process is terminated (Tock clears a process's grants on restart).
   * Searches intern it like any other part without knowing its shape.
   */
  readonly ipc: IpcState;
}

/** A design's per-process state: a JSON object of the design's own shape. */
export type IpcState = Readonly<Record<string, unknown>>;

/** The per-process state every design starts from, and a terminated process returns to. */
export const NO_IPC_STATE: IpcState = Object.freeze({});

/**
 * Ghost: what the app has learned, with the generation it learned it from.
 * `handles[j]` is the generation of slot j when this app last learned index
 * j (by discovery or from an upcall), null if never; `pointers` are buffers
 * an upcall handed it. Cleared when the app restarts.
 */
export interface AppKnowledge {
  readonly handles: readonly (number | null)[];
  readonly pointers: readonly BufferRef[];
  /** Where the app's program machine is (model/program.ts); absent: at its start, or the app has none. */
  readonly program?: MachineState<unknown>;
}

/** The whole state: plain, JSON-serializable data. */
export interface World {
  readonly params: WorldParams;
  readonly processes: readonly ProcessSlot[];
  /**
   * The design's kernel-wide state, as plain JSON: what its capsule keeps
   * in its own fields rather than in a process's grant (a name registry,
   * a round-robin cursor). Every design starts from `NO_IPC_STATE`;
   * searches intern it like a slot part, without knowing its shape.
   */
  readonly ipc: IpcState;
}

const initialWorlds = new Map<string, World>();

/** The world before anything happens: every process running, generation 0. Memoised: worlds are never mutated. */
export function initialWorld(params: WorldParams): World {
  const key = JSON.stringify([params.arch, params.regions, ...SIZE_PARAM_NAMES.map((k) => params[k]), params.design ?? null]);
  let world = initialWorlds.get(key);
  if (world === undefined) {
    world = buildInitialWorld(params);
    initialWorlds.set(key, world);
  }
  return world;
}

function buildInitialWorld(params: WorldParams): World {
  const slots = params.clients + 1;
  const processes = Array.from({ length: slots }, (_, index): ProcessSlot => {
    const boot = bootProcess(params.arch, params.regions, index, params.buffers, params.heap === 1);
    return {
      name: index === 0 || index === impostorSlot(params) ? 'service' : `client${index}`,
      memory: boot.memory,
      lifecycle: initialLifecycle(),
      tasks: initialTaskQueue(params.queue),
      mpu: initialMpu(params.arch, params.regions, boot.config),
      grant: emptyGrant(slots),
      app: { handles: Array<number | null>(slots).fill(null), pointers: [] },
      growth: NO_GROWTH,
      ipc: NO_IPC_STATE,
    };
  });
  return { params, processes, ipc: NO_IPC_STATE };
}

/**
 * The impostor's slot, or null when the world has none (SPEC.md section
 * 5, `discovery`): the last client, whose package name is the service's
 * and which may register any string name.
 */
export function impostorSlot(params: WorldParams): number | null {
  return params.impostor === 1 ? params.clients : null;
}

/**
 * Ghost: the slot the board means to serve `name`, the one whose package
 * name it is (the impostor's claim aside), or null for a name no process
 * is meant to serve.
 */
export function intendedServer(world: World, name: string): number | null {
  const impostor = impostorSlot(world.params);
  const index = world.processes.findIndex((slot, i) => slot.name === name && i !== impostor);
  return index < 0 ? null : index;
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

/**
 * The world with slot `index`'s design state (`ProcessSlot.ipc`) replaced
 * by `f` of it, in one shape per value: fields left undefined or as empty
 * lists are dropped, and a state with none left is `NO_IPC_STATE`.
 */
export function withSlotIpc<S extends IpcState>(world: World, index: number, f: (state: S) => S): World {
  return withSlot(world, index, (slot) => {
    const kept = Object.fromEntries(Object.entries(f(slot.ipc as S)).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
    return { ...slot, ipc: Object.keys(kept).length === 0 ? NO_IPC_STATE : kept };
  });
}

/** The world with its kernel-wide design state replaced by `f` of it. */
export function withWorldIpc(world: World, f: (state: IpcState) => IpcState): World {
  return { ...world, ipc: f(world.ipc) };
}

/** The number of process slots. */
export function slotCount(world: World): number {
  return world.processes.length;
}
