import { canonicalJson, type ProcessSlot } from '../../model/index.ts';
import { SharedInterner, type InternerBuffers, PART_COUNT, PARTS, type SlotIds } from '../packed/index.ts';

/** The shared dictionaries behind `SharedSlotTable`: part values by canonical JSON, slots by index and part ids. */
export interface SlotTableBuffers {
  readonly parts: InternerBuffers;
  readonly slots: InternerBuffers;
}

/** Words of a slot's key: its index, then its part ids. */
const KEY = 1 + PART_COUNT;

/**
 * Slot ids and part ids that mean the same in every worker thread: both
 * come from `SharedInterner`s (a part by its canonical JSON, a slot by its
 * index and part ids), so a tuple of slot ids written by one thread is read
 * by another. Each thread keeps what it has seen (objects, part ids of
 * slots, compositions) in caches of its own and decodes what another
 * thread made from the shared bytes: a part by `JSON.parse` of its
 * canonical JSON, a slot by putting its parts on the slot's fixed fields
 * (`name`, `memory`) taken from the initial world.
 *
 * Slot ids are dense over all indices together, not per index.
 */
export class SharedSlotTable implements SlotIds {
  private readonly parts: SharedInterner;
  private readonly slots: SharedInterner;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  private readonly partByObject = new WeakMap<object, number>();
  private readonly partByJson = new Map<string, number>();
  private readonly partObjects: (object | undefined)[] = [];
  private readonly slotObjects: (ProcessSlot | undefined)[] = [];
  /** Per slot id, its part ids (`PART_COUNT` apiece), -1 while unread. */
  private partsOf = new Int32Array(1024 * PART_COUNT).fill(-1);
  /** Slot id * PART_COUNT + part, then new part id, to the slot id with that part replaced. */
  private readonly replaced = new Map<number, Map<number, number>>();
  private readonly key = new Int32Array(KEY);
  private readonly keyBytes = new Uint8Array(this.key.buffer);

  /** A table over `buffers` (`SharedSlotTable.buffers()` for new ones); `roots` are the initial world's slots. */
  constructor(
    private readonly roots: readonly ProcessSlot[],
    readonly buffers: SlotTableBuffers,
  ) {
    this.parts = new SharedInterner(buffers.parts);
    this.slots = new SharedInterner(buffers.slots);
  }

  /** Buffers for a new, empty table. */
  static buffers(): SlotTableBuffers {
    return { parts: SharedInterner.create(24).buffers, slots: SharedInterner.create(25).buffers };
  }

  idOf(index: number, slot: ProcessSlot): number {
    const parts = PARTS.map((name) => this.partId(slot[name]));
    const id = this.slotId(index, parts);
    this.slotObjects[id] ??= slot;
    return id;
  }

  slot(index: number, id: number): ProcessSlot {
    let slot = this.slotObjects[id];
    if (slot === undefined) {
      const built: Record<string, unknown> = { ...this.roots[index]! };
      for (let k = 0; k < PART_COUNT; k++) built[PARTS[k]!] = this.part(this.partOf(index, id, k));
      slot = built as unknown as ProcessSlot;
      this.slotObjects[id] = slot;
    }
    return slot;
  }

  spell(ids: Int32Array, into: Int32Array): void {
    const slots = ids.length - 1;
    into[slots * PART_COUNT] = ids[slots]!;
    for (let i = 0; i < slots; i++) {
      const base = ids[i]! * PART_COUNT;
      if (base >= this.partsOf.length || this.partsOf[base]! < 0) this.load(ids[i]!);
      const parts = this.partsOf;
      for (let k = 0; k < PART_COUNT; k++) into[i * PART_COUNT + k] = parts[base + k]!;
    }
  }

  partOf(_index: number, id: number, part: number): number {
    const base = id * PART_COUNT;
    if (base >= this.partsOf.length || this.partsOf[base]! < 0) this.load(id);
    return this.partsOf[base + part]!;
  }

  withPart(index: number, id: number, part: number, partId: number): number {
    const slotPart = id * PART_COUNT + part;
    let replaced = this.replaced.get(slotPart);
    if (replaced === undefined) this.replaced.set(slotPart, (replaced = new Map()));
    let result = replaced.get(partId);
    if (result === undefined) {
      const parts = Array.from({ length: PART_COUNT }, (_, k) => this.partOf(index, id, k));
      parts[part] = partId;
      result = this.slotId(index, parts);
      replaced.set(partId, result);
    }
    return result;
  }

  partId(part: object): number {
    let id = this.partByObject.get(part);
    if (id !== undefined) return id;
    const json = canonicalJson(part);
    id = this.partByJson.get(json);
    if (id === undefined) {
      id = this.parts.intern(this.encoder.encode(json));
      this.partByJson.set(json, id);
    }
    this.partObjects[id] ??= part;
    this.partByObject.set(part, id);
    return id;
  }

  /** The part value with this id, decoded if another thread made it. */
  part(id: number): object {
    let part = this.partObjects[id];
    if (part === undefined) {
      part = JSON.parse(this.decoder.decode(this.parts.bytes(id))) as object;
      this.partObjects[id] = part;
      this.partByObject.set(part, id);
    }
    return part;
  }

  private slotId(index: number, parts: readonly number[]): number {
    this.key[0] = index;
    for (let k = 0; k < PART_COUNT; k++) this.key[1 + k] = parts[k]!;
    const id = this.slots.intern(this.keyBytes);
    this.remember(id, parts);
    return id;
  }

  /** Reads the part ids of slot `id` from its shared key. */
  private load(id: number): void {
    const bytes = this.slots.bytes(id);
    const words = new Int32Array(bytes.slice().buffer);
    this.remember(id, Array.from(words.subarray(1)));
  }

  private remember(id: number, parts: readonly number[]): void {
    const base = id * PART_COUNT;
    if (base + PART_COUNT > this.partsOf.length) {
      const next = new Int32Array(Math.max(this.partsOf.length * 2, base + PART_COUNT)).fill(-1);
      next.set(this.partsOf);
      this.partsOf = next;
    }
    for (let k = 0; k < PART_COUNT; k++) this.partsOf[base + k] = parts[k]!;
  }
}
