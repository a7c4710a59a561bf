import type { BenchEngine } from './engine.ts';
import { getField as get, legacy3Layout, pack, setField as set, type Legacy3Layout } from './legacy3-layout.ts';
import type { Legacy3Params } from './legacy3-params.ts';
import type { Legacy3PropertyId, ShortestViolations } from './legacy3-properties.ts';
import { initialState } from './legacy3-state.ts';
import { PackedStateSet } from './packed-state-set.ts';
import { StateList } from './state-list.ts';

/** What a plain BFS of `legacy-3` found. */
export interface Legacy3Exploration {
  readonly layout: Legacy3Layout;
  readonly states: number;
  readonly transitions: number;
  /** The deepest BFS level holding a state (the initial state is level 0). */
  readonly depth: number;
  readonly violations: ShortestViolations | null;
  /** Every state reached, packed per `layout`. */
  readonly visited: PackedStateSet;
}

/**
 * Breadth-first search of the benchmark model's `legacy-3`, hand-written on
 * packed states: the JavaScript ceiling the project's engines are measured
 * against. Every enabled action from every reached state is one transition;
 * one that leaves the state unchanged (notify into a full queue, access) is
 * a self-loop, counted without a look-up. With `propertiesOn`, a violating
 * transition is counted and recorded (the first per property, at the depth
 * of its source + 1, is a shortest counterexample) and its target is not
 * added. Level by level, so only two levels of states are queued at once;
 * the successors of a state go into the visited set as one batch (see
 * `PackedStateSet.addBatch`: that alone made it about 1.5x faster).
 */
