import type { Legacy3Params } from './legacy3-params.ts';

/** Who a task is for: the service (from a client's notify) or a client (from the service's). */
export type TaskKind = 'ToService' | 'ToClient';

/** One queued upcall: the sending process, its generation when it sent, and its kind. */
export interface Task {
  readonly sender: number;
  readonly senderGen: number;
  readonly kind: TaskKind;
}

/**
 * A readable `legacy-3` state, every field of the benchmark model's "State"
 * including the ghost ones. Process 0 is the service and process c+1 is
 * client c; the per-client arrays are indexed by client (0..C-1). `null`
 * is the benchmark model's "undefined", a value of its own. The search runs on
 * the packed form (`legacy3-layout.ts`); this one is for tests and reading.
 */
export interface Legacy3State {
  readonly gen: readonly number[];
  readonly queue: readonly (readonly Task[])[];
  readonly discovered: readonly boolean[];
  readonly discoveredGen: readonly (number | null)[];
  readonly shared: readonly boolean[];
  readonly region: readonly boolean[];
  readonly knowsPtr: readonly boolean[];
  readonly knownClientGen: readonly (number | null)[];
}

/** Everything at generation 0, queues empty, nothing discovered, shared or known. */
export function initialState(p: Legacy3Params): Legacy3State {
  const perClient = <T>(v: T): T[] => Array.from({ length: p.clients }, () => v);
  return {
    gen: Array.from({ length: p.clients + 1 }, () => 0),
    queue: Array.from({ length: p.clients + 1 }, () => []),
    discovered: perClient(false),
    discoveredGen: perClient(null),
    shared: perClient(false),
    region: perClient(false),
    knowsPtr: perClient(false),
    knownClientGen: perClient(null),
  };
}
