import { match } from 'ts-pattern';
import type { Action, KindTable } from './action-kind.ts';
import type { Design } from './design.ts';
import { kindOf } from './action-kind.ts';
import type { Allow } from './grant.ts';
import type { BufferRef, Instance } from './instance.ts';
import { mpuFor } from './mpu/index.ts';
import { moveAddress, relocationCommutes } from './relocation.ts';
import type { Task } from './task.ts';
import { initialWorld, type IpcState, type ProcessSlot, type World, type WorldParams } from './world.ts';

/**
 * Client symmetry. Clients run the same program with the same buffer
 * layout, so a world in which two clients swapped places (every slot
 * index, generation-stamped handle, upcall number and address renamed with
 * them) behaves the same up to that renaming, and every property judges it
 * alike. A permutation `perm` sends slot i to slot `perm[i]`; the service,
 * slot 0, stays put.
 *
 * Addresses move with their slot: an address at some offset in slot j's
 * flash or RAM goes to the same offset in slot perm[j]'s (`moveAddress`),
 * and an MPU configuration moves its regions with them
 * (`AddressMpu.relocated`). The register images of the address-exact MPUs
 * depend on alignment, so that is a symmetry only where the allocator
 * cannot tell the clients' blocks apart: `relocationCommutes` tests it per
 * world, and where it fails every world is stored.
 */

/**
 * Client symmetry for a design whose rules treat clients alike: it holds
 * with more than one client, none an impostor, where moving clients
 * commutes with the MPU (always on the abstract one; on the others, where
 * the commuting test passes). A design opts in by giving this as its
 * `symmetric`.
 */
export function clientSymmetry(params: WorldParams): boolean {
  return params.clients > 1 && params.impostor === 0 && relocationCommutes(params);
}

/** True iff client permutations are symmetries of `design`'s worlds with these parameters: never unless the design says so. */
export function symmetric(design: Design, params: WorldParams): boolean {
  return design.symmetric?.(params) ?? false;
}

/** How a design's per-process state is renamed under a client permutation: slot indices, instances, buffers, addresses. */
export interface Renaming {
  slot(index: number): number;
  instance(instance: Instance): Instance;
  buffer(buffer: BufferRef): BufferRef;
  address(addr: number): number;
}

/** Every permutation of the clients of a world with `params` (the identity first), as `perm` arrays. */
export function clientPermutations(params: WorldParams): number[][] {
  const clients = Array.from({ length: params.clients }, (_, k) => k + 1);
  const orders = (rest: number[]): number[][] =>
    rest.length === 0 ? [[]] : rest.flatMap((first, k) => orders([...rest.slice(0, k), ...rest.slice(k + 1)]).map((tail) => [first, ...tail]));
  return orders(clients).map((order) => [0, ...order]);
}

/** The permutation that undoes `perm`. */
export function inverse(perm: readonly number[]): number[] {
  const inv: number[] = [];
  perm.forEach((to, from) => (inv[to] = from));
  return inv;
}

/** `second` after `first`: slot i goes to second[first[i]]. */
export function compose(second: readonly number[], first: readonly number[]): number[] {
  return first.map((to) => second[to]!);
}

/** Renames slot indices and addresses by `perm` in a world's slots, for one world size. */
export class Renamer {
  private readonly slots: readonly ProcessSlot[];

  private readonly kinds: KindTable;

  /** Per permutation (its indices joined), the image of each part renamed so far (`partImages`). */
  private readonly images = new Map<string, WeakMap<object, object>>();

  constructor(
    params: WorldParams,
    private readonly design: Design,
  ) {
    this.kinds = design.kinds;
    if (!symmetric(design, params)) throw new Error(`internal: design ${design.id} has no client symmetry for ${params.arch} with ${params.clients} client(s)`);
    this.slots = initialWorld(params).processes;
  }

  /** The world with slot i moved to perm[i] and everything inside renamed. */
  world(world: World, perm: readonly number[]): World {
    const processes: ProcessSlot[] = [];
    world.processes.forEach((slot, i) => (processes[perm[i]!] = this.slot(slot, i, perm)));
    return { ...world, processes, ipc: this.worldIpc(world.ipc, perm) };
  }

  /** The design's kernel-wide state renamed by `perm`; a design with such state but no renameWorldIpc cannot be symmetric. */
  worldIpc(state: IpcState, perm: readonly number[]): IpcState {
    if (this.design.renameWorldIpc !== undefined) return this.design.renameWorldIpc(state, this.renaming(perm));
    if (Object.keys(state).length === 0) return state;
    throw new Error(`internal: design ${this.design.id} keeps kernel-wide state but declares no renameWorldIpc`);
  }

  /** How `perm` renames slots, instances, buffers and addresses, for a design's own renamers. */
  private renaming(perm: readonly number[]): Renaming {
    return {
      slot: (i) => perm[i]!,
      instance: (i) => ({ index: perm[i.index]!, generation: i.generation }),
      buffer: (b) => ({ owner: perm[b.owner]!, buffer: b.buffer }),
      address: (a) => this.address(a, perm),
    };
  }

