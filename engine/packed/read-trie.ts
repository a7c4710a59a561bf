/**
 * A memo for a pure function of a world packed as slot ids, keyed only by
 * the slots the function actually read, in the order it first read them.
 *
 * A deterministic function that read slots i1, i2, ... and saw ids
 * x1, x2, ... reads the same next slot whenever it sees the same ids so far,
 * so its reads form a decision tree: each inner node names the slot to look
 * at, each edge a slot id, each leaf a result. A lookup follows the world's
 * ids down the tree; a miss is filled by running the function once with its
 * reads recorded. Sharing is what makes it pay: an action that touches two
 * slots is computed once per pair of their states, not once per world.
 *
 * Slot ids are small and dense per slot, so a node's children sit in an
 * array indexed by id: a lookup is a few array reads, no hashing. But
 * most nodes only ever get one child, often at a high id, and an array
 * of that length would be mostly holes (on the default world's depth-5
 * search, 25 million array entries for 2.3 million children); so a
 * node's first child is kept in two fields, and the array is made at the
 * second.
 */
class Node<R> {
  /** The slot an inner node reads; -1 for a leaf. */
  slot = -1;
  /** The id of the first child (-1: none), and that child. */
  firstId = -1;
  first: Node<R> | undefined = undefined;
  /** All children by slot id, once there are two; kept dense (grown with `undefined`, never assigned past the end) so V8 keeps fast elements. */
  next: (Node<R> | undefined)[] | null = null;
  value: R | undefined = undefined;

  child(id: number): Node<R> | undefined {
    if (id === this.firstId) return this.first;
    return this.next === null ? undefined : this.next[id];
  }

  setChild(id: number, child: Node<R>): void {
    if (this.firstId < 0) {
      this.firstId = id;
      this.first = child;
      return;
    }
    if (this.next === null) {
      this.next = [];
      this.put(this.firstId, this.first!);
    }
    this.put(id, child);
  }

  private put(id: number, child: Node<R>): void {
    const next = this.next!;
    while (next.length <= id) next.push(undefined);
    next[id] = child;
  }
}

export class ReadTrie<R> {
  private root: Node<R> | undefined;

  /** The memoised result for the world `ids`, or undefined on a miss. */
  lookup(ids: ArrayLike<number>): R | undefined {
    let node = this.root;
    while (node !== undefined && node.slot >= 0) node = node.child(ids[node.slot]!);
    return node?.value;
  }

  /**
   * Records `value` for the world `ids`, computed by a run that first read
   * the slots `reads`, in that order. Throws if the run disagrees with the
   * tree about which slot to read next: the function was not pure.
   */
  insert(ids: ArrayLike<number>, reads: readonly number[], value: R): void {
    const build = (from: number): Node<R> => {
      const leaf = new Node<R>();
      leaf.value = value;
      let node = leaf;
      for (let k = reads.length - 1; k >= from; k--) {
        const inner = new Node<R>();
        inner.slot = reads[k]!;
        inner.setChild(ids[reads[k]!]!, node);
        node = inner;
      }
      return node;
    };
    if (this.root === undefined) {
      this.root = build(0);
      return;
    }
    let node: Node<R> = this.root;
    for (let k = 0; ; k++) {
      if (node.slot < 0 || node.slot !== reads[k]) {
        throw new Error(`internal: a memoised function read slot ${reads[k] ?? 'none'} where it once read ${node.slot < 0 ? 'none' : node.slot}: it is not pure`);
      }
      const id = ids[node.slot]!;
      const child = node.child(id);
      if (child === undefined) {
        node.setChild(id, build(k + 1));
        return;
      }
      node = child;
    }
  }
}
