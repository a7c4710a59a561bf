/**
 * A set of fixed-width tuples of 32-bit integers with dense indices: the
 * visited set of an exhaustive search. No JS Map or Set, so no 2^24-entry
 * limit, and a few words per state.
 *
 * Tuples are kept twice: in index order in a growable Uint32Array, for
 * reading back by index, and inline in the rows of an open-addressing hash
 * table (linear probing, load at most 1/2), each word stored plus one so
 * that an all-zero row is empty. On a big search nearly every probe is a
 * cache miss, and that is what the search waits on; `addBatch` first
 * touches the home row of every tuple of a batch so that those misses
 * overlap instead of queueing.
 */
export class PackedSet {
  private data: Uint32Array;
  private table: Uint32Array;
  private rows: number;
  private count = 0;
  private homes = new Int32Array(64);
  /** The tuple being looked for, each word plus one, as the table stores it. */
  private readonly probe: Uint32Array;
  /** Sum of the touched words, kept so the touching loads are not optimised away. */
  touched = 0;

  constructor(
    readonly width: number,
    initialCapacity = 1 << 16,
  ) {
    this.data = new Uint32Array(initialCapacity * width);
    this.rows = initialCapacity * 2;
    this.table = new Uint32Array(this.rows * width);
    this.probe = new Uint32Array(width);
  }

  /** Tuples stored. */
  get size(): number {
    return this.count;
  }

  /** Adds `tuple` (its words below 2^32 - 1) if absent: its new index, or -1 if it was there. */
  add(tuple: Int32Array, from = 0): number {
    return this.insert(tuple, from, hashWords(tuple, from, this.width) & (this.rows - 1));
  }

  /** Whether the tuple at `tuple[from ..]` is in the set. */
  has(tuple: Int32Array, from: number): boolean {
    return this.rowOf(tuple, from, hashWords(tuple, from, this.width) & (this.rows - 1)) < 0;
  }

  /**
   * Adds the `count` tuples packed in `batch`, in order; `fresh[i]` is set to
   * 1 when tuple i was added (a tuple repeated within the batch is fresh
   * once), else 0.
   */
  addBatch(batch: Int32Array, count: number, fresh: Uint8Array): void {
    while ((this.count + count) * 2 > this.rows) this.grow();
    if (this.homes.length < count) this.homes = new Int32Array(count * 2);
    const width = this.width;
    const mask = this.rows - 1;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      const home = hashWords(batch, i * width, width) & mask;
      this.homes[i] = home;
      touched += this.table[home * width]!;
    }
    this.touched += touched;
    for (let i = 0; i < count; i++) fresh[i] = this.insert(batch, i * width, this.homes[i]!) >= 0 ? 1 : 0;
  }

  /** Copies tuple `index` into `into`. */
  read(index: number, into: Int32Array): void {
    const base = index * this.width;
    for (let k = 0; k < this.width; k++) into[k] = this.data[base + k]!;
  }

  /**
   * Looks for the tuple at `tuple[from ..]` from row `home` on: -1 if it is
   * there, else the empty row where it belongs. Leaves the tuple, each word
   * plus one, in `probe`. A row is told apart by its first word before the
   * rest are compared: most rows probed differ there.
   */
  private rowOf(tuple: Int32Array, from: number, home: number): number {
    const width = this.width;
    const table = this.table;
    const probe = this.probe;
    const mask = this.rows - 1;
    for (let k = 0; k < width; k++) probe[k] = tuple[from + k]! + 1;
    const first = probe[0]!;
    for (let row = home; ; row = (row + 1) & mask) {
      const base = row * width;
      const head = table[base]!;
      if (head === 0) return row;
      if (head !== first) continue;
      let k = 1;
      while (k < width && table[base + k] === probe[k]) k++;
      if (k === width) return -1;
    }
  }

  private insert(tuple: Int32Array, from: number, home: number): number {
    const row = this.rowOf(tuple, from, home);
    if (row < 0) return -1;
    const width = this.width;
    const probe = this.probe;
    const base = row * width;
    for (let k = 0; k < width; k++) this.table[base + k] = probe[k]!;
    const index = this.count++;
    if (this.data.length < this.count * width) this.data = grown(this.data, this.data.length * 2);
    for (let k = 0; k < width; k++) this.data[index * width + k] = tuple[from + k]!;
    if (this.count * 2 > this.rows) this.grow();
    return index;
  }

  /** Doubles the table, re-placing each row from the words it holds (no tuple is copied out). */
  private grow(): void {
    const old = this.table;
    const width = this.width;
    this.rows *= 2;
    const table = (this.table = new Uint32Array(this.rows * width));
    const mask = this.rows - 1;
    for (let base = 0; base < old.length; base += width) {
      if (old[base] === 0) continue;
      let row = hashStored(old, base, width) & mask;
      while (table[row * width] !== 0) row = (row + 1) & mask;
      const to = row * width;
      for (let k = 0; k < width; k++) table[to + k] = old[base + k]!;
    }
  }
}

function grown(array: Uint32Array, length: number): Uint32Array {
  const next = new Uint32Array(length);
  next.set(array);
  return next;
}

/** FNV-1a over the words `tuple[from .. from + width)`, then a final avalanche. */
export function hashWords(tuple: Int32Array, from: number, width: number): number {
  let h = FNV_BASIS;
  for (let k = 0; k < width; k++) h = Math.imul(h ^ tuple[from + k]!, FNV_PRIME);
  return avalanche(h);
}

/** `hashWords` of the tuple a table row holds at `row[base ..]`, its words stored plus one. */
function hashStored(row: Uint32Array, base: number, width: number): number {
  let h = FNV_BASIS;
  for (let k = 0; k < width; k++) h = Math.imul(h ^ (row[base + k]! - 1), FNV_PRIME);
  return avalanche(h);
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The final mix both hashes share: they must place a tuple on the same row. */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
