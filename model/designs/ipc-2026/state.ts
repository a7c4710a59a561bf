import { sameInstance, type Instance } from '../../instance.ts';
import { currentInstance, NO_IPC_STATE, slotAt, withSlot, type IpcState, type World } from '../../world.ts';

/**
 * What the 2026 capsules keep for one process, all of it grant state
 * (`ProcessSlot.ipc`), so all of it gone when the process is terminated:
 *
 * - `name`: the string-name registry's `registered_name` (absent: all zeros);
 * - `package`: the package-name registry's `is_registered`;
 * - `relay`: the Relay Request grant, present once the process has entered
 *   that capsule (a grant is allocated on first use, and only processes
 *   holding it are iterated: grant.rs `Iter`);
 * - `send`, `receive`: the buffers allowed to Relay Request, by length.
 */
export interface Ipc2026State extends IpcState {
  readonly name?: string;
  readonly package?: true;
  readonly relay?: RelayGrant;
  /** Relay Request's allow-readonly 0 and allow-readwrite 0, by length (absent: nothing allowed, length 0). */
  readonly send?: BufferLength;
  readonly receive?: BufferLength;
}

/** An allowed buffer's length as the model tells them apart: what matters is which of two is longer. */
export type BufferLength = 'short' | 'long';

/** The length in bytes-as-order: nothing allowed is 0. */
export function lengthOf(length: BufferLength | undefined): number {
  return length === undefined ? 0 : length === 'short' ? 1 : 2;
}

/** Relay Request's `App` (ipc_relay_request.rs:76-81; on the fairness branch also `iteration_offset`). */
export interface RelayGrant {
  readonly enabled: boolean;
  /** The one `TransactionState` for both roles; null is `None`. */
  readonly tx: Transaction | null;
  /** Fairness branch: where the next "take any" scan starts, a process-array position (absent: 0). */
  readonly offset?: number;
}

/**
 * `ClientTransaction(server)` or `ServerTransaction(client)`, with ghost
 * fields the properties judge: how many takes in a row by its server took
 * another client while this request waited (`passed`), and whether the
 * client canceled the request a server took (`canceled`).
 */
export type Transaction =
  | { readonly role: 'client'; readonly server: Instance; readonly passed: number }
  | { readonly role: 'server'; readonly client: Instance; readonly canceled: boolean };

/** What slot `index` keeps. */
export function stateOf(world: World, index: number): Ipc2026State {
  return slotAt(world, index).ipc as Ipc2026State;
}

/** The world with slot `index`'s state replaced by `f` of it. */
export function withState(world: World, index: number, f: (state: Ipc2026State) => Ipc2026State): World {
  return withSlot(world, index, (slot) => {
    const next = f(slot.ipc as Ipc2026State);
    return { ...slot, ipc: Object.values(next).every((v) => v === undefined) ? NO_IPC_STATE : next };
  });
}

/** Slot `index`'s Relay Request grant, allocated if it was not (every command enters the caller's grant first). */
export function relayOf(world: World, index: number): RelayGrant {
  return stateOf(world, index).relay ?? { enabled: false, tx: null };
}

/** The world with slot `index`'s Relay Request grant replaced by `f` of it (allocating it). */
export function withRelay(world: World, index: number, f: (relay: RelayGrant) => RelayGrant): World {
  return withState(world, index, (state) => ({ ...state, relay: f(relayOf(world, index)) }));
}

/** The slots holding a grant of the capsule whose grant `held` finds, in process-array order (grant.rs `Iter`). */
export function holders(world: World, held: (state: Ipc2026State) => boolean): number[] {
  return world.processes.flatMap((slot, index) => (held(slot.ipc as Ipc2026State) ? [index] : []));
}

/** The slot other than `by` holding the Relay Request grant whose live identifier is `id` (relay.rs:126-130), or null. */
export function relayHolder(world: World, by: number, id: Instance): number | null {
  const found = holders(world, (s) => s.relay !== undefined).find((j) => j !== by && sameInstance(currentInstance(world, j), id));
  return found ?? null;
}

/** True iff slot `client` has a request outstanding to the live instance of slot `server`. */
export function waitsOn(world: World, client: number, server: number): boolean {
  const tx = stateOf(world, client).relay?.tx;
  return tx?.role === 'client' && sameInstance(tx.server, currentInstance(world, server));
}

/** The identifier process `by` holds for slot `j`: the one it learned, else the live one, guessed. */
export function identifierFor(world: World, by: number, j: number): Instance {
  return { index: j, generation: slotAt(world, by).app.handles[j] ?? currentInstance(world, j).generation };
}
