/** The buffers behind a `SharedInterner`, to hand to another thread. */
export interface InternerBuffers {
  readonly control: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
  readonly meta: SharedArrayBuffer;
  readonly arena: SharedArrayBuffer;
}

/** Words of `control`: the insertion lock, the ids given, the arena bytes used. */
const LOCK = 0;
const COUNT = 1;
const USED = 2;
/** Words of `meta` per id: arena offset, length, hash. */
const META = 3;
/** Table rows an interner starts with (a power of two). */
const INITIAL_ROWS = 1 << 12;

/**
 * A dictionary from byte strings to dense ids (0, 1, 2, ... in order of
 * first insertion) that worker threads share through SharedArrayBuffers,
 * so that every thread gives the same value the same id.
 *
 * Lookups take no lock: an id is published into the open-addressing table
 * (Atomics.store) only after its bytes and metadata are written, so a
 * reader that loads it (Atomics.load) sees them. Insertions take a lock;
 * they are rare next to lookups (each thread caches what it has seen).
 *
 * Everything grows in place (growable SharedArrayBuffers): the arena, the
 * metadata, and the table, which starts small and doubles, under the lock,
 * whenever half its rows are used, up to its maximum. A small table is
 * worth it: its rows are hashed into all over, and every page of shared
 * memory costs a fault on first touch. While the table is rebuilt, a
 * lookup without the lock may miss an id that is there; `intern` then
 * takes the lock and looks again, and `find` only reports a miss, which
 * its callers treat as "not known yet". A lookup never finds a wrong id:
 * it compares the bytes.
 */
export class SharedInterner {
  private readonly control: Int32Array;
  private readonly table: Int32Array;
  private readonly meta: Int32Array;
  private readonly arena: Uint8Array;

  /** A new, empty interner of up to `2^rowsLog2` table rows (so at most half as many ids). */
  static create(rowsLog2: number): SharedInterner {
    const rows = 2 ** rowsLog2;
    return new SharedInterner({
      control: new SharedArrayBuffer(3 * 4),
      table: growable(Math.min(rows, INITIAL_ROWS) * 4, rows * 4),
      meta: growable(Math.min(1024, rows / 2) * META * 4, (rows / 2) * META * 4),
      arena: growable(1 << 16, 2 ** 32 - 1),
    });
  }

  constructor(readonly buffers: InternerBuffers) {
    this.control = new Int32Array(buffers.control);
    this.table = new Int32Array(buffers.table);
    this.meta = new Int32Array(buffers.meta);
    this.arena = new Uint8Array(buffers.arena);
  }

  /** Ids given so far. */
  get size(): number {
    return Atomics.load(this.control, COUNT);
  }

  /** The id of `bytes`, giving the next id if none has it yet. */
  intern(bytes: Uint8Array): number {
    const hash = hashBytes(bytes);
    const known = this.probe(bytes, hash);
    if (known >= 0) return known;
    this.lock();
    try {
      const again = this.probe(bytes, hash);
      if (again >= 0) return again;
      let row = -again - 1;
      const id = this.control[COUNT]!;
      if ((id + 1) * 2 > this.table.length) {
        this.growTable(id);
        row = -this.probe(bytes, hash) - 1;
      }
      const used = this.control[USED]!;
      if (used + bytes.length > this.arena.length) grow(this.buffers.arena, used + bytes.length);
      this.arena.set(bytes, used);
      if ((id + 1) * META > this.meta.length) grow(this.buffers.meta, (id + 1) * META * 4);
      this.meta[id * META] = used;
      this.meta[id * META + 1] = bytes.length;
      this.meta[id * META + 2] = hash;
      Atomics.store(this.control, USED, used + bytes.length);
      Atomics.store(this.control, COUNT, id + 1);
      Atomics.store(this.table, row, id + 1);
      return id;
    } finally {
      this.unlock();
    }
  }

  /** The id of `bytes`, or -1 if no thread interned them yet. */
  find(bytes: Uint8Array): number {
    return Math.max(-1, this.probe(bytes, hashBytes(bytes)));
  }

  /** The bytes of `id`: a view into shared memory, valid as long as the interner. */
  bytes(id: number): Uint8Array {
    const offset = this.meta[id * META]!;
    return this.arena.subarray(offset, offset + this.meta[id * META + 1]!);
  }

  /**
   * Doubles the table and puts the `count` ids back by the hashes in their
   * metadata; under the lock. Throws when the table is at its maximum.
   */
  private growTable(count: number): void {
    const table = this.buffers.table as SharedArrayBuffer & { grow(length: number): void; readonly maxByteLength: number };
    if (table.byteLength * 2 > table.maxByteLength) {
      throw new RangeError(`a table the workers share (slots, parts, actions or memo) is full at ${this.table.length / 2} distinct values`);
    }
    table.grow(table.byteLength * 2);
    this.table.fill(0);
    const mask = this.table.length - 1;
    for (let id = 0; id < count; id++) {
      let row = this.meta[id * META + 2]! & mask;
      while (this.table[row] !== 0) row = (row + 1) & mask;
      Atomics.store(this.table, row, id + 1);
    }
  }

  /** The id of `bytes`, or -(row + 1) for the empty row where it would go. */
  private probe(bytes: Uint8Array, hash: number): number {
    const { table, meta, arena } = this;
    const mask = table.length - 1;
    for (let row = hash & mask; ; row = (row + 1) & mask) {
      const entry = Atomics.load(table, row);
      if (entry === 0) return -(row + 1);
      const id = entry - 1;
      if (meta[id * META + 2] !== hash || meta[id * META + 1] !== bytes.length) continue;
      const offset = meta[id * META]!;
      let k = 0;
      while (k < bytes.length && arena[offset + k] === bytes[k]) k++;
      if (k === bytes.length) return id;
    }
  }

  private lock(): void {
    while (Atomics.compareExchange(this.control, LOCK, 0, 1) !== 0) Atomics.wait(this.control, LOCK, 1, 1);
  }

  private unlock(): void {
    Atomics.store(this.control, LOCK, 0);
    Atomics.notify(this.control, LOCK, 1);
  }
}

/** A SharedArrayBuffer of `bytes` that can grow in place to `max`. */
function growable(bytes: number, max: number): SharedArrayBuffer {
  return new (SharedArrayBuffer as new (length: number, options: { maxByteLength: number }) => SharedArrayBuffer)(bytes, { maxByteLength: max });
}

/** Grows `buffer` to at least `bytes`, doubling. */
function grow(buffer: SharedArrayBuffer, bytes: number): void {
  const growing = buffer as SharedArrayBuffer & { grow(length: number): void; readonly maxByteLength: number };
  const target = Math.min(Math.max(bytes, growing.byteLength * 2), growing.maxByteLength);
  if (target < bytes) throw new RangeError(`a shared table outgrew ${growing.maxByteLength} bytes`);
  growing.grow(target);
}

/** FNV-1a over the bytes, then a final avalanche. */
function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
