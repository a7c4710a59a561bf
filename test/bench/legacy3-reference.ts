import type { Legacy3Params } from '../../bench/legacy3-params.ts';
import type { Legacy3PropertyId, ShortestViolations } from '../../bench/legacy3-properties.ts';
import { initialState, type Legacy3State, type Task } from '../../bench/legacy3-state.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? Mutable<E>[] : T[K] };
type State = Mutable<Legacy3State>;

/** One enabled action from a state: the state it leads to (equal to the source for a self-loop) and the property it violates, if any. */
interface Step {
  readonly next: Legacy3State;
  readonly violation: Legacy3PropertyId | null;
}

/**
 * the benchmark model's actions transcribed literally on readable states, with
 * none of the packing tricks of `bench/plain-bfs.ts`: the slow oracle the
 * tests compare the fast search with.
 */
export function referenceSteps(params: Legacy3Params, s: Legacy3State): Step[] {
  const steps: Step[] = [];
  const take = (change: (n: State) => Legacy3PropertyId | null | void): void => {
    const n: State = {
      gen: [...s.gen],
      queue: s.queue.map((q) => [...q]),
      discovered: [...s.discovered],
      discoveredGen: [...s.discoveredGen],
      shared: [...s.shared],
      region: [...s.region],
      knowsPtr: [...s.knowsPtr],
      knownClientGen: [...s.knownClientGen],
    };
    steps.push({ violation: change(n) ?? null, next: n });
  };
  const regionsHeld = s.region.filter(Boolean).length;
  for (let c = 0; c < params.clients; c++) {
    const p = c + 1;
    if (!s.discovered[c]) take((n) => void ((n.discovered[c] = true), (n.discoveredGen[c] = s.gen[0]!)));
    if (s.discovered[c] && !s.shared[c]) take((n) => void (n.shared[c] = true));
    if (s.shared[c]) take((n) => void (n.shared[c] = false));
    if (s.discovered[c]) take((n) => void (s.queue[0]!.length < params.queue && n.queue[0]!.push({ sender: p, senderGen: s.gen[p]!, kind: 'ToService' })));
    if (s.knownClientGen[c] !== null) take((n) => void (s.queue[p]!.length < params.queue && n.queue[p]!.push({ sender: 0, senderGen: s.gen[0]!, kind: 'ToClient' })));
    if (s.knowsPtr[c]) {
      take(() => {
        if (s.region[c] && (!s.shared[c] || s.knownClientGen[c] !== s.gen[p])) return 'isolation';
        if (s.shared[c] && s.knowsPtr[c] && !s.region[c]) return 'graceful-exhaustion';
        return null;
      });
    }
    if (s.gen[p]! < params.restarts) {
      take((n) => {
        n.gen[p]!++;
        n.queue[p] = [];
        n.discovered[c] = false;
        n.discoveredGen[c] = null;
        n.shared[c] = false;
      });
    }
  }
  for (let p = 0; p <= params.clients; p++) {
    if (s.queue[p]!.length === 0) continue;
    take((n) => {
      const task = n.queue[p]!.shift() as Task;
      if (s.gen[task.sender] !== task.senderGen) return null;
      if (p === 0 && task.kind === 'ToService') {
        const c = task.sender - 1;
        const stale = s.discoveredGen[c] !== s.gen[0] ? 'stale-generation' : null;
        n.knownClientGen[c] = s.gen[task.sender]!;
        if (s.shared[c]) {
          n.knowsPtr[c] = true;
          if (!s.region[c] && regionsHeld < params.regions) n.region[c] = true;
        }
        return stale;
      }
      return p !== 0 && task.kind === 'ToClient' && s.knownClientGen[p - 1] !== s.gen[p] ? 'stale-generation' : null;
    });
  }
  if (s.gen[0]! < params.restarts) {
    take((n) => {
      n.gen[0]!++;
      n.queue[0] = [];
      n.region.fill(false);
      n.knowsPtr.fill(false);
      n.knownClientGen.fill(null);
    });
  }
  return steps;
}

/** Breadth-first search over `referenceSteps` with a JS Map of JSON keys; same counting rules as `exploreLegacy3`. */
export function referenceExplore(params: Legacy3Params, propertiesOn: boolean) {
  const start = initialState(params);
  const seen = new Set([JSON.stringify(start)]);
  const found: Record<Legacy3PropertyId, number | null> = { isolation: null, 'graceful-exhaustion': null, 'stale-generation': null };
  let level = [start];
  let transitions = 0;
  for (let depth = 0; level.length > 0; depth++) {
    const next: Legacy3State[] = [];
    for (const s of level) {
      for (const step of referenceSteps(params, s)) {
        transitions++;
        if (propertiesOn && step.violation) {
          found[step.violation] ??= depth + 1;
          continue;
        }
        const key = JSON.stringify(step.next);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(step.next);
        }
      }
    }
    level = next;
  }
  return { states: seen.size, transitions, violations: (propertiesOn ? found : null) as ShortestViolations | null };
}
