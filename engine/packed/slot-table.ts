import { canonicalJson, type ProcessSlot, type World } from '../../model/index.ts';

/**
 * A packed world is a tuple of `processes + 1` words: the slot id of each
 * process, then the part id of the design's kernel-wide state
 * (`World.ipc`), its world column. Spelled out as part ids, part k of slot
 * i is at position `i * PART_COUNT + k`, and the world part at
 * `processes * PART_COUNT`: a position's column is its quotient by
 * PART_COUNT either way.
 */
export function packedWidth(world: World): number {
  return world.processes.length + 1;
}

/** The tuple of `world`, interning its slots and world part. */
export function packWorld(table: SlotIds, world: World): Int32Array {
  const ids = new Int32Array(packedWidth(world));
  world.processes.forEach((slot, i) => (ids[i] = table.idOf(i, slot)));
  ids[world.processes.length] = table.partId(world.ipc);
  return ids;
}

/** The parts of a slot that change, in position order; `name` and `memory` are fixed per index. */
export const PARTS = ['lifecycle', 'tasks', 'mpu', 'grant', 'app', 'growth', 'ipc'] as const;

/** The fields of a slot fixed per index: the same object in every world of a search. */
export const FIXED_FIELDS = ['name', 'memory'] as const;

const KNOWN_FIELDS: ReadonlySet<string> = new Set([...PARTS, ...FIXED_FIELDS]);

/**
 * Throws unless `slot`, built by a step at `index`, is a slot the packed
 * explorers store faithfully: every field one of PARTS or FIXED_FIELDS,
 * the fixed ones those of `home` (the slot at that index in the world
 * stepped from). What a search cannot store it must not drop silently.
 */
export function assertPackableSlot(index: number, slot: ProcessSlot, home: ProcessSlot): void {
  for (const key of Object.keys(slot)) {
    if (!KNOWN_FIELDS.has(key)) throw new Error(`internal: the packed explorer cannot store slot field '${key}' (slot ${index}); a design keeps its own state in 'ipc'`);
  }
  for (const key of FIXED_FIELDS) {
    if (slot[key] !== home[key]) throw new Error(`internal: a step changed slot ${index}'s '${key}', which the packed explorer holds fixed`);
  }
}

/** Throws unless `world`, built by a step from a world of `slots` slots, has those slots and no field beside `params`, `processes` and `ipc`. */
export function assertPackableWorld(world: World, slots: number): void {
  for (const key of Object.keys(world)) {
    if (key !== 'params' && key !== 'processes' && key !== 'ipc') throw new Error(`internal: the packed explorer cannot store the world field '${key}'; a design keeps its kernel-wide state in 'ipc'`);
  }
  if (world.processes.length !== slots) throw new Error(`internal: a step made a world of ${world.processes.length} slots from one of ${slots}`);
}

/** The parts per slot: part k of slot i is at position `i * PART_COUNT + k`. */
export const PART_COUNT = PARTS.length;

export type PartName = (typeof PARTS)[number];

/** Slot ids and part ids as the explorers use them; `SlotTable` within a thread, `SharedSlotTable` across workers. */
export interface SlotIds {
  /** The id of `slot` living at `index`, interning it (and its parts) if new. */
  idOf(index: number, slot: ProcessSlot): number;
  /** The slot at `index` with this id. */
  slot(index: number, id: number): ProcessSlot;
  /** Writes the part ids of the packed world `ids` into `into` (see `packedWidth`). */
  spell(ids: Int32Array, into: Int32Array): void;
  /** The part id at `part` of slot id `id` at `index`. */
  partOf(index: number, id: number, part: number): number;
  /** The id of the slot at `index` that is slot `id` with part `part` replaced by part id `partId`. */
  withPart(index: number, id: number, part: number, partId: number): number;
  /** The id of a part value, interning it if new. */
  partId(part: object): number;
  /** The part value with this id. */
  part(id: number): object;
}

/**
 * Interns process slots and their parts. Each distinct part value gets a
 * small integer id, and each distinct state of the slot at an index a small
 * id of its own (dense from 0 per index, never reused), so a world is a
 * short tuple of slot ids and, spelled out, a tuple of part ids.
 *
 * A part is known by its identity first (steps copy the parts they leave
 * alone by reference) and by its canonical JSON only when the object is
 * new, so a new slot costs the serialisation of what changed.
 */
export class SlotTable implements SlotIds {
  private readonly byKey: Map<string, number>[] = [];
  private readonly slots: ProcessSlot[][] = [];
  /** Per index, the part ids of each slot id, `PART_COUNT` apiece. */
  private readonly partsOf: number[][] = [];
  private readonly partByObject = new WeakMap<object, number>();
  private readonly partByJson = new Map<string, number>();
  private readonly partObjects: object[] = [];

  /** The id of `slot` living at `index`, interning it (and its parts) if new. */
  idOf(index: number, slot: ProcessSlot): number {
    const parts = PARTS.map((name) => this.partId(slot[name]));
    return this.idOfParts(index, parts, () => slot);
  }

  /** The slot at `index` with this id. */
  slot(index: number, id: number): ProcessSlot {
    const slot = this.slots[index]?.[id];
    if (slot === undefined) throw new RangeError(`no slot id ${id} at index ${index}`);
    return slot;
  }

  /** Writes the part ids of the packed world `ids` into `into` (see `packedWidth`). */
  spell(ids: Int32Array, into: Int32Array): void {
    const slots = ids.length - 1;
    for (let i = 0; i < slots; i++) {
      const parts = this.partsOf[i]!;
      const base = ids[i]! * PART_COUNT;
      for (let k = 0; k < PART_COUNT; k++) into[i * PART_COUNT + k] = parts[base + k]!;
    }
    into[slots * PART_COUNT] = ids[slots]!;
  }

  /** The part value with this id. */
  part(id: number): object {
    const part = this.partObjects[id];
    if (part === undefined) throw new RangeError(`no part id ${id}`);
    return part;
  }

  /** The part id at `part` of slot id `id` at `index`. */
  partOf(index: number, id: number, part: number): number {
    return this.partsOf[index]![id * PART_COUNT + part]!;
  }

  /**
   * The id of the slot at `index` that is slot `id` with part `part` replaced by part id `partId`.
   * Not memoised here: the expander's slot writes keep what it answered, and a memo of its own
   * (a map per slot id and part) cost a tenth of a deep search's memory and saved no time.
   */
  withPart(index: number, id: number, part: number, partId: number): number {
    const parts = this.partsOf[index]!.slice(id * PART_COUNT, (id + 1) * PART_COUNT);
    parts[part] = partId;
    return this.idOfParts(index, parts, () => {
      const slot = this.slot(index, id);
      return { ...slot, [PARTS[part]!]: this.partObjects[partId] } as ProcessSlot;
    });
  }

  /** The id of a part value, interning it if new. */
  partId(part: object): number {
    let id = this.partByObject.get(part);
    if (id !== undefined) return id;
    const json = canonicalJson(part);
    id = this.partByJson.get(json);
    if (id === undefined) {
      id = this.partObjects.length;
      this.partByJson.set(json, id);
      this.partObjects.push(part);
    }
    this.partByObject.set(part, id);
    return id;
  }

  private idOfParts(index: number, parts: readonly number[], build: () => ProcessSlot): number {
    const key = parts.join('|');
    const byKey = (this.byKey[index] ??= new Map());
    const slots = (this.slots[index] ??= []);
    let id = byKey.get(key);
    if (id === undefined) {
      id = slots.length;
      byKey.set(key, id);
      slots.push(build());
      (this.partsOf[index] ??= []).push(...parts);
    }
    return id;
  }
}
