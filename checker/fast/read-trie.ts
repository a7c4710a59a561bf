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
 */
type Node<R> = { readonly kind: 'leaf'; readonly value: R } | { readonly kind: 'read'; readonly slot: number; readonly next: Map<number, Node<R>> };

export class ReadTrie<R> {
  private root: Node<R> | undefined;

  /** The memoised result for the world `ids`, or undefined on a miss. */
  lookup(ids: ArrayLike<number>): R | undefined {
    let node = this.root;
    while (node !== undefined && node.kind === 'read') node = node.next.get(ids[node.slot]!);
    return node?.value;
  }

  /**
   * Records `value` for the world `ids`, computed by a run that first read
   * the slots `reads`, in that order. Throws if the run disagrees with the
   * tree about which slot to read next: the function was not pure.
   */
  insert(ids: ArrayLike<number>, reads: readonly number[], value: R): void {
    const leaf: Node<R> = { kind: 'leaf', value };
    const build = (from: number): Node<R> => {
      let node: Node<R> = leaf;
      for (let k = reads.length - 1; k >= from; k--) node = { kind: 'read', slot: reads[k]!, next: new Map([[ids[reads[k]!]!, node]]) };
      return node;
    };
    if (this.root === undefined) {
      this.root = build(0);
      return;
    }
    let node: Node<R> = this.root;
    for (let k = 0; ; k++) {
      if (node.kind === 'leaf' || node.slot !== reads[k]) throw new Error(`internal: a memoised function read slot ${reads[k] ?? 'none'} where it once read ${node.kind === 'leaf' ? 'none' : node.slot}: it is not pure`);
      const id = ids[node.slot]!;
      const child = node.next.get(id);
      if (child === undefined) {
        node.next.set(id, build(k + 1));
        return;
      }
      node = child;
    }
  }
}
