import { hashWords } from '../packed/index.ts';

/** The buffers behind a `SharedVisited`, to hand to another thread. */
export interface VisitedBuffers {
  readonly width: number;
  readonly control: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
  readonly parent: SharedArrayBuffer;
  readonly via: SharedArrayBuffer;
  readonly perm: SharedArrayBuffer;
  /** Indices kept free past `growAt`: a block for each thread. */
  readonly slack: number;
  /** Per portion of indices: 1 once a thread has claimed it to expand its states. */
  readonly claims: SharedArrayBuffer;
}

/** Words of `control`: indices handed out (in blocks), tuples stored. */
const RESERVED = 0;
const STORED = 1;
/**
 * Indices a thread reserves at a time. Threads then never write the same
 * cache lines, and a block's consecutive states are mostly siblings that
 * one thread stored, which is what a thread's memo is fastest on when it
 * expands them: on the bench's larger set two threads took 6.2 s where
 * they took 7.0 s with blocks of 256 (sums of three runs, alternated).
 */
export const BLOCK = 4096;
/** Indices a search hands out at a time (each claimed once, `claim`): an eighth of a block, so that threads share small levels too. */
export const PORTION = 512;
/** The head word of a row being written. */
const BUSY = -1;
/** The parent of an index reserved but never used. */
const HOLE = -2;

/**
 * The visited set of a parallel search, shared by worker threads: tuples
 * of 32-bit words with indices, and per index the index of the parent, the
 * action taken from it and the symmetry permutation applied.
 *
 * Rows of an open-addressing table (linear probing) hold a head word
 * (0 empty, -1 being written, else index + 1) and the tuple inline. A
 * thread claims an empty row by compare-and-swap of its head, writes the
 * tuple and the per-index data, then publishes the index; a thread that
 * meets a row being written waits for it, so a tuple is stored once.
 *
 * Each thread takes indices from a block of its own, reserved from the
 * shared counter, so threads neither contend on the counter nor write the
 * same cache lines; `taken` lists the blocks it reserved. `close` ends a
 * thread's block; the indices it did not use are holes, which `isHole`
 * tells and searches skip. A search hands out the next level by portions
 * of blocks, each claimed once (`claim`). So indices are in order of
 * reservation, not dense: the states one level of a search
 * reaches are the non-hole indices reserved while it ran. Which thread
 * stores a state first, and so its index and parent, varies from run to
 * run; the set of states does not.
 *
 * The table does not grow while threads insert: a search pauses them
 * once `reserved` reaches `growAt`, then `grown` copies the per-index
 * data into a set of four times the rows, and `rehash` (by all threads, each on
 * its share of the indices) fills its table. `capacity` (half the rows) is
 * the hard limit. A thread whose block reaches past `growAt` must stop
 * after its current batch (`mustGrow`), one that sees `reserved` there
 * stops at its next look, and a search grows the set before a level that
 * starts there. So no thread takes more than one block past `growAt`,
 * as long as a batch holds fewer new tuples than a block (no state has
 * 4,096 successors), and the slack between `growAt` and `capacity` is a
 * block per thread.
 */
export class SharedVisited {
  readonly width: number;
  private readonly rowWidth: number;
  private readonly control: Int32Array;
  private readonly table: Int32Array;
  private readonly data: Int32Array;
  private readonly parents: Int32Array;
  private readonly vias: Int32Array;
  private readonly perms: Int32Array;
  private readonly claims: Int32Array;
  private readonly mask: number;
  /** Indices the set holds at most. */
  readonly capacity: number;
  /** Reserved indices at which threads should stop inserting and the set be grown. */
  readonly growAt: number;
  /** This thread's block: the next index to use and the end of the block. */
  private next = 0;
  private end = 0;
  /** Insertions by this thread not yet added to `stored`. */
  private unreported = 0;
  private homes = new Int32Array(64);
  /** Sum of the touched words, kept so the touching loads are not optimised away. */
  touched = 0;

  /**
   * A new, empty set of tuples of `width` words for `threads` threads,
   * sized for `expected` tuples, with at most `2^maxRowsLog2` rows at
   * first (so 2^22 tuples, less the slack, by default); it grows past
   * that. Of the per-index arrays, sized for the table's capacity, the
   * pages the search never reaches cost nothing: the kernel maps pages on
   * first use.
   */
  static create(width: number, expected: number, threads: number, maxRowsLog2 = 23): SharedVisited {
    const slack = threads * BLOCK;
    let rows = 1 << 16;
    while (rows < 2 ** maxRowsLog2 && rows / 2 - slack < expected) rows *= 2;
    return new SharedVisited(allocate(width, rows, new SharedArrayBuffer(2 * 4), slack));
  }

