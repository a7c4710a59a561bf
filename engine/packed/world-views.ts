import type { IpcState, ProcessSlot, World, WorldParams } from '../../model/index.ts';
import { assertPackableSlot, assertPackableWorld, PART_COUNT, PARTS, type SlotIds } from './slot-table.ts';

const PART_INDEX: ReadonlyMap<PropertyKey, number> = new Map(PARTS.map((name, k) => [name, k]));

/** Where a copied part came from: its position and its part id. */
interface Origin {
  readonly position: number;
  readonly partId: number;
}

/**
 * Worlds rebuilt from packed tuples (`packedWidth`), plain or with their
 * reads recorded per part: a tracked world's slots, and the world itself
 * for its `ipc`, are proxies that note the position (see `packedWidth`)
 * of each part whose value is read, the first time it is.
 *
 * Copying a slot (`{ ...slot, tasks }`) is not reading it: a part taken
 * by a copy is handed out as a proxy of its own, which records its read
 * only if something looks inside it. `writesOf` then turns the world a
 * function built back into part writes: a copied part left at its own
 * position is no write at all; one moved elsewhere is a write and a read
 * of where it came from; anything else is written as its interned id.
 */
export class WorldViews {
  private readonly slotProxies = new WeakMap<object, number>();
  private readonly partProxies = new WeakMap<object, Origin>();
  /** The tracked worlds handed out: one handed back whole writes nothing of its own. */
  private readonly worldProxies = new WeakSet<object>();

  constructor(
    private readonly params: WorldParams,
    private readonly table: SlotIds,
  ) {}

  /** The world the packed ids stand for. */
  world(ids: ArrayLike<number>): World {
    const slots = ids.length - 1;
    const processes: ProcessSlot[] = [];
    for (let i = 0; i < slots; i++) processes.push(this.table.slot(i, ids[i]!));
    return { params: this.params, processes, ipc: this.table.part(ids[slots]!) as IpcState };
  }

  /** The world the ids stand for, appending to `reads` each part position the first time its value is read. */
  tracked(ids: ArrayLike<number>, reads: number[]): World {
    const seen = new Set<number>();
    const note = (position: number) => {
      if (!seen.has(position)) {
        seen.add(position);
        reads.push(position);
      }
    };
    /** A proxy of the part at `position` (id `partId`) that a copy took: it notes its read only when looked inside. */
    const copied = (value: object, position: number, partId: number) => {
      const partProxy = new Proxy(value, {
        get(t, k, r) {
          note(position);
          return Reflect.get(t, k, r);
        },
      });
      this.partProxies.set(partProxy, { position, partId });
      return partProxy;
    };
    const slots = ids.length - 1;
    const processes: ProcessSlot[] = [];
    for (let i = 0; i < slots; i++) {
      let copying: PropertyKey | null = null;
      const slot = this.table.slot(i, ids[i]!);
      const proxy = new Proxy(slot, {
        getOwnPropertyDescriptor(target, key) {
          copying = key;
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
        get: (target, key, receiver) => {
          const value = Reflect.get(target, key, receiver);
          const part = PART_INDEX.get(key);
          const isCopy = copying === key;
          copying = null;
          if (part === undefined) return value;
          const position = i * PART_COUNT + part;
          if (!isCopy) {
            note(position);
            return value;
          }
          return copied(value as object, position, this.table.partOf(i, ids[i]!, part));
        },
      });
      this.slotProxies.set(proxy, i);
      processes.push(proxy);
    }
    // The world part, read or copied as a slot's parts are.
    let copying: PropertyKey | null = null;
    const position = slots * PART_COUNT;
    const world = new Proxy({ params: this.params, processes, ipc: this.table.part(ids[slots]!) as IpcState }, {
      getOwnPropertyDescriptor(target, key) {
        copying = key;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver);
        const isCopy = copying === key;
        copying = null;
        if (key !== 'ipc') return value;
        if (!isCopy) {
          note(position);
          return value;
        }
        return copied(value as object, position, ids[slots]!);
      },
    });
    this.worldProxies.add(world);
    return world;
  }

  /**
   * The part writes of `world`, built by a function from the tracked world
   * of `ids`, as pairs (position, part id) in `writes`; reads it implies
   * (a part moved from elsewhere) are appended to `reads`. A position is
   * left out only when its part is certainly the one `ids` has there
   * whatever the unread parts: its own copy passed through, or a value
   * equal to what was read there.
   */
  writesOf(world: World, ids: ArrayLike<number>, reads: number[], writes: number[]): void {
    const slots = ids.length - 1;
    assertPackableWorld(world, slots);
    world.processes.forEach((slot, i) => {
      if (this.slotProxies.get(slot) === i) return;
      assertPackableSlot(i, slot, this.table.slot(i, ids[i]!));
      for (let k = 0; k < PART_COUNT; k++) this.writeOf(slot[PARTS[k]!] as object, i * PART_COUNT + k, this.table.partOf(i, ids[i]!, k), reads, writes);
    });
    if (!this.worldProxies.has(world)) this.writeOf(world.ipc, slots * PART_COUNT, ids[slots]!, reads, writes);
  }

  /** The write, if any, of `value` at `position`, where the world stepped from had part id `had`. */
  private writeOf(value: object, position: number, had: number, reads: number[], writes: number[]): void {
    const origin = this.partProxies.get(value);
    if (origin !== undefined) {
      if (origin.position === position) return;
      if (!reads.includes(origin.position)) reads.push(origin.position);
      writes.push(position, origin.partId);
      return;
    }
    const partId = this.table.partId(value);
    if (partId === had && reads.includes(position)) return;
    writes.push(position, partId);
  }
}
