/** A growable list of packed states (`words` each), appended in order and read by index. */
export class StateList {
  readonly words: number;
  private data: Uint32Array;
  private count = 0;

  constructor(words: number, initialStates = 1024) {
    this.words = words;
    this.data = new Uint32Array(words * initialStates);
  }

  /** The number of states held. */
  get length(): number {
    return this.count;
  }

  /** Appends the state `src[at..at+words)`. */
  push(src: Uint32Array, at: number): void {
    const { words } = this;
    if ((this.count + 1) * words > this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const base = this.count * words;
    for (let i = 0; i < words; i++) this.data[base + i] = src[at + i]!;
    this.count++;
  }

  /** Copies state `index` into `dst[0..words)`. */
  read(index: number, dst: Uint32Array): void {
    const { words, data } = this;
    const base = index * words;
    for (let i = 0; i < words; i++) dst[i] = data[base + i]!;
  }

  /** Empties the list, keeping its storage. */
  clear(): void {
    this.count = 0;
  }
}
