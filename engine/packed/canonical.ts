import { clientPermutations, compose, inverse, Renamer } from '../../model/index.ts';
import type { Action, Design, IpcState, WorldParams } from '../../model/index.ts';
import type { SlotIds } from './slot-table.ts';

/**
 * Symmetry reduction over packed worlds: each world is stored as the least
 * (lexicographically, by slot id) of its images under the client
 * permutations, and the permutation used is remembered, so that a trace
 * through stored worlds can be turned back into a trace from the real
 * initial world.
 */
export class Canonicalizer {
  private readonly perms: number[][];
  private readonly renamer: Renamer;
  /** Per permutation, per slot index, per slot id: the id of that slot moved and renamed. */
  private readonly images: number[][][];
  private readonly candidate: Int32Array;
  private readonly best: Int32Array;

  constructor(
    params: WorldParams,
    design: Design,
    private readonly table: SlotIds,
    width: number,
  ) {
    this.perms = clientPermutations(params);
    this.renamer = new Renamer(params, design);
    this.images = this.perms.map(() => Array.from({ length: width }, () => []));
    this.candidate = new Int32Array(width);
    this.best = new Int32Array(width);
  }

  /** Replaces the packed world at `tuple[from .. from + width)` by its least image; returns the index of the permutation applied. */
  canonicalize(tuple: Int32Array, from: number): number {
    const width = this.best.length;
    const slots = width - 1;
    for (let k = 0; k < width; k++) this.best[k] = tuple[from + k]!;
    let chosen = 0;
    for (let p = 1; p < this.perms.length; p++) {
      const perm = this.perms[p]!;
      for (let i = 0; i < slots; i++) this.candidate[perm[i]!] = this.image(p, i, tuple[from + i]!);
      this.candidate[slots] = this.image(p, slots, tuple[from + slots]!);
      let k = 0;
      while (k < width && this.candidate[k] === this.best[k]) k++;
      if (k < width && this.candidate[k]! < this.best[k]!) {
        this.best.set(this.candidate);
        chosen = p;
      }
    }
    for (let k = 0; k < width; k++) tuple[from + k] = this.best[k]!;
    return chosen;
  }

  /**
   * The real trace behind a path of stored worlds: `rootPerm` made the
   * stored initial world, and each step took `action` from the previous
   * stored world, its result then canonicalized by permutation `perm`.
   */
  realTrace(rootPerm: number, steps: readonly { readonly action: Action; readonly perm: number }[]): Action[] {
    let sigma = this.perms[rootPerm]!;
    return steps.map(({ action, perm }) => {
      const real = this.renamer.action(action, inverse(sigma));
      sigma = compose(this.perms[perm]!, sigma);
      return real;
    });
  }

  /** The image under permutation `p` of column `index`'s id: a slot moved and renamed, or (the world column) the world part renamed. */
  private image(p: number, index: number, id: number): number {
    const known = this.images[p]![index]![id];
    if (known !== undefined) return known;
    const perm = this.perms[p]!;
    const image =
      index === this.best.length - 1
        ? this.table.partId(this.renamer.worldIpc(this.table.part(id) as IpcState, perm))
        : this.table.idOf(perm[index]!, this.renamer.slot(this.table.slot(index, id), index, perm));
    this.images[p]![index]![id] = image;
    return image;
  }
}
