import type { Handler, StepResult } from '../../design.ts';
import { formatInstance, sameInstance } from '../../instance.ts';
import { outcome, type Observation } from '../../outcome.ts';
import { isFull } from '../../task-queue-machine.ts';
import { currentInstance, slotAt, withSlot, type World } from '../../world.ts';
import type { Ipc2026Of } from './kinds.ts';
import { holders, identifierFor, relayHolder, relayOf, stateOf, waitsOn, withRelay, withState, lengthOf, type RelayGrant, type Transaction } from './state.ts';
import { scheduleUpcall, upcallNote } from './upcalls.ts';

/**
 * Relay Request (dev/ipc-initial capsules/core/src/ipc/ipc_relay_request.rs,
 * cited as relay.rs:line), one handler per command. Every command first
 * enters the caller's grant, allocating it, whatever it then returns.
 * A copy (relay.rs:272-322) moves min(source, destination) bytes and is
 * truncated (SIZE) when the source is longer; it never fails here (FAIL
 * needs a grant that cannot be entered).
 */

/** Whether the copy from `from`'s send buffer into `to`'s receive buffer truncates. */
function truncates(world: World, from: number, to: number): boolean {
  return lengthOf(stateOf(world, from).send) > lengthOf(stateOf(world, to).receive);
}

/** Allow-readonly 0 or allow-readwrite 0 of Relay Request: the buffer's length, kept with the grant (`none` gives the empty buffer back). */
export function allowRule(which: 'send' | 'receive'): Handler<Ipc2026Of<'allow-send' | 'allow-receive'>> {
  return (world, { by, length }) => ({
    world: withState(world, by, (s) => ({ ...s, [which]: length === 'none' ? undefined : length })),
    outcome: outcome('SUCCESS', length === 'none' ? `no ${which} buffer` : `a ${length} ${which} buffer allowed`),
  });
}

/** The world with the caller's grant allocated and the step refused with `code`. */
function refused(world: World, by: number, code: string, why: string): StepResult {
  return { world: withRelay(world, by, (r) => r), outcome: outcome(code, why) };
}

/** 0x10 (relay.rs:112-187): ALREADY with any transaction; NODEVICE unless a grant holder other than the caller has that identifier; UNINSTALLED unless it enabled requests; else the server is told (result ignored) and the client's transaction starts. */
export const send: Handler<Ipc2026Of<'send'>> = (world, { by, to }) => {
  if (relayOf(world, by).tx !== null) return refused(world, by, 'ALREADY', 'a transaction is in progress');
  const id = identifierFor(world, by, to);
  const server = relayHolder(world, by, id);
  if (server === null) return refused(world, by, 'NODEVICE', `no other process using the capsule is ${formatInstance(id)}`);
  if (!relayOf(world, server).enabled) return refused(world, by, 'UNINSTALLED', `${formatInstance(id)} has not enabled requests`);
  const told = scheduleUpcall(world, server, 'request-waiting', 'SUCCESS', currentInstance(world, by));
  const next = withRelay(told.world, by, (r) => ({ ...r, tx: { role: 'client', server: id, passed: 0 } }));
  return { world: next, outcome: outcome('SUCCESS', `request outstanding to ${formatInstance(id)}; ${upcallNote('request-waiting', 'SUCCESS', server, told.queued)}`) };
};

/** 0x11 (relay.rs:189-220): INVAL without a client transaction; else it ends and a CANCEL upcall is scheduled. The server is not told. */
export const cancel: Handler<Ipc2026Of<'cancel'>> = cancelRule(false);

/**
 * Cancel; with `endsTake` (a fix, not Tock's code) a server that already
 * took the request has its transaction ended too, so its response cannot
 * answer the client's next request.
 */
export function cancelRule(endsTake: boolean): Handler<Ipc2026Of<'cancel'>> {
  return (world, { by }) => {
    const tx = relayOf(world, by).tx;
    if (tx?.role !== 'client') return refused(world, by, 'INVAL', 'no request outstanding');
    const taker = takerOf(world, by);
    const marked = taker === null ? world : withRelay(world, taker, (r) => (endsTake ? { ...r, tx: null } : { ...r, tx: { ...r.tx!, canceled: true } as Transaction }));
    const told = scheduleUpcall(marked, by, 'response', 'CANCEL', null);
    const next = withRelay(told.world, by, (r) => ({ ...r, tx: null }));
    const ended = endsTake && taker !== null ? `; #${taker}'s transaction ended` : '';
    return { world: next, outcome: outcome('SUCCESS', `request to ${formatInstance(tx.server)} canceled${ended}; ${upcallNote('response', 'CANCEL', by, told.queued)}`) };
  };
}

/** The server that took `client`'s outstanding request and holds it in its transaction, or null. */
function takerOf(world: World, client: number): number | null {
  const tx = relayOf(world, client).tx;
  if (tx?.role !== 'client') return null;
  const server = relayHolder(world, client, tx.server);
  if (server === null) return null;
  const taken = relayOf(world, server).tx;
  return taken?.role === 'server' && sameInstance(taken.client, currentInstance(world, client)) ? server : null;
}

