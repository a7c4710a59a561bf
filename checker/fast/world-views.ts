import type { ProcessSlot, World, WorldParams } from '../../model/index.ts';
import type { SlotTable } from './slot-table.ts';

/** Slot fields fixed per index: reading them tells a function nothing about the state. */
const STATIC_FIELDS: ReadonlySet<PropertyKey> = new Set(['memory', 'name']);

/**
 * Worlds rebuilt from tuples of slot ids, plain or with their reads
 * recorded. A tracked world's slots are proxies that note the index of each
 * slot whose state is read, the first time it is; a world a function built
 * from one is turned back into ids by `idsOf`, which recognises the slots it
 * passed through unchanged.
 */
export class WorldViews {
  private readonly proxies = new WeakMap<object, number>();

  constructor(
    private readonly params: WorldParams,
    private readonly table: SlotTable,
  ) {}

  /** The world the ids stand for. */
  world(ids: ArrayLike<number>): World {
    const processes: ProcessSlot[] = [];
    for (let i = 0; i < ids.length; i++) processes.push(this.table.slot(i, ids[i]!));
    return { params: this.params, processes };
  }

  /** The world the ids stand for, appending to `reads` each slot index the first time its state is read. */
  tracked(ids: ArrayLike<number>, reads: number[]): World {
    const seen = new Set<number>();
    const processes: ProcessSlot[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const proxy = new Proxy(this.table.slot(i, id), {
        get(target, key, receiver) {
          if (!seen.has(i) && !STATIC_FIELDS.has(key)) {
            seen.add(i);
            reads.push(i);
          }
          return Reflect.get(target, key, receiver);
        },
      });
      this.proxies.set(proxy, id);
      processes.push(proxy);
    }
    return { params: this.params, processes };
  }

  /** Writes into `into` the ids of `world`, a world built from a tracked one (its unchanged slots are the same proxies). */
  idsOf(world: World, into: Int32Array): void {
    world.processes.forEach((slot, i) => {
      into[i] = this.proxies.get(slot) ?? this.table.idOf(i, slot);
    });
  }
}