  /** Slot `slot`, living at `index`, as it is once moved to perm[index]. */
  slot(slot: ProcessSlot, index: number, perm: readonly number[]): ProcessSlot {
    const home = this.slots[perm[index]!]!;
    const instance = (i: Instance): Instance => ({ index: perm[i.index]!, generation: i.generation });
    const buffer = (b: BufferRef): BufferRef => ({ owner: perm[b.owner]!, buffer: b.buffer });
    const reindexed = <T>(values: readonly T[]): T[] => {
      const out: T[] = [];
      values.forEach((v, j) => (out[perm[j]!] = v));
      return out;
    };
    const task = (t: Task): Task =>
      match(t)
        .with({ kind: 'ipc' }, (x) => ({ ...x, from: instance(x.from), intended: instance(x.intended) }))
        .with({ kind: 'upcall' }, (x) => ({ ...x, upcall: perm[x.upcall]!, from: instance(x.from), buffer: x.buffer && buffer(x.buffer) }))
        .with({ kind: 'null-upcall' }, (x) => ({ ...x, upcall: perm[x.upcall]!, from: instance(x.from) }))
        .with({ kind: 'capsule' }, (x) => ({ ...x, id: x.id && instance(x.id) }))
        .with({ kind: 'init' }, (x) => x)
        .exhaustive();
    const allow = (a: Allow | null): Allow | null => a && { ...a, intended: instance(a.intended) };
    const renamed = this.partImages(perm);
    return {
      name: home.name,
      memory: home.memory,
      lifecycle: slot.lifecycle,
      tasks: renamed(slot.tasks, (tasks) => ({ ...tasks, context: { ...tasks.context, tasks: tasks.context.tasks.map(task) } })),
      mpu: renamed(slot.mpu, (mpu) => {
        const { arch, regions, config } = mpu.context;
        return { ...mpu, context: { ...mpu.context, config: mpuFor(arch, regions).relocated(config, (a) => this.address(a, perm)) } };
      }),
      grant: renamed(slot.grant, (grant) => ({ allows: reindexed(grant.allows.map(allow)), upcalls: reindexed(grant.upcalls) })),
      app: renamed(slot.app, (app) => ({ ...app, handles: reindexed(app.handles), pointers: app.pointers.map(buffer) })),
      growth: slot.growth,
      ipc: renamed(slot.ipc, (ipc) => this.renameIpc(ipc, this.renaming(perm))),
    };
  }

  /**
   * Per permutation, each part renamed once: a slot's renaming is its
   * parts' (none depends on the slot's index), searches rename the same
   * parts over and over, and a part that keeps its identity is interned
   * without being serialised again.
   */
  private partImages(perm: readonly number[]): <T extends object>(part: T, rename: (part: T) => T) => T {
    const key = perm.join(',');
    let images = this.images.get(key);
    if (images === undefined) this.images.set(key, (images = new WeakMap()));
    const cache = images;
    return (part, rename) => {
      let image = cache.get(part) as typeof part | undefined;
      if (image === undefined) cache.set(part, (image = rename(part)));
      return image;
    };
  }

  /** The design's per-process state renamed; a design with state but no renamer cannot be symmetric. */
  private renameIpc(state: IpcState, renaming: Renaming): IpcState {
    if (this.design.renameIpc !== undefined) return this.design.renameIpc(state, renaming);
    if (Object.keys(state).length === 0) return state;
    throw new Error(`internal: design ${this.design.id} keeps per-process state but declares no renameIpc`);
  }

  /** The action as it reads once slots are renamed by `perm`: each field renamed as its kind says. */
  action(action: Action, perm: readonly number[]): Action {
    const { fields } = kindOf(this.kinds, action);
    const renamed: Record<string, string | number> = { type: action.type };
    for (const [name, field] of Object.entries(fields)) {
      const value = action[name]!;
      renamed[name] = match(field)
        .with({ kind: 'slot' }, () => perm[value as number]!)
        .with({ kind: 'number' }, () => perm[value as number] ?? value)
        .with({ kind: 'address' }, () => this.address(value as number, perm))
        .with({ kind: 'name' }, () => this.renamedName(value as string, perm))
        .with({ kind: 'buffer' }, { kind: 'choice' }, () => value)
        .exhaustive();
    }
    return renamed as Action;
  }

  /** The address at the same offset in the flash or RAM of the slot its own slot moves to; others unchanged. */
  private address(addr: number, perm: readonly number[]): number {
    return moveAddress(this.slots, perm, addr);
  }

  private renamedName(name: string, perm: readonly number[]): string {
    const index = this.slots.findIndex((s) => s.name === name);
    return index < 0 ? name : this.slots[perm[index]!]!.name;
  }
}