/** 0x20 (relay.rs:223-230). */
export const enable: Handler<Ipc2026Of<'enable'>> = (world, { by }) => ({
  world: withRelay(world, by, (r) => ({ ...r, enabled: true })),
  outcome: outcome('SUCCESS', 'requests enabled'),
});

/**
 * 0x21 (relay.rs:234-263): requests off and the caller's own transaction
 * cleared, whichever role it held; every other process with a request
 * outstanding to it ends it with an UNINSTALLED upcall. A client that
 * disables clears its own outstanding request with no upcall at all.
 */
export const disable: Handler<Ipc2026Of<'disable'>> = disableRule({ keepsOwnRequest: false, checksUpcall: false });

/**
 * Disable; fixes, not Tock's code: with `keepsOwnRequest` only a server
 * transaction of the caller is cleared; with `checksUpcall` a waiting
 * client whose UNINSTALLED upcall cannot be queued keeps its request
 * (still takeable) instead of losing it unheard.
 */
export function disableRule(fix: { readonly keepsOwnRequest: boolean; readonly checksUpcall: boolean }): Handler<Ipc2026Of<'disable'>> {
  return (world, { by }) => {
    const own = relayOf(world, by).tx;
    const observations: Observation[] = [];
    const notes = ['requests disabled'];
    const keep = own?.role === 'client' && fix.keepsOwnRequest;
    if (own?.role === 'client' && !keep) {
      observations.push({ type: 'lost', what: 'request', at: own.server, cause: 'own-disable' });
      notes.push(`own request to ${formatInstance(own.server)} cleared, no upcall`);
    }
    let next = withRelay(world, by, (r) => ({ ...r, enabled: false, tx: keep ? own : null }));
    for (const client of holders(next, (s) => s.relay !== undefined)) {
      if (client === by || !waitsOn(next, client, by)) continue;
      if (fix.checksUpcall && isFull(slotAt(next, client).tasks)) {
        notes.push(`#${client}'s queue is full: its request stays`);
        continue;
      }
      const told = scheduleUpcall(next, client, 'response', 'UNINSTALLED', null);
      next = withRelay(told.world, client, (r) => ({ ...r, tx: null }));
      notes.push(`#${client}'s request failed: ${upcallNote('response', 'UNINSTALLED', client, told.queued)}`);
      if (!told.queued) observations.push({ type: 'lost', what: 'response', at: currentInstance(world, client), cause: 'queue-full' });
    }
    return { world: next, outcome: outcome('SUCCESS', notes.join('; '), observations) };
  };
}

/** Which waiting client a "take any" scan picks, and the grant it leaves (the fairness branch saves its scan position there). */
export type PickAny = (world: World, server: number) => { readonly client: number | null; readonly relay: RelayGrant };

/**
 * dev/ipc-initial (relay.rs:372-389): every grant holder is visited in
 * process-array order and each match overwrites the last, so the *last*
 * waiting client in array order is taken.
 */
export const lastWaiting: PickAny = (world, server) => {
  const waiting = holders(world, (s) => s.relay !== undefined).filter((j) => j !== server && waitsOn(world, j, server));
  return { client: waiting.at(-1) ?? null, relay: relayOf(world, server) };
};

/**
 * dev/ipc-relay-request-fairness: the scan starts at the saved offset
 * and wraps (grant.rs `rotated_iter`: positions are process-array
 * indices), stops at the first waiting client, and saves the position
 * after the last grant holder it visited, found or not.
 */
export const rotatingWaiting: PickAny = (world, server) => {
  const relay = relayOf(world, server);
  const n = world.processes.length;
  const start = relay.offset ?? 0;
  let offset = start;
  let client: number | null = null;
  for (let k = 0; k < n && client === null; k++) {
    const j = (start + k) % n;
    if (stateOf(world, j).relay === undefined && j !== server) continue;
    offset = (j + 1) % n;
    if (j !== server && waitsOn(world, j, server)) client = j;
  }
  return { client, relay: { ...relay, offset } };
};

/** 0x22 (relay.rs:361-400): ALREADY with any transaction; NODEVICE when no client waits; else the request is taken as `takeFrom` does. */
export function takeAny(pick: PickAny): Handler<Ipc2026Of<'take-any'>> {
  return (world, { by }) => {
    if (relayOf(world, by).tx !== null) return refused(world, by, 'ALREADY', 'a transaction is in progress');
    const { client, relay } = pick(world, by);
    const scanned = withRelay(world, by, () => relay);
    if (client === null) return { world: scanned, outcome: outcome('NODEVICE', 'no request waits') };
    const passes = passOver(scanned, by, client);
    const taken = take(passes.world, by, client);
    return { world: taken.world, outcome: outcome(taken.outcome.result, taken.outcome.note, [...taken.outcome.observations, ...passes.observations]) };
  };
}

