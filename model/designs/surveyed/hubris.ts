import { actionKind, slotField, type ActionOf } from '../../action-kind.ts';
import { defineDesign } from '../../define-design.ts';
import type { StepResult } from '../../design.ts';
import { formatInstance, sameInstance, type Instance } from '../../instance.ts';
import { KERNEL_KINDS } from '../../kernel-kinds.ts';
import { fault, restart } from '../../kernel-steps.ts';
import { outcome, type Observation } from '../../outcome.ts';
import { currentInstance, slotAt, statusAt, withSlot, withSlotIpc, type IpcState, type World } from '../../world.ts';

/**
 * Design `hubris`: Hubris's synchronous IPC (oxidecomputer/hubris at
 * 4c371f01, sys/kern/src), adapted to Tock's world. Slot 0 is the server,
 * the clients send to it.
 *
 * Followed from the source: a task names its peer by index and
 * generation; a send, post or borrow naming a stale generation returns the
 * dead code carrying the current one, and nothing happens
 * (task.rs:838-856, abi lib.rs:216-224). A send to a task in open receive
 * is delivered at once, the sender then waits for the reply (InReply);
 * otherwise the sender blocks (InSend) (syscalls.rs:162-210). Receive
 * takes pending notification bits first (syscalls.rs:245-255), then the
 * most important sender, ties going to the first task after the receiver
 * in table order (task.rs:868-909 `priority_scan`); else it blocks. A
 * reply to a task not waiting in InReply on the replier, or of a stale
 * generation, is dropped silently (syscalls.rs:367-390). A lease is read
 * by the kernel on each borrow, which returns the dead code for a restarted
 * lender and DEFECT for one no longer waiting on the borrower
 * (syscalls.rs:588-658); the server never maps client memory (umem.rs,
 * the MPU holds the running task's own regions). Posts OR bits into one
 * word per task (task.rs:237); a restart clears them, and wakes every
 * healthy task blocked on the restarted one with the dead code; a fault
 * wakes nobody (kipc.rs:118-182, task.rs:928-955).
 *
 * Adapted to Tock: no task priorities (Tock has none), so every tie goes
 * to table order; one lease per send, over the client's buffer b0, read
 * and written by kernel copies as in Hubris, so no memory is shared and
 * no MPU region made: `isolation`, `revocation` and `graceful-exhaustion`
 * are n/a. Hubris has no discovery: task ids are fixed at build time
 * (`task_slot!`, resolved by `xtask dist`), and the generation is fetched
 * at first use (REFRESH_TASK_ID): here a client's first call names the
 * server's current generation, and a dead code teaches it the new one.
 * So `discovery` is n/a. A Tock restart is Hubris's `reinit_task`; a
 * Tock fault is a Hubris fault: the task stays faulted until restarted.
 * Closed receive is not modelled.
 */