export function exploreLegacy3(params: Legacy3Params, propertiesOn: boolean): Legacy3Exploration {
  const L = legacy3Layout(params);
  const { clients: C, restarts: G, queue: Q, regions: R } = params;
  const W = L.words;
  const visited = new PackedStateSet(W);
  let level = new StateList(W);
  let nextLevel = new StateList(W);
  const cur = new Uint32Array(W);
  const nxt = new Uint32Array(W);
  const found: Record<Legacy3PropertyId, number | null> = { isolation: null, 'graceful-exhaustion': null, 'stale-generation': null };
  // The successors of one state (at most 6 per client and 2 of the service), added to `visited` as one batch.
  const batch = new Uint32Array((6 * C + 2) * W);
  const fresh = new Uint8Array(6 * C + 2);
  let batched = 0;
  let transitions = 0;
  let depth = 0;

  const start = pack(L, initialState(params));
  visited.addBatch(start, 1, fresh);
  level.push(start, 0);

  const copy = (): void => {
    for (let i = 0; i < W; i++) nxt[i] = cur[i]!;
  };
  const offer = (): void => {
    transitions++;
    const at = batched++ * W;
    for (let i = 0; i < W; i++) batch[at + i] = nxt[i]!;
  };
  const violate = (property: Legacy3PropertyId): void => {
    transitions++;
    if (found[property] === null) found[property] = depth + 1;
  };

  for (;;) {
    for (let index = 0; index < level.length; index++) {
      level.read(index, cur);
      const genS = get(cur, L.gen[0]!);
      for (let c = 0; c < C; c++) {
        const p = c + 1;
        const genC = get(cur, L.gen[p]!);
        const discovered = get(cur, L.discovered[c]!);
        const shared = get(cur, L.shared[c]!);
        const knownGen = get(cur, L.knownClientGen[c]!); // gen + 1, 0 = undefined
        // discover(c)
        if (discovered === 0) {
          copy();
          set(nxt, L.discovered[c]!, 1);
          set(nxt, L.discoveredGen[c]!, genS + 1);
          offer();
        }
        // allow(c), unallow(c): legacy unallow leaves the service's region in place
        if (discovered === 1 && shared === 0) {
          copy();
          set(nxt, L.shared[c]!, 1);
          offer();
        }
        if (shared === 1) {
          copy();
          set(nxt, L.shared[c]!, 0);
          offer();
        }
        // notifyService(c): a full queue answers NOMEM, a self-loop
        if (discovered === 1) {
          const length = get(cur, L.queueLength[0]!);
          if (length < Q) {
            copy();
            set(nxt, L.serviceSender[length]!, c);
            set(nxt, L.serviceSenderGen[length]!, genC);
            set(nxt, L.queueLength[0]!, length + 1);
            offer();
          } else transitions++;
        }
        // notifyClient(c): guard only "the service has heard from c"
        if (knownGen !== 0) {
          const length = get(cur, L.queueLength[p]!);
          if (length < Q) {
            copy();
            set(nxt, L.clientSenderGen[c]![length]!, genS);
            set(nxt, L.queueLength[p]!, length + 1);
            offer();
          } else transitions++;
        }
        // deliver(c): a task from a restarted service is dropped; a delivered one changes nothing but the queue
        const clientLength = get(cur, L.queueLength[p]!);
        if (clientLength > 0) {
          const slots = L.clientSenderGen[c]!;
          const delivered = get(cur, slots[0]!) === genS;
          if (propertiesOn && delivered && knownGen !== genC + 1) violate('stale-generation');
          else {
            copy();
            for (let i = 1; i < clientLength; i++) set(nxt, slots[i - 1]!, get(cur, slots[i]!));
            set(nxt, slots[clientLength - 1]!, 0);
            set(nxt, L.queueLength[p]!, clientLength - 1);
            offer();
          }
        }
        // access(c): changes nothing; with properties on it may violate
        if (get(cur, L.knowsPtr[c]!) === 1) {
          const region = get(cur, L.region[c]!);
          if (propertiesOn && region === 1 && (shared === 0 || knownGen !== genC + 1)) violate('isolation');
          else if (propertiesOn && region === 0 && shared === 1) violate('graceful-exhaustion');
          else transitions++;
        }
        // restart(c): the service's region, knowsPtr and knownClientGen for c stay
        if (genC < G) {
          copy();
          set(nxt, L.gen[p]!, genC + 1);
          const slots = L.clientSenderGen[c]!;
          for (let i = 0; i < Q; i++) set(nxt, slots[i]!, 0);
          set(nxt, L.queueLength[p]!, 0);
          set(nxt, L.discovered[c]!, 0);
          set(nxt, L.discoveredGen[c]!, 0);
          set(nxt, L.shared[c]!, 0);
          offer();
        }
      }
      // deliver(s)
      const serviceLength = get(cur, L.queueLength[0]!);
      if (serviceLength > 0) {
        const c = get(cur, L.serviceSender[0]!);
        const delivered = get(cur, L.gen[c + 1]!) === get(cur, L.serviceSenderGen[0]!);
        if (propertiesOn && delivered && get(cur, L.discoveredGen[c]!) !== genS + 1) violate('stale-generation');
        else {
          copy();
          if (delivered) {
            set(nxt, L.knownClientGen[c]!, get(cur, L.gen[c + 1]!) + 1);
            if (get(cur, L.shared[c]!) === 1) {
              set(nxt, L.knowsPtr[c]!, 1);
              let held = 0;
              for (let k = 0; k < C; k++) held += get(cur, L.region[k]!);
              if (get(cur, L.region[c]!) === 0 && held < R) set(nxt, L.region[c]!, 1);
            }
          }
          for (let i = 1; i < serviceLength; i++) {
            set(nxt, L.serviceSender[i - 1]!, get(cur, L.serviceSender[i]!));
            set(nxt, L.serviceSenderGen[i - 1]!, get(cur, L.serviceSenderGen[i]!));
          }
          set(nxt, L.serviceSender[serviceLength - 1]!, 0);
          set(nxt, L.serviceSenderGen[serviceLength - 1]!, 0);
          set(nxt, L.queueLength[0]!, serviceLength - 1);
          offer();
        }
      }
      // restart(s): every region, pointer and heard-from generation goes
      if (genS < G) {
        copy();
        set(nxt, L.gen[0]!, genS + 1);
        for (let i = 0; i < Q; i++) {
          set(nxt, L.serviceSender[i]!, 0);
          set(nxt, L.serviceSenderGen[i]!, 0);
        }
        set(nxt, L.queueLength[0]!, 0);
        for (let k = 0; k < C; k++) {
          set(nxt, L.region[k]!, 0);
          set(nxt, L.knowsPtr[k]!, 0);
          set(nxt, L.knownClientGen[k]!, 0);
        }
        offer();
      }
      visited.addBatch(batch, batched, fresh);
      for (let i = 0; i < batched; i++) if (fresh[i] === 1) nextLevel.push(batch, i * W);
      batched = 0;
    }
    if (nextLevel.length === 0) break;
    [level, nextLevel] = [nextLevel, level];
    nextLevel.clear();
    depth++;
  }
  return { layout: L, states: visited.size, transitions, depth, violations: propertiesOn ? found : null, visited };
}

/** The plain BFS as a bench engine: times the search alone and reports this process's peak RSS. */
export const plainBfsEngine: BenchEngine = {
  id: 'plain',
  async run(params, propertiesOn) {
    const began = process.hrtime.bigint();
    const result = exploreLegacy3(params, propertiesOn);
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    return {
      engine: 'plain',
      params,
      states: result.states,
      transitions: result.transitions,
      seconds,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      violations: result.violations,
    };
  },
};