/** Ghost: every other client still waiting on `server` was passed over once more (counted up to one past the fairness bound). */
function passOver(world: World, server: number, taken: number): { world: World; observations: Observation[] } {
  let next = world;
  const observations: Observation[] = [];
  for (const j of holders(world, (s) => s.relay !== undefined)) {
    const tx = relayOf(world, j).tx;
    if (j === taken || j === server || tx?.role !== 'client' || !waitsOn(world, j, server)) continue;
    const times = Math.min(tx.passed + 1, world.params.clients + 1);
    next = withRelay(next, j, (r) => ({ ...r, tx: { ...tx, passed: times } }));
    observations.push({ type: 'passed-over', waiting: currentInstance(world, j), server: currentInstance(world, server), times });
  }
  return { world: next, observations };
}

/** 0x23 (relay.rs:402-446): ALREADY with any transaction; NODEVICE unless the process with that identifier has a request outstanding to the caller. */
export const takeFrom: Handler<Ipc2026Of<'take-from'>> = (world, { by, from }) => {
  if (relayOf(world, by).tx !== null) return refused(world, by, 'ALREADY', 'a transaction is in progress');
  const id = identifierFor(world, by, from);
  const client = relayHolder(world, by, id);
  if (client === null || !waitsOn(world, client, by)) return refused(world, by, 'NODEVICE', `no request from ${formatInstance(id)} waits`);
  return take(world, by, client);
};

/**
 * The copy at take time (relay.rs:324-359): the client's read-only buffer
 * as it is now goes into the server's, the server's transaction starts
 * with the client's identifier, which the command returns. The client's
 * transaction stays as it was: the request is recorded only there.
 */
function take(world: World, server: number, client: number): StepResult {
  const id = currentInstance(world, client);
  const tx = relayOf(world, client).tx!;
  const next = withRelay(world, server, (r) => ({ ...r, tx: { role: 'server', client: id, canceled: false } }));
  const learned = withSlot(next, server, (slot) => ({ ...slot, app: { ...slot.app, handles: slot.app.handles.map((g, j) => (j === client ? id.generation : g)) } }));
  const observations: Observation[] = [];
  if (tx.role === 'client') observations.push({ type: 'reached', what: 'request', intended: tx.server, actual: currentInstance(world, server) });
  const cut = truncates(world, client, server);
  const result = `${cut ? 'SIZE' : 'SUCCESS'}(${formatInstance(id)})`;
  return { world: learned, outcome: outcome(result, `request of ${formatInstance(id)} copied in${cut ? ', truncated: the transaction starts all the same' : ''}`, observations) };
}

/**
 * 0x24 (relay.rs:498-548): INVAL without a server transaction; else it is
 * cleared, and if the process with the client's identifier still has a
 * request outstanding to this server (whichever request that is), the
 * response is copied to it, its transaction ends and a response upcall is
 * scheduled (result ignored); otherwise NODEVICE, the response dropped.
 */
export const respond: Handler<Ipc2026Of<'respond'>> = respondRule(false);

/**
 * Respond; with `checksUpcall` (a fix, not Tock's code) a response whose
 * upcall cannot be queued is refused with NOMEM and both transactions
 * stay, so the server may respond again later.
 */
export function respondRule(checksUpcall: boolean): Handler<Ipc2026Of<'respond'>> {
  return (world, { by }) => {
    const tx = relayOf(world, by).tx;
    if (tx?.role !== 'server') return refused(world, by, 'INVAL', 'no request taken');
    const cleared = withRelay(world, by, (r) => ({ ...r, tx: null }));
    const client = relayHolder(cleared, by, tx.client);
    if (client === null || !waitsOn(cleared, client, by)) return { world: cleared, outcome: outcome('NODEVICE', `${formatInstance(tx.client)} waits for no response: dropped`) };
    if (checksUpcall && isFull(slotAt(world, client).tasks)) return { world, outcome: outcome('NOMEM', `#${client}'s queue is full: respond again later`) };
    const at = currentInstance(world, client);
    const status = truncates(world, by, client) ? 'SIZE' : 'SUCCESS';
    const told = scheduleUpcall(cleared, client, 'response', status, null);
    const next = withRelay(told.world, client, (r) => ({ ...r, tx: null }));
    const observations: Observation[] = [
      { type: 'reached', what: 'response', intended: tx.client, actual: at },
      { type: 'answered', to: at, from: currentInstance(world, by), matches: !tx.canceled },
    ];
    if (!told.queued) observations.push({ type: 'lost', what: 'response', at, cause: 'queue-full' });
    const answers = tx.canceled ? ' (produced for a request it canceled)' : '';
    return { world: next, outcome: outcome('SUCCESS', `response copied to ${formatInstance(at)}${answers}; ${upcallNote('response', status, client, told.queued)}`, observations) };
  };
}
