import { canonicalJson, type ProcessSlot } from '../../model/index.ts';

/** The parts of a slot that change; `name` and `memory` are fixed per index. */
const PARTS = ['lifecycle', 'tasks', 'mpu', 'grant', 'app'] as const;

/**
 * Interns process slots: each distinct (slot index, slot state) gets a small
 * integer id, so a world becomes a short tuple of ids. Ids are dense from 0
 * and never reused.
 *
 * A slot is keyed by the ids of its parts, and a part by its identity first
 * (steps copy the parts they leave alone by reference) and its canonical
 * JSON only when the object is new: a new slot costs the serialisation of
 * what changed, not of the whole slot.
 */
export class SlotTable {
  private readonly byKey = new Map<string, number>();
  private readonly slots: ProcessSlot[] = [];
  private readonly partByObject = new WeakMap<object, number>();
  private readonly partByJson = new Map<string, number>();

  /** The id of `slot` living at `index`, interning it if new. */
  idOf(index: number, slot: ProcessSlot): number {
    let key = `${index}`;
    for (const part of PARTS) key += `|${this.partId(slot[part])}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.slots.length;
      this.byKey.set(key, id);
      this.slots.push(slot);
    }
    return id;
  }

  /** The slot with this id. */
  slot(id: number): ProcessSlot {
    const slot = this.slots[id];
    if (slot === undefined) throw new RangeError(`no slot id ${id}`);
    return slot;
  }

  private partId(part: object): number {
    let id = this.partByObject.get(part);
    if (id !== undefined) return id;
    const json = canonicalJson(part);
    id = this.partByJson.get(json);
    if (id === undefined) {
      id = this.partByJson.size;
      this.partByJson.set(json, id);
    }
    this.partByObject.set(part, id);
    return id;
  }
}