  /**
   * A view of the set in `buffers` for this thread. `taken`: where it
   * lists, in order, the start of each block it reserves (a thread that
   * takes a grown set's view goes on with the list of the old one).
   */
  constructor(
    readonly buffers: VisitedBuffers,
    readonly taken: number[] = [],
  ) {
    this.width = buffers.width;
    this.rowWidth = buffers.width + 1;
    this.control = new Int32Array(buffers.control);
    this.table = new Int32Array(buffers.table);
    this.data = new Int32Array(buffers.data);
    this.parents = new Int32Array(buffers.parent);
    this.vias = new Int32Array(buffers.via);
    this.perms = new Int32Array(buffers.perm);
    this.claims = new Int32Array(buffers.claims);
    const rows = this.table.length / this.rowWidth;
    this.mask = rows - 1;
    this.capacity = rows / 2;
    this.growAt = this.capacity - buffers.slack;
  }

  /**
   * Writes to every page of the table once, before any tuple is stored
   * and before the workers use the set: the kernel maps a page of shared
   * memory on its first write, and since tuples hash all over the table, a
   * search would otherwise take those faults one by one in its first
   * levels. Taken here, while the workers load, they cost the searching
   * thread about as long as they save it, and the workers nothing; but
   * the whole table is then resident, however small the search. (The
   * per-index arrays fill in order, so their faults are few and spread
   * out.) Throws once a tuple is stored: its row could be overwritten.
   */
  prefault(): void {
    if (this.reserved !== 0) throw new Error('internal: a shared visited set can only be prefaulted before anything is stored');
    touchPages(this.table);
  }

  /** Tuples stored, as last reported by each thread. */
  get stored(): number {
    return Atomics.load(this.control, STORED);
  }

  /** Indices handed out so far, holes included. */
  get reserved(): number {
    return Atomics.load(this.control, RESERVED);
  }