const kinds = {
  /** SEND to the server with one lease (over b0), then wait for the reply. */
  send: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} sends to the server` }),
  /** POST a notification bit to the server. */
  post: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} posts to the server` }),
  /** The server's open RECV: notifications first, then the first waiting sender. */
  recv: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} receives (open)` }),
  /** The server's BORROW_WRITE into the lease of the client it holds in slot `from`. */
  borrow: actionKind({ fields: { by: slotField, from: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} borrows the lease of #${x.from}` }),
  /** The server's REPLY to the client it holds in slot `to`. */
  reply: actionKind({ fields: { by: slotField, to: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} replies to #${x.to}` }),
  /** `process` faults (or the supervisor faults it): it stays faulted, and peers blocked on it stay blocked, until it is restarted. */
  fault: actionKind({ fields: { process: slotField }, actor: 'process', by: 'kernel', format: (x) => `#${x.process} faults` }),
  restart: KERNEL_KINDS.restart,
};

type HubrisAction = ActionOf<typeof kinds>;

/** Where a task is blocked: InSend or InReply on `peer` (with how often a receive passed it over), or InRecv (open). */
type Blocked = { readonly kind: 'send'; readonly peer: Instance; readonly passed: number } | { readonly kind: 'reply'; readonly peer: Instance } | { readonly kind: 'recv' };

/** One task's IPC state: where it blocks; for the server, the clients it holds (received, not replied) and its notification word. */
interface TaskState extends IpcState {
  readonly blocked?: Blocked;
  readonly held?: readonly Instance[];
  readonly bits?: true;
}

const SERVER = 0;

const stateOf = (world: World, index: number): TaskState => slotAt(world, index).ipc as TaskState;

function withState(world: World, index: number, f: (state: TaskState) => TaskState): World {
  return withSlotIpc(world, index, f);
}

/** The server's generation as client `by` names it: what a dead code taught it, else the current one (fetched at first use). */
function named(world: World, by: number): Instance {
  return { index: SERVER, generation: slotAt(world, by).app.handles[SERVER] ?? currentInstance(world, SERVER).generation };
}

/** The dead code: nothing happens, and the caller learns the server's current generation. */
function dead(world: World, by: number): StepResult {
  const generation = currentInstance(world, SERVER).generation;
  const next = withSlot(world, by, (slot) => ({ ...slot, app: { ...slot.app, handles: slot.app.handles.map((g, j) => (j === SERVER ? generation : g)) } }));
  return { world: next, outcome: outcome(`DEAD(${generation})`, `the server is #${SERVER}@${generation} now`) };
}

/** The server takes `client`'s message: the client waits for the reply, the server holds it. */
function rendezvous(world: World, client: number): { world: World; observations: Observation[] } {
  const server = currentInstance(world, SERVER);
  const asker = currentInstance(world, client);
  let next = withState(world, client, (s) => ({ ...s, blocked: { kind: 'reply', peer: server } }));
  next = withState(next, SERVER, (s) => ({ ...s, blocked: undefined, held: [...(s.held ?? []), asker] }));
  return { world: next, observations: [{ type: 'reached', what: 'request', intended: named(world, client), actual: server }] };
}

const handlers = {
  send: (world: World, { by }: Extract<HubrisAction, { type: 'send' }>): StepResult => {
    if (named(world, by).generation !== currentInstance(world, SERVER).generation) return dead(world, by);
    if (stateOf(world, SERVER).blocked?.kind === 'recv' && statusAt(world, SERVER) === 'running') {
      const met = rendezvous(world, by);
      return { world: met.world, outcome: outcome('SUCCESS', 'the server was receiving: delivered, now waiting for the reply', met.observations) };
    }
    const next = withState(world, by, (s) => ({ ...s, blocked: { kind: 'send', peer: named(world, by), passed: 0 } }));
    return { world: next, outcome: outcome('WAITING', 'the server is not receiving: blocked in InSend') };
  },

  post: (world: World, { by }: Extract<HubrisAction, { type: 'post' }>): StepResult => {
    if (named(world, by).generation !== currentInstance(world, SERVER).generation) return dead(world, by);
    const server = currentInstance(world, SERVER);
    if (stateOf(world, SERVER).blocked?.kind === 'recv' && statusAt(world, SERVER) === 'running') {
      const next = withState(world, SERVER, (s) => ({ ...s, blocked: undefined }));
      return { world: next, outcome: outcome('SUCCESS', 'the server was receiving: woken with the notification', [{ type: 'reached', what: 'notification', intended: named(world, by), actual: server }]) };
    }
    return { world: withState(world, SERVER, (s) => ({ ...s, bits: true })), outcome: outcome('SUCCESS', 'bit set in the server\'s notification word') };
  },

  recv: (world: World, { by }: Extract<HubrisAction, { type: 'recv' }>): StepResult => {
    const server = currentInstance(world, by);
    if (stateOf(world, by).bits === true) {
      const next = withState(world, by, (s) => ({ ...s, bits: undefined }));
      return { world: next, outcome: outcome('NOTIFIED', 'notification bits taken first', [{ type: 'reached', what: 'notification', intended: server, actual: server }]) };
    }
    const senders = world.processes.map((_, j) => j).filter((j) => isSendingTo(world, j, server));
    const [first, ...others] = senders;
    if (first === undefined) return { world: withState(world, by, (s) => ({ ...s, blocked: { kind: 'recv' } })), outcome: outcome('WAITING', 'no sender: blocked in InRecv') };
    let next = rendezvous(world, first);
    const observations = [...next.observations];
    for (const j of others) {
      const blocked = stateOf(world, j).blocked as Extract<Blocked, { kind: 'send' }>;
      const times = Math.min(blocked.passed + 1, world.params.clients + 1);
      next = { ...next, world: withState(next.world, j, (s) => ({ ...s, blocked: { ...blocked, passed: times } })) };
      observations.push({ type: 'passed-over', waiting: currentInstance(world, j), server, times });
    }
    return { world: next.world, outcome: outcome(`SUCCESS(${first})`, `took #${first}'s message, the first sender after #${by} in table order`, observations) };
  },

  borrow: (world: World, { by, from }: Extract<HubrisAction, { type: 'borrow' }>): StepResult => {
    const lender = (stateOf(world, by).held ?? []).find((i) => i.index === from)!;
    if (currentInstance(world, from).generation !== lender.generation) return { world, outcome: outcome(`DEAD(${currentInstance(world, from).generation})`, `#${from} restarted: the lease is gone`) };
    const blocked = stateOf(world, from).blocked;
    if (statusAt(world, from) !== 'running' || blocked?.kind !== 'reply' || !sameInstance(blocked.peer, currentInstance(world, by))) {
      return { world, outcome: outcome('DEFECT', `#${from} no longer waits for #${by}'s reply`) };
    }
    return {
      world,
      outcome: outcome('SUCCESS', `the kernel copied into ${formatInstance(lender)}'s lease`, [{ type: 'reached', what: 'pointer', intended: lender, actual: currentInstance(world, from) }]),
    };
  },

  reply: (world: World, { by, to }: Extract<HubrisAction, { type: 'reply' }>): StepResult => {
    const asker = (stateOf(world, by).held ?? []).find((i) => i.index === to)!;
    const next = withState(world, by, (s) => ({ ...s, held: (s.held ?? []).filter((i) => i !== asker) }));
    const blocked = stateOf(world, to).blocked;
    const client = currentInstance(world, to);
    const waiting = sameInstance(asker, client) && statusAt(world, to) === 'running' && blocked?.kind === 'reply' && sameInstance(blocked.peer, currentInstance(world, by));
    if (!waiting) return { world: next, outcome: outcome('SUCCESS', `${formatInstance(asker)} is not waiting for this reply: dropped silently`) };
    const observations: Observation[] = [
      { type: 'reached', what: 'response', intended: asker, actual: client },
      { type: 'answered', to: client, from: currentInstance(world, by), matches: true },
    ];
    return { world: withState(next, to, (s) => ({ ...s, blocked: undefined })), outcome: outcome('SUCCESS', `${formatInstance(client)} has its reply`, observations) };
  },

  fault: (world: World, { process }: Extract<HubrisAction, { type: 'fault' }>): StepResult => {
    const kept = stateOf(world, process);
    const result = fault(world, process);
    // A Hubris fault keeps the task's state for the supervisor, and wakes no peer.
    return { ...result, world: withSlot(result.world, process, (slot) => ({ ...slot, ipc: kept })) };
  },

  /** `reinit_task`: a new generation, its notifications cleared; every running task blocked on the old one wakes with the dead code. */
  restart: (world: World, action: Extract<HubrisAction, { type: 'restart' }>): StepResult => {
    const old = currentInstance(world, action.process);
    const result = restart(world, action);
    const generation = currentInstance(result.world, action.process).generation;
    let next = result.world;
    const woken: number[] = [];
    for (let j = 0; j < world.processes.length; j++) {
      const blocked = stateOf(next, j).blocked;
      if (j === action.process || statusAt(next, j) !== 'running' || blocked === undefined || blocked.kind === 'recv' || !sameInstance(blocked.peer, old)) continue;
      woken.push(j);
      next = withState(next, j, (s) => ({ ...s, blocked: undefined }));
      if (action.process === SERVER) next = withSlot(next, j, (slot) => ({ ...slot, app: { ...slot.app, handles: slot.app.handles.map((g, i) => (i === SERVER ? generation : g)) } }));
    }
    const note = woken.length === 0 ? result.outcome.note : `${result.outcome.note}; ${woken.map((j) => `#${j}`).join(', ')} woken with the dead code`;
    return { world: next, outcome: outcome('RESTARTED', note) };
  },
};

/** True iff slot `j` is blocked sending to exactly `server` (index and generation). */
function isSendingTo(world: World, j: number, server: Instance): boolean {
  const blocked = stateOf(world, j).blocked;
  return statusAt(world, j) === 'running' && blocked?.kind === 'send' && sameInstance(blocked.peer, server);
}

/**
 * The actions of slot `by`: if running and not blocked, a client sends
 * or posts; the server receives, borrows the lease of each client it
 * holds and replies to each, in slot order. Then the kernel's: a fault
 * (blocked or not: the supervisor's FaultTask, kipc.rs:193-218, faults any
 * task) and a restart, within the restart bound.
 */
function enabledAt(world: World, by: number): HubrisAction[] {
  const actions: HubrisAction[] = [];
  const state = stateOf(world, by);
  const free = statusAt(world, by) === 'running' && state.blocked === undefined;
  if (free && by !== SERVER) actions.push({ type: 'send', by }, { type: 'post', by });
  if (free && by === SERVER) {
    actions.push({ type: 'recv', by });
    const held = [...new Set((state.held ?? []).map((i) => i.index))].sort((a, b) => a - b);
    for (const from of held) actions.push({ type: 'borrow', by, from });
    for (const to of held) actions.push({ type: 'reply', by, to });
  }
  const withinBound = slotAt(world, by).lifecycle.context.generation < world.params.restarts;
  if (statusAt(world, by) === 'running' && withinBound) actions.push({ type: 'fault', process: by });
  if (withinBound) actions.push({ type: 'restart', process: by });
  return actions;
}

export const hubris = defineDesign({
  id: 'hubris',
  summary: "Hubris's synchronous send/receive/reply (sys/kern): ids with generations, kernel-copied leases, notification bits",
  kinds,
  handlers,
  results: ['SUCCESS', 'DEAD', 'WAITING', 'NOTIFIED', 'DEFECT', 'FAULT', 'RESTARTED'],
  emits: ['reached:request', 'reached:response', 'reached:pointer', 'reached:notification', 'answered', 'passed-over'],
  inapplicable: {
    isolation: 'the kernel copies leases (umem.rs safe_copy); no process is given access to another\'s memory',
    'graceful-exhaustion': 'no pointer is handed over and no region made: leases are borrowed through the kernel',
    revocation: 'no region is ever made for another process\'s memory, so none can outlive a call',
    discovery: 'task ids are fixed at build time (task_slot!, resolved by xtask dist); nothing is looked up at run time',
  },
  enabledAt,
  shares: () => [],
});
