import { canonicalJson, type ProcessSlot } from '../../model/index.ts';

/** The parts of a slot that change; `name` and `memory` are fixed per index. */
const PARTS = ['lifecycle', 'tasks', 'mpu', 'grant', 'app'] as const;

/**
 * Interns process slots: each distinct state of the slot at an index gets a
 * small integer id, so a world becomes a short tuple of ids. Ids are dense
 * from 0 per index and never reused.
 *
 * A slot is keyed by the ids of its parts, and a part by its identity first
 * (steps copy the parts they leave alone by reference) and its canonical
 * JSON only when the object is new: a new slot costs the serialisation of
 * what changed, not of the whole slot.
 */
export class SlotTable {
  private readonly byKey: Map<string, number>[] = [];
  private readonly slots: ProcessSlot[][] = [];
  private readonly partByObject = new WeakMap<object, number>();
  private readonly partByJson = new Map<string, number>();

  /** The id of `slot` living at `index`, interning it if new. */
  idOf(index: number, slot: ProcessSlot): number {
    let key = '';
    for (const part of PARTS) key += `${this.partId(slot[part])}|`;
    const byKey = (this.byKey[index] ??= new Map());
    const slots = (this.slots[index] ??= []);
    let id = byKey.get(key);
    if (id === undefined) {
      id = slots.length;
      byKey.set(key, id);
      slots.push(slot);
    }
    return id;
  }

  /** The slot at `index` with this id. */
  slot(index: number, id: number): ProcessSlot {
    const slot = this.slots[index]?.[id];
    if (slot === undefined) throw new RangeError(`no slot id ${id} at index ${index}`);
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
