import type { Legacy3Params } from './legacy3-params.ts';
import type { Legacy3State, Task } from './legacy3-state.ts';

/** A bit field of a packed state: `mask` wide, at `shift` in word `word`. Never straddles two words. */
export interface Field {
  readonly word: number;
  readonly shift: number;
  readonly mask: number;
}

/**
 * Where each field of a `legacy-3` state sits in a packed state of `words`
 * 32-bit words. Bit 31 of word 0 is always set, so no packed state is all
 * zeros (the visited set's empty slot). Optional values ("undefined" in
 * the benchmark model) are stored as value+1, with 0 for undefined.
 *
 * A task's kind and, on a client's queue, its sender are not stored: only
 * clients enqueue on the service's queue (ToService, sender a client) and
 * only the service on a client's (ToClient, sender 0), so both follow from
 * the queue. The packing stays injective; `pack` rejects states where they
 * do not follow.
 */
export interface Legacy3Layout {
  readonly params: Legacy3Params;
  readonly words: number;
  /** Per process (0 = service). */
  readonly gen: readonly Field[];
  readonly queueLength: readonly Field[];
  /** Per slot of the service's queue: the sending client (0..C-1) and its generation. */
  readonly serviceSender: readonly Field[];
  readonly serviceSenderGen: readonly Field[];
  /** Per client, per slot of its queue: the service's generation when it sent. */
  readonly clientSenderGen: readonly (readonly Field[])[];
  /** Per client. */
  readonly discovered: readonly Field[];
  readonly discoveredGen: readonly Field[];
  readonly shared: readonly Field[];
  readonly region: readonly Field[];
  readonly knowsPtr: readonly Field[];
  readonly knownClientGen: readonly Field[];
}

/** Bit 31 of word 0: set in every packed state. */
export const PRESENT_BIT = 0x8000_0000;

/** Bits needed for the values 0..max. */
function bitsFor(max: number): number {
  return max <= 0 ? 0 : 32 - Math.clz32(max);
}

/** Lays fields out in order, each in the first word with room left (word 0 keeps bit 31 free). */
export function legacy3Layout(params: Legacy3Params): Legacy3Layout {
  const { clients: C, restarts: G, queue: Q } = params;
  if (C < 1 || G < 0 || Q < 1 || params.regions < 0) throw new Error(`legacy-3: bad params ${JSON.stringify(params)}`);
  const free: number[] = [31];
  const field = (width: number): Field => {
    let word = free.findIndex((bits) => bits >= width);
    if (word < 0) word = free.push(32) - 1;
    const shift = 32 - free[word]! - (word === 0 ? 1 : 0);
    free[word] = free[word]! - width;
    return { word, shift, mask: width === 0 ? 0 : width === 32 ? 0xffff_ffff : (1 << width) - 1 };
  };
  const each = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
  const genBits = bitsFor(G);
  const optionalGenBits = bitsFor(G + 1);
  const layout = {
    params,
    gen: each(C + 1, () => field(genBits)),
    queueLength: each(C + 1, () => field(bitsFor(Q))),
    serviceSender: each(Q, () => field(bitsFor(C - 1))),
    serviceSenderGen: each(Q, () => field(genBits)),
    clientSenderGen: each(C, () => each(Q, () => field(genBits))),
    discovered: each(C, () => field(1)),
    discoveredGen: each(C, () => field(optionalGenBits)),
    shared: each(C, () => field(1)),
    region: each(C, () => field(1)),
    knowsPtr: each(C, () => field(1)),
    knownClientGen: each(C, () => field(optionalGenBits)),
  };
  return { ...layout, words: free.length };
}

/** The value of `f` in the packed state `s`. */
export function getField(s: Uint32Array, f: Field): number {
  return (s[f.word]! >>> f.shift) & f.mask;
}

/** Sets `f` in the packed state `s` to `v` (which must fit its width). */
export function setField(s: Uint32Array, f: Field, v: number): void {
  s[f.word] = (s[f.word]! & ~(f.mask << f.shift)) | (v << f.shift);
}

const optional = (v: number | null): number => (v === null ? 0 : v + 1);
const fromOptional = (v: number): number | null => (v === 0 ? null : v - 1);

/** The packed form of `state`; throws when a task breaks the queue invariant the layout relies on. */
export function pack(layout: Legacy3Layout, state: Legacy3State): Uint32Array {
  const s = new Uint32Array(layout.words);
  s[0] = PRESENT_BIT;
  const C = layout.params.clients;
  for (let p = 0; p <= C; p++) {
    setField(s, layout.gen[p]!, state.gen[p]!);
    const queue = state.queue[p]!;
    setField(s, layout.queueLength[p]!, queue.length);
    queue.forEach((task: Task, i) => {
      const toService = p === 0;
      if (task.kind !== (toService ? 'ToService' : 'ToClient') || (toService ? task.sender < 1 : task.sender !== 0)) {
        throw new Error(`legacy-3: task ${JSON.stringify(task)} cannot be on the queue of process ${p}`);
      }
      if (toService) {
        setField(s, layout.serviceSender[i]!, task.sender - 1);
        setField(s, layout.serviceSenderGen[i]!, task.senderGen);
      } else {
        setField(s, layout.clientSenderGen[p - 1]![i]!, task.senderGen);
      }
    });
  }
  for (let c = 0; c < C; c++) {
    setField(s, layout.discovered[c]!, +state.discovered[c]!);
    setField(s, layout.discoveredGen[c]!, optional(state.discoveredGen[c]!));
    setField(s, layout.shared[c]!, +state.shared[c]!);
    setField(s, layout.region[c]!, +state.region[c]!);
    setField(s, layout.knowsPtr[c]!, +state.knowsPtr[c]!);
    setField(s, layout.knownClientGen[c]!, optional(state.knownClientGen[c]!));
  }
  return s;
}

/** The readable form of the packed state `s`: the inverse of `pack`. */
export function unpack(layout: Legacy3Layout, s: Uint32Array): Legacy3State {
  const C = layout.params.clients;
  const clients = Array.from({ length: C }, (_, c) => c);
  const flag = (fields: readonly Field[]) => clients.map((c) => getField(s, fields[c]!) === 1);
  const maybe = (fields: readonly Field[]) => clients.map((c) => fromOptional(getField(s, fields[c]!)));
  return {
    gen: layout.gen.map((f) => getField(s, f)),
    queue: layout.queueLength.map((f, p) =>
      Array.from({ length: getField(s, f) }, (_, i): Task =>
        p === 0
          ? { sender: getField(s, layout.serviceSender[i]!) + 1, senderGen: getField(s, layout.serviceSenderGen[i]!), kind: 'ToService' }
          : { sender: 0, senderGen: getField(s, layout.clientSenderGen[p - 1]![i]!), kind: 'ToClient' },
      ),
    ),
    discovered: flag(layout.discovered),
    discoveredGen: maybe(layout.discoveredGen),
    shared: flag(layout.shared),
    region: flag(layout.region),
    knowsPtr: flag(layout.knowsPtr),
    knownClientGen: maybe(layout.knownClientGen),
  };
}
