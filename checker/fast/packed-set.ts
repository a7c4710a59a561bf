/**
 * A set of fixed-width tuples of 32-bit integers with dense indices: the
 * visited set of an exhaustive search. Tuples are stored packed, one after
 * another, in a growable Uint32Array, and found through an open-addressing
 * hash table of indices (linear probing, load at most 1/2). No JS Map or
 * Set, so no 2^24-entry limit, and a few words per state.
 */
export class PackedSet {
  private data: Uint32Array;
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(readonly width: number, initialCapacity = 1 << 16) {
    this.data = new Uint32Array(initialCapacity * width);
    this.table = new Int32Array(initialCapacity * 2).fill(-1);
    this.mask = this.table.length - 1;
  }

  /** Tuples stored. */
  get size(): number {
    return this.count;
  }

  /** Adds `tuple` if absent: its new index, or `-1 - index` of the copy already there. */
  add(tuple: ArrayLike<number>): number {
    let at = hash(tuple, this.width) & this.mask;
    for (;;) {
      const index = this.table[at]!;
      if (index < 0) break;
      if (this.equals(index, tuple)) return -1 - index;
      at = (at + 1) & this.mask;
    }
    const index = this.count++;
    if (this.data.length < this.count * this.width) this.data = grown(this.data, this.data.length * 2);
    this.data.set(tuple, index * this.width);
    this.table[at] = index;
    if (this.count * 2 > this.table.length) this.rehash();
    return index;
  }

  /** Copies tuple `index` into `into`. */
  read(index: number, into: Int32Array | Uint32Array): void {
    const base = index * this.width;
    for (let k = 0; k < this.width; k++) into[k] = this.data[base + k]!;
  }

  private equals(index: number, tuple: ArrayLike<number>): boolean {
    const base = index * this.width;
    for (let k = 0; k < this.width; k++) if (this.data[base + k] !== tuple[k]! >>> 0) return false;
    return true;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    this.mask = this.table.length - 1;
    const tuple = new Uint32Array(this.width);
    for (let index = 0; index < this.count; index++) {
      this.read(index, tuple);
      let at = hash(tuple, this.width) & this.mask;
      while (this.table[at]! >= 0) at = (at + 1) & this.mask;
      this.table[at] = index;
    }
  }
}

function grown(array: Uint32Array, length: number): Uint32Array {
  const next = new Uint32Array(length);
  next.set(array);
  return next;
}

/** FNV-1a over the tuple's words, then a final avalanche. */
function hash(tuple: ArrayLike<number>, width: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < width; k++) {
    h = Math.imul(h ^ (tuple[k]! >>> 0), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
