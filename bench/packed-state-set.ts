/**
 * A set of packed states of `words` 32-bit words each: open addressing with
 * linear probing over one growable `Uint32Array`, keys stored inline.
 * Invariant: word 0 of every key is non-zero (an all-zero word 0 marks an
 * empty slot). Holds far more than V8's 2^24-entry `Set`, at about
 * `words * 4 / 0.5` bytes a state.
 */
export class PackedStateSet {
  readonly words: number;
  private table: Uint32Array;
  private mask: number;
  private limit: number;
  private count = 0;
  /** Home slots of the batch being added. */
  private homes = new Int32Array(64);
  /** Keeps the warming loads of `addBatch` from being optimised away. */
  private warmed = 0;

  constructor(words: number, capacityLog2 = 16) {
    this.words = words;
    this.table = new Uint32Array(words * 2 ** capacityLog2);
    this.mask = 2 ** capacityLog2 - 1;
    this.limit = limitFor(capacityLog2);
  }

  /** The number of states held. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds the `count` states at `batch[0 .. count*words)`, in order, and sets
   * `fresh[i]` to 1 when state i was not held before (a state repeated in
   * the batch is fresh once). It first loads every home slot, so that the
   * cache misses of a batch overlap instead of coming one after another:
   * at millions of states the table outgrows the cache and the misses are
   * most of the cost.
   */
  addBatch(batch: Uint32Array, count: number, fresh: Uint8Array): void {
    while (this.count + count > this.limit) this.grow();
    if (this.homes.length < count) this.homes = new Int32Array(count);
    const { table, words, mask, homes } = this;
    let warmed = 0;
    for (let i = 0; i < count; i++) {
      const home = hashWords(batch, i * words, words) & mask;
      homes[i] = home;
      warmed ^= table[home * words]!;
    }
    this.warmed ^= warmed;
    for (let i = 0; i < count; i++) fresh[i] = this.insert(batch, i * words, homes[i]!) ? 1 : 0;
  }

  /** Calls `visit(table, at)` for each state held, in table order. */
  forEach(visit: (table: Uint32Array, at: number) => void): void {
    const { table, words } = this;
    for (let at = 0; at < table.length; at += words) if (table[at] !== 0) visit(table, at);
  }

  /** Probes from slot `home` for the state at `src[at..]`; true when it was absent and is now held. */
  private insert(src: Uint32Array, at: number, home: number): boolean {
    const { table, words, mask } = this;
    const head = src[at]!;
    if (head === 0) throw new Error('PackedStateSet: word 0 of a state must be non-zero');
    for (let slot = home; ; slot = (slot + 1) & mask) {
      const base = slot * words;
      const held = table[base]!;
      if (held === 0) {
        for (let i = 0; i < words; i++) table[base + i] = src[at + i]!;
        this.count++;
        return true;
      }
      if (held === head) {
        let i = 1;
        while (i < words && table[base + i] === src[at + i]) i++;
        if (i === words) return false;
      }
    }
  }

  /** Doubles the table and re-inserts every state. */
  private grow(): void {
    const old = this.table;
    const log2 = 32 - Math.clz32(this.mask) + 1;
    if (log2 > 31) throw new Error('PackedStateSet: more than 2^31 slots');
    this.table = new Uint32Array(this.words * 2 ** log2);
    this.mask = 2 ** log2 - 1;
    this.limit = limitFor(log2);
    this.count = 0;
    for (let at = 0; at < old.length; at += this.words) {
      if (old[at] !== 0) this.insert(old, at, hashWords(old, at, this.words) & this.mask);
    }
  }
}

/** Grow past 70% load: linear probing stays short. */
function limitFor(log2: number): number {
  return Math.floor(2 ** log2 * 0.7);
}

/** A 32-bit hash of the `words` words at `src[at..]`: multiply-xorshift per word, then murmur3's finaliser. */
function hashWords(src: Uint32Array, at: number, words: number): number {
  let h = words;
  for (let i = 0; i < words; i++) h = Math.imul(h ^ src[at + i]!, 0x9e3779b1) ^ (h >>> 15);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
