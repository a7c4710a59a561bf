import { actionKind, choiceField, slotField, type ActionOf } from '../../action-kind.ts';
import { defineDesign } from '../../define-design.ts';
import { integerParam } from '../../design-params.ts';
import type { StepResult } from '../../design.ts';
import { formatInstance, sameInstance, type Instance } from '../../instance.ts';
import { KERNEL_KINDS } from '../../kernel-kinds.ts';
import { restart } from '../../kernel-steps.ts';
import { outcome, type Observation } from '../../outcome.ts';
import { currentInstance, NO_IPC_STATE, slotAt, statusAt, withSlotIpc, withWorldIpc, type IpcState, type World } from '../../world.ts';

/**
 * Design `threadx-queue`: ThreadX's message queues (eclipse-threadx/threadx
 * at 7ad78c40, common/src/tx_queue_*.c), adapted to Tock's world.
 *
 * Followed from the source: a queue holds `capacity` fixed-size messages
 * in FIFO order (tx_queue_create.c:99); a message carries no sender
 * identity, only the words the app wrote (tx_queue.h:91-99). Send with
 * room hands the message to the first suspended receiver if there is one
 * (tx_queue_send.c:184-237), else enqueues it; full, it returns
 * TX_QUEUE_FULL with TX_NO_WAIT (403-421) or suspends the sender at the
 * tail of the queue's suspension list (309-350). Receive takes the head;
 * the first suspended sender's message then moves into the queue and that
 * sender returns TX_SUCCESS (tx_queue_receive.c:250-364); empty, it returns
 * TX_QUEUE_EMPTY or suspends. A timeout returns TX_QUEUE_FULL when the
 * queue holds messages, else TX_QUEUE_EMPTY, whatever the thread was doing
 * (tx_queue_cleanup.c:167-209). Flush discards every message and resumes
 * the suspended senders with TX_SUCCESS without ever copying theirs in
 * (tx_queue_flush.c:100-186). A terminated thread leaves the suspension
 * list, not resumed (tx_thread_terminate.c:198-232); queues outlive it.
 *
 * Adapted to Tock: the board creates the queues at boot from kernel
 * memory, as a ThreadX application creates them in
 * `tx_application_define`: one request queue served by slot 0 and one
 * reply queue per client, holding one message. That fixed table is the
 * answer to discovery, which ThreadX leaves to the application (queues
 * are named by pointer), so `discovery` is n/a. A client writes its slot
 * index into its request (the message carries nothing else), and the
 * service replies into that index's queue. A timeout becomes a kernel step
 * that may end any wait (`TX_WAIT_FOREVER` is the run in which it never
 * comes); a Tock restart is `tx_thread_terminate` then
 * `tx_thread_reset`. Messages are copied words, so no memory is shared and
 * no MPU region made: `isolation`, `revocation` and
 * `graceful-exhaustion` are n/a. The queues are FIFO, so no server
 * chooses among waiting clients: `fairness` is n/a. Apps follow the
 * request-reply convention: a client asks, then receives its reply; the
 * service receives, replies to each client it heard from, and may flush.
 *
 * Ghost fields the properties judge: each message records its sender
 * instance and the instance it is meant for (a request: the service
 * running when it was sent; a reply: the client instance that asked).
 */