  /**
   * Adds the `count` tuples packed in `batch`, each reached from `parent`
   * by `actions[i]` under permutation `perms[i]`; returns how many were new.
   */
  addBatch(batch: Int32Array, count: number, parent: number, actions: readonly number[], perms: readonly number[]): number {
    if (this.homes.length < count) this.homes = new Int32Array(count * 2);
    const { width, rowWidth, mask, table } = this;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      const home = hashWords(batch, i * width, width) & mask;
      this.homes[i] = home;
      touched += table[home * rowWidth]!;
    }
    this.touched += touched;
    let added = 0;
    for (let i = 0; i < count; i++) {
      const row = this.claimRow(batch, i * width, this.homes[i]!);
      if (row < 0) continue;
      const index = this.take();
      const base = index * width;
      for (let k = 0; k < width; k++) this.data[base + k] = batch[i * width + k]!;
      this.parents[index] = parent;
      this.vias[index] = actions[i]!;
      this.perms[index] = perms[i]!;
      Atomics.store(table, row * rowWidth, index + 1);
      added++;
    }
    this.unreported += added;
    return added;
  }

  /** Whether the tuple at `tuple[from ..]` is in the set. */
  has(tuple: Int32Array, from: number): boolean {
    const { width, rowWidth, mask, table } = this;
    for (let row = hashWords(tuple, from, width) & mask; ; row = (row + 1) & mask) {
      const base = row * rowWidth;
      let head = Atomics.load(table, base);
      if (head === 0) return false;
      while (head === BUSY) head = Atomics.load(table, base);
      let k = 0;
      while (k < width && table[base + 1 + k] === tuple[from + k]) k++;
      if (k === width) return true;
    }
  }

  /** Adds the root (no parent) to an empty set and closes its block. */
  addRoot(tuple: Int32Array, perm: number): void {
    this.addBatch(tuple, 1, -1, [-1], [perm]);
    this.close();
  }

  /** Adds this thread's insertions since the last report to `stored`, which is shared and so not updated at every insertion. */
  report(): void {
    if (this.unreported > 0) Atomics.add(this.control, STORED, this.unreported);
    this.unreported = 0;
  }

  /** Ends this thread's block (its unused indices become holes) and reports its insertions. */
  close(): void {
    this.report();
    for (let index = this.next; index < this.end; index++) this.parents[index] = HOLE;
    this.next = this.end = 0;
  }

  /** Whether this thread's block reaches past `growAt`: it must stop after the batch it is adding, and the set be grown. */
  get mustGrow(): boolean {
    return this.end > this.growAt;
  }

  /** Claims the portion that starts at index `portion` for this thread to expand; false if a thread claimed it before. */
  claim(portion: number): boolean {
    return Atomics.compareExchange(this.claims, portion / PORTION, 0, 1) === 0;
  }

  /** Whether `index` was reserved but never used. */
  isHole(index: number): boolean {
    return this.parents[index] === HOLE;
  }

  /** Copies tuple `index` into `into`. */
  read(index: number, into: Int32Array): void {
    const base = index * this.width;
    for (let k = 0; k < this.width; k++) into[k] = this.data[base + k]!;
  }

  /** The index of the tuple `index` was first reached from (-1 for the root), the action, the permutation. */
  parent(index: number): number {
    return this.parents[index]!;
  }

  via(index: number): number {
    return this.vias[index]!;
  }

  perm(index: number): number {
    return this.perms[index]!;
  }

  /** A set of four times the rows with the same per-index data and an empty table, its pages mapped: `rehash` fills it. Only while no thread inserts. */
  grown(): SharedVisited {
    const next = new SharedVisited(allocate(this.width, (this.mask + 1) * 4, this.buffers.control, this.buffers.slack));
    touchPages(next.table);
    const count = this.reserved;
    next.data.set(this.data.subarray(0, count * this.width));
    next.parents.set(this.parents.subarray(0, count));
    next.vias.set(this.vias.subarray(0, count));
    next.perms.set(this.perms.subarray(0, count));
    next.claims.set(this.claims);
    return next;
  }

  /** Puts the tuples of indices `from` to `to` (exclusive) into the table; threads may share the work, each on its own range. */
  rehash(from: number, to: number): void {
    const { width, rowWidth } = this;
    for (let index = from; index < to; index++) {
      if (this.parents[index] === HOLE) continue;
      const row = this.claimRow(this.data, index * width, hashWords(this.data, index * width, width) & this.mask);
      Atomics.store(this.table, row * rowWidth, index + 1);
    }
  }

  /** An index from this thread's block, reserving a new block when it is used up. */
  private take(): number {
    if (this.next === this.end) {
      this.next = Atomics.add(this.control, RESERVED, BLOCK);
      this.taken.push(this.next);
      this.end = this.next + BLOCK;
      if (this.end > this.capacity) throw new RangeError('internal: the shared visited set overflowed before it was grown');
    }
    return this.next++;
  }

  /**
   * Claims the row for the tuple at `tuple[from ..]` and writes the tuple
   * into it, leaving its head busy for the caller to publish; -1 if the
   * tuple is there already.
   */
  private claimRow(tuple: Int32Array, from: number, home: number): number {
    const { width, rowWidth, mask, table } = this;
    for (let row = home; ; row = (row + 1) & mask) {
      const base = row * rowWidth;
      let head = Atomics.load(table, base);
      if (head === 0) {
        if (Atomics.compareExchange(table, base, 0, BUSY) === 0) {
          for (let k = 0; k < width; k++) table[base + 1 + k] = tuple[from + k]!;
          return row;
        }
        head = Atomics.load(table, base);
      }
      while (head === BUSY) head = Atomics.load(table, base);
      let k = 0;
      while (k < width && table[base + 1 + k] === tuple[from + k]) k++;
      if (k === width) return -1;
    }
  }
}

/**
 * Writes the 0 that each page of a new, empty table already holds, so the
 * kernel maps each page once. A plain write, not an atomic one: V8's
 * atomic add reads first, which maps the kernel's shared zero page; its
 * write must then copy that page and flush the TLB of every other core
 * running the search, by an interrupt each. For the 128 MiB table of a
 * large search, atomic adds took 0.45 s while a worker loaded; plain
 * writes take 0.07 s.
 */
function touchPages(table: Int32Array): void {
  for (let i = 0; i < table.length; i += 1024) table[i] = 0;
}

function allocate(width: number, rows: number, control: SharedArrayBuffer, slack: number): VisitedBuffers {
  const capacity = rows / 2;
  return {
    width,
    slack,
    claims: new SharedArrayBuffer((capacity / PORTION) * 4),
    control,
    table: new SharedArrayBuffer(rows * (width + 1) * 4),
    data: new SharedArrayBuffer(capacity * width * 4),
    parent: new SharedArrayBuffer(capacity * 4),
    via: new SharedArrayBuffer(capacity * 4),
    perm: new SharedArrayBuffer(capacity * 4),
  };
}
