import type { ProcessSlot, World, WorldParams } from '../../model/index.ts';
import { assertPackableSlot, assertPackableWorld, PART_COUNT, PARTS, type SlotIds } from './slot-table.ts';

const PART_INDEX: ReadonlyMap<PropertyKey, number> = new Map(PARTS.map((name, k) => [name, k]));

/** Where a copied part came from: its position and its part id. */
interface Origin {
  readonly position: number;
  readonly partId: number;
}

/**
 * Worlds rebuilt from tuples of slot ids, plain or with their reads
 * recorded per part: a tracked world's slots are proxies that note the
 * position (slot index * PART_COUNT + part) of each part whose value is
 * read, the first time it is.
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

  constructor(
    private readonly params: WorldParams,
    private readonly table: SlotIds,
  ) {}

  /** The world the ids stand for. */
  world(ids: ArrayLike<number>): World {
    const processes: ProcessSlot[] = [];
    for (let i = 0; i < ids.length; i++) processes.push(this.table.slot(i, ids[i]!));
    return { params: this.params, processes };
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
    const processes: ProcessSlot[] = [];
    for (let i = 0; i < ids.length; i++) {
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
          const copied = copying === key;
          copying = null;
          if (part === undefined) return value;
          const position = i * PART_COUNT + part;
          if (!copied) {
            note(position);
            return value;
          }
          const partProxy = new Proxy(value as object, {
            get(t, k, r) {
              note(position);
              return Reflect.get(t, k, r);
            },
          });
          this.partProxies.set(partProxy, { position, partId: this.table.partOf(i, ids[i]!, part) });
          return partProxy;
        },
      });
      this.slotProxies.set(proxy, i);
      processes.push(proxy);
    }
    return { params: this.params, processes };
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
    assertPackableWorld(world, ids.length);
    world.processes.forEach((slot, i) => {
      if (this.slotProxies.get(slot) === i) return;
      assertPackableSlot(i, slot, this.table.slot(i, ids[i]!));
      for (let k = 0; k < PART_COUNT; k++) {
        const position = i * PART_COUNT + k;
        const value = slot[PARTS[k]!] as object;
        const origin = this.partProxies.get(value);
        if (origin !== undefined) {
          if (origin.position === position) continue;
          if (!reads.includes(origin.position)) reads.push(origin.position);
          writes.push(position, origin.partId);
          continue;
        }
        const partId = this.table.partId(value);
        if (partId === this.table.partOf(i, ids[i]!, k) && reads.includes(position)) continue;
        writes.push(position, partId);
      }
    });
  }
}