const kinds = {
  /** tx_queue_send of a request to the service's queue, with TX_NO_WAIT or a wait option. */
  send: actionKind({ fields: { by: slotField, wait: choiceField('no-wait', 'wait') }, actor: 'by', by: 'process', format: (x) => `#${x.by} sends a request (${x.wait})` }),
  /** tx_queue_receive from the caller's own queue: the service's request queue, a client's reply queue. */
  receive: actionKind({ fields: { by: slotField, wait: choiceField('no-wait', 'wait') }, actor: 'by', by: 'process', format: (x) => `#${x.by} receives (${x.wait})` }),
  /** The service's tx_queue_send (TX_NO_WAIT) of a reply into the reply queue of client `to`. */
  reply: actionKind({ fields: { by: slotField, to: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} replies to #${x.to}` }),
  /** The service's tx_queue_flush of its request queue. */
  flush: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} flushes its request queue` }),
  /** The timeout of `process`'s suspended call expires. */
  'time-out': actionKind({ fields: { process: slotField }, actor: 'process', by: 'kernel', format: (x) => `the wait of #${x.process} times out` }),
  restart: KERNEL_KINDS.restart,
};

type QueueAction = ActionOf<typeof kinds>;

/** The request queue's capacity, in messages. */
const capacity = integerParam('capacity', { doc: "messages the service's request queue holds (reply queues hold one)", min: 1, max: 4, default: 2 });

/** A message in a queue, as ghost data: who sent it and which instance it is meant for. */
interface Message {
  readonly from: Instance;
  readonly to: Instance;
}

/** A thread on a queue's suspension list: a sender with the message it waits to enqueue, or a receiver. */
type Waiter = { readonly index: number; readonly role: 'send'; readonly message: Message } | { readonly index: number; readonly role: 'receive' };

interface Queue {
  readonly messages: readonly Message[];
  readonly suspended: readonly Waiter[];
}

/** The kernel-wide state: each queue by the slot that receives from it (0: the request queue; c: client c's reply queue). */
interface Queues extends IpcState {
  readonly queues?: Readonly<Record<string, Queue>>;
}

/** A process's own state: the service's requests taken and not yet answered; a client's request outstanding. */
interface Own extends IpcState {
  readonly owed?: readonly Instance[];
  readonly asked?: true;
}

const SERVICE = 0;
const EMPTY: Queue = { messages: [], suspended: [] };

const queueOf = (world: World, reader: number): Queue => (world.ipc as Queues).queues?.[reader] ?? EMPTY;
const ownOf = (world: World, index: number): Own => slotAt(world, index).ipc as Own;
const limitOf = (world: World, reader: number): number => (reader === SERVICE ? capacity.of(world) : 1);

function withQueue(world: World, reader: number, queue: Queue): World {
  return withWorldIpc(world, (ipc) => {
    const { [reader]: _old, ...others } = (ipc as Queues).queues ?? {};
    const queues = queue.messages.length === 0 && queue.suspended.length === 0 ? others : { ...others, [reader]: queue };
    return Object.keys(queues).length === 0 ? NO_IPC_STATE : { queues };
  });
}

function withOwn(world: World, index: number, f: (state: Own) => Own): World {
  return withSlotIpc(world, index, f);
}

/** The queue `index` is suspended on, or null. */
function suspendedOn(world: World, index: number): number | null {
  for (const [reader, queue] of Object.entries((world.ipc as Queues).queues ?? {})) {
    if (queue.suspended.some((w) => w.index === index)) return Number(reader);
  }
  return null;
}

/** What arriving at its reader does with `message`: the service takes a request (and owes a reply); a client takes its reply. */
function arrived(world: World, reader: number, message: Message): { world: World; observations: Observation[] } {
  const actual = currentInstance(world, reader);
  if (reader === SERVICE) {
    const next = withOwn(world, SERVICE, (own) => ({ ...own, owed: [...(own.owed ?? []), message.from] }));
    return { world: next, observations: [{ type: 'reached', what: 'request', intended: message.to, actual }] };
  }
  const asked = ownOf(world, reader).asked === true;
  const next = withOwn(world, reader, (own) => ({ ...own, asked: undefined }));
  const observations: Observation[] = [{ type: 'reached', what: 'response', intended: message.to, actual }];
  if (asked) observations.push({ type: 'answered', to: actual, from: message.from, matches: sameInstance(message.to, actual) });
  return { world: next, observations };
}

/** A sender's message now in the queue or handed over: a client's request counts as asked. */
function sent(world: World, message: Message): World {
  return message.to.index === SERVICE ? withOwn(world, message.from.index, (own) => ({ ...own, asked: true })) : world;
}

/** tx_queue_send of `message` into `reader`'s queue by `by`, waiting or not. */
function sendTo(world: World, by: number, reader: number, message: Message, wait: 'no-wait' | 'wait'): StepResult {
  const queue = queueOf(world, reader);
  const receiver = queue.suspended[0];
  if (receiver !== undefined && receiver.role === 'receive') {
    const handed = arrived(withQueue(world, reader, { ...queue, suspended: queue.suspended.slice(1) }), reader, message);
    return { world: sent(handed.world, message), outcome: outcome('SUCCESS', `handed to #${reader}, which was waiting, and resumed it`, handed.observations) };
  }
  if (queue.messages.length < limitOf(world, reader)) {
    return { world: sent(withQueue(world, reader, { ...queue, messages: [...queue.messages, message] }), message), outcome: outcome('SUCCESS', `queued for #${reader}`) };
  }
  if (wait === 'no-wait') return { world, outcome: outcome('QUEUE_FULL', `#${reader}'s queue is full`) };
  return { world: withQueue(world, reader, { ...queue, suspended: [...queue.suspended, { index: by, role: 'send', message }] }), outcome: outcome('WAITING', `#${reader}'s queue is full: #${by} suspends`) };
}

const handlers = {
  send: (world: World, { by, wait }: Extract<QueueAction, { type: 'send' }>) => sendTo(world, by, SERVICE, { from: currentInstance(world, by), to: currentInstance(world, SERVICE) }, wait),

  receive: (world: World, { by, wait }: Extract<QueueAction, { type: 'receive' }>): StepResult => {
    const queue = queueOf(world, by);
    const [head, ...rest] = queue.messages;
    if (head === undefined) {
      if (wait === 'no-wait') return { world, outcome: outcome('QUEUE_EMPTY', 'nothing queued') };
      return { world: withQueue(world, by, { ...queue, suspended: [...queue.suspended, { index: by, role: 'receive' }] }), outcome: outcome('WAITING', `#${by} suspends until a message comes`) };
    }
    const sender = queue.suspended[0];
    const moved = sender?.role === 'send';
    const after: Queue = moved ? { messages: [...rest, sender.message], suspended: queue.suspended.slice(1) } : { ...queue, messages: rest };
    let next = withQueue(world, by, after);
    if (moved) next = sent(next, sender.message);
    const taken = arrived(next, by, head);
    const note = `took the message from ${formatInstance(head.from)}${moved ? `; #${sender.index}'s waiting message moved in, and it returns SUCCESS` : ''}`;
    return { world: taken.world, outcome: outcome('SUCCESS', note, taken.observations) };
  },

  reply: (world: World, { by, to }: Extract<QueueAction, { type: 'reply' }>): StepResult => {
    const owed = ownOf(world, by).owed ?? [];
    const asker = owed.find((i) => i.index === to)!;
    const result = sendTo(world, by, to, { from: currentInstance(world, by), to: asker }, 'no-wait');
    if (result.outcome.result === 'QUEUE_FULL') return result;
    return { ...result, world: withOwn(result.world, by, (own) => ({ ...own, owed: owed.filter((i) => i !== asker) })) };
  },

  flush: (world: World, { by }: Extract<QueueAction, { type: 'flush' }>): StepResult => {
    const queue = queueOf(world, by);
    if (queue.messages.length === 0) return { world, outcome: outcome('SUCCESS', 'the queue is empty: nothing flushed') };
    const senders = queue.suspended.filter((w): w is Extract<Waiter, { role: 'send' }> => w.role === 'send');
    const dropped = [...queue.messages, ...senders.map((w) => w.message)];
    const service = currentInstance(world, by);
    const observations: Observation[] = dropped
      .filter((m) => sameInstance(m.to, service))
      .map(() => ({ type: 'lost', what: 'request', at: service, cause: 'flushed' }));
    const next = senders.reduce((w, s) => sent(w, s.message), withQueue(world, by, EMPTY));
    const note = `${queue.messages.length} message(s) discarded${senders.length > 0 ? `; ${senders.length} waiting sender(s) resumed with SUCCESS, their messages dropped` : ''}`;
    return { world: next, outcome: outcome('SUCCESS', note, observations) };
  },

  'time-out': (world: World, { process }: Extract<QueueAction, { type: 'time-out' }>): StepResult => {
    const reader = suspendedOn(world, process)!;
    const queue = queueOf(world, reader);
    const next = withQueue(world, reader, { ...queue, suspended: queue.suspended.filter((w) => w.index !== process) });
    return { world: next, outcome: outcome(queue.messages.length > 0 ? 'QUEUE_FULL' : 'QUEUE_EMPTY', `#${process} stops waiting`) };
  },

  /** tx_thread_terminate then reset: off every suspension list, not resumed; the queues keep their messages. */
  restart: (world: World, action: Extract<QueueAction, { type: 'restart' }>): StepResult => {
    const reader = suspendedOn(world, action.process);
    const off = reader === null ? world : withQueue(world, reader, { ...queueOf(world, reader), suspended: queueOf(world, reader).suspended.filter((w) => w.index !== action.process) });
    return restart(off, action);
  },
};

/**
 * The actions of slot `by`: if running and not suspended, a client with no
 * request outstanding sends one (without and with waiting), one with a
 * request outstanding receives (without and with waiting); the service
 * receives (both ways), replies to each client it owes, in slot order, and
 * flushes. Then the kernel's: the timeout of a suspended call, a restart
 * within the bound.
 */
function enabledAt(world: World, by: number): QueueAction[] {
  const actions: QueueAction[] = [];
  const suspended = suspendedOn(world, by) !== null;
  if (statusAt(world, by) === 'running' && !suspended) {
    const own = ownOf(world, by);
    if (by === SERVICE) {
      actions.push({ type: 'receive', by, wait: 'no-wait' }, { type: 'receive', by, wait: 'wait' });
      for (const to of [...new Set((own.owed ?? []).map((i) => i.index))].sort((a, b) => a - b)) actions.push({ type: 'reply', by, to });
      actions.push({ type: 'flush', by });
    } else if (own.asked === true) {
      actions.push({ type: 'receive', by, wait: 'no-wait' }, { type: 'receive', by, wait: 'wait' });
    } else {
      actions.push({ type: 'send', by, wait: 'no-wait' }, { type: 'send', by, wait: 'wait' });
    }
  }
  if (suspended) actions.push({ type: 'time-out', process: by });
  if (slotAt(world, by).lifecycle.context.generation < world.params.restarts) actions.push({ type: 'restart', process: by });
  return actions;
}

export const threadxQueue = defineDesign({
  id: 'threadx-queue',
  summary: "ThreadX's message queues (tx_queue_*.c): FIFO, no sender identity, suspension lists, flush; board-made request and reply queues",
  kinds,
  handlers,
  params: [capacity],
  results: ['SUCCESS', 'QUEUE_FULL', 'QUEUE_EMPTY', 'WAITING', 'RESTARTED'],
  emits: ['reached:request', 'reached:response', 'lost:request', 'answered'],
  // The requests a flush of the service's queue drops.
  losses: ['flushed'],
  inapplicable: {
    isolation: 'messages are copied words: no process is given access to another\'s memory',
    'graceful-exhaustion': 'no pointer is handed over and no region made',
    revocation: 'no region is ever made for another process\'s memory',
    fairness: 'queues are FIFO: no server chooses among waiting clients',
    discovery: 'the board creates the queues at boot (as tx_application_define does); nothing is looked up',
  },
  enabledAt,
  shares: () => [],
});
