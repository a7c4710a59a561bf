/**
 * A growable column of 32-bit integers, one per stored state: what a search
 * keeps beside its visited set (parent, action, permutation). Held in a
 * typed array, off the JavaScript heap, at four bytes a state: a plain
 * array of tens of millions of numbers costs twice that and more while it
 * grows, and counts against the heap limit.
 */
export class IntColumn {
  private values: Int32Array;
  private count = 0;

  constructor(first: number) {
    this.values = new Int32Array(1 << 16);
    this.push(first);
  }

  push(value: number): void {
    if (this.count === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.count++] = value;
  }

  at(index: number): number {
    return this.values[index]!;
  }
}
