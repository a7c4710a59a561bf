import { SharedInterner, type InternerBuffers } from './shared-interner.ts';

/** The buffers behind a `SharedMemo`, to hand to another thread. */
export interface MemoBuffers {
  readonly edges: InternerBuffers;
  readonly leaves: InternerBuffers;
  /** Per node: the part position it reads, plus one (0 while unknown). */
  readonly reads: SharedArrayBuffer;
  /** Per node: its leaf's id, plus one (0 for an inner node, or a leaf not yet published). */
  readonly leafOf: SharedArrayBuffer;
}

/** Table rows of the edge dictionary (so at most half as many nodes) and of the leaf dictionary. */
const EDGE_ROWS_LOG2 = 23;
const LEAF_ROWS_LOG2 = 22;

/** What a lookup found: the part positions read on the way, in order, and the leaf's bytes. */
export interface MemoHit {
  readonly reads: readonly number[];
  readonly leaf: Uint8Array;
}

/**
 * The decision trees of `ReadTrie`, kept once for all worker threads: a
 * memo miss in one worker's own trie is looked up here before the step is
 * run through the xstate machines, so that each distinct step is computed
 * by one worker, not by every worker. Trees are numbered by their owner
 * (`Expander` gives each enabled-memo and each action's step memo one).
 *
 * A node is the interned id of the edge that leads to it, (parent node,
 * part id) as bytes, the root of tree t being the edge (-1 - t, 0); each
 * node records which part position it reads, or its leaf, a byte string
 * interned in a second dictionary. Inserting writes the edges and reads
 * first and publishes the leaf last, so a reader that finds a leaf finds
 * the whole path to it; a reader that meets a node still being written
 * counts a miss, and computes the step itself. When a dictionary is full
 * the memo takes no more entries and keeps answering from those it has:
 * it is only a cache.
 */
export class SharedMemo {
  private readonly edges: SharedInterner;
  private readonly leaves: SharedInterner;
  private readonly reads: Int32Array;
  private readonly leafOf: Int32Array;
  private readonly key = new Int32Array(2);
  private readonly keyBytes = new Uint8Array(this.key.buffer);
  private full = false;

  /** Buffers for a new, empty memo. */
  static buffers(): MemoBuffers {
    const nodes = 2 ** (EDGE_ROWS_LOG2 - 1);
    return {
      edges: SharedInterner.create(EDGE_ROWS_LOG2).buffers,
      leaves: SharedInterner.create(LEAF_ROWS_LOG2).buffers,
      reads: new SharedArrayBuffer(nodes * 4),
      leafOf: new SharedArrayBuffer(nodes * 4),
    };
  }

  constructor(readonly buffers: MemoBuffers) {
    this.edges = new SharedInterner(buffers.edges);
    this.leaves = new SharedInterner(buffers.leaves);
    this.reads = new Int32Array(buffers.reads);
    this.leafOf = new Int32Array(buffers.leafOf);
  }

  /** The leaf of tree `tree` for the world spelled as `parts`, with the reads that lead to it; null if no thread stored it yet. */
  lookup(tree: number, parts: ArrayLike<number>): MemoHit | null {
    const reads: number[] = [];
    let node = this.edge(-1 - tree, 0);
    while (node >= 0) {
      const leaf = Atomics.load(this.leafOf, node);
      if (leaf > 0) return { reads, leaf: this.leaves.bytes(leaf - 1) };
      const position = Atomics.load(this.reads, node) - 1;
      if (position < 0) return null;
      reads.push(position);
      node = this.edge(node, parts[position]!);
    }
    return null;
  }

  /**
   * Stores `leaf` for tree `tree`, computed on the world `parts` by a run
   * that read the part positions `reads`, in that order. Throws if the
   * tree disagrees about which position to read next: the memoised
   * function was not pure.
   */
  insert(tree: number, parts: ArrayLike<number>, reads: readonly number[], leaf: Uint8Array): void {
    if (this.full) return;
    try {
      let node = this.edges.intern(this.edgeKey(-1 - tree, 0));
      for (const position of reads) {
        const known = Atomics.compareExchange(this.reads, node, 0, position + 1);
        if (known !== 0 && known !== position + 1) {
          throw new Error(`internal: a memoised function read part ${position} where it once read ${known - 1}: it is not pure`);
        }
        node = this.edges.intern(this.edgeKey(node, parts[position]!));
      }
      Atomics.store(this.leafOf, node, this.leaves.intern(leaf) + 1);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.full = true;
    }
  }

  /** The node the edge (parent, part id) leads to, or -1. */
  private edge(parent: number, partId: number): number {
    return this.edges.find(this.edgeKey(parent, partId));
  }

  private edgeKey(parent: number, partId: number): Uint8Array {
    this.key[0] = parent;
    this.key[1] = partId;
    return this.keyBytes;
  }
}
