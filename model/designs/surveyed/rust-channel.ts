import { actionKind, choiceField, slotField, type ActionOf } from '../../action-kind.ts';
import { defineDesign } from '../../define-design.ts';
import { integerParam } from '../../design-params.ts';
import type { StepResult } from '../../design.ts';
import { formatInstance, sameInstance, type Instance } from '../../instance.ts';
import { KERNEL_KINDS } from '../../kernel-kinds.ts';
import { restart } from '../../kernel-steps.ts';
import { outcome, type Observation } from '../../outcome.ts';
import { currentInstance, slotAt, statusAt, withSlotIpc, type IpcState, type World } from '../../world.ts';

/**
 * Design `rust-channel`: Rust's bounded channels, `std::sync::mpsc::sync_channel`
 * (https://doc.rust-lang.org/std/sync/mpsc/fn.sync_channel.html), adapted
 * to Tock's world.
 *
 * Followed from the documentation: a channel buffers `bound` messages;
 * `send` blocks while the buffer is full (with bound 0 until a receiver
 * takes the message: a rendezvous), `try_send` returns `Full` instead;
 * both return the message in an error once the receiving half is gone
 * (`SendError`, `TrySendError::Disconnected`). `recv` blocks while the
 * channel is empty, `try_recv` returns `Empty`; messages sent before the
 * senders disconnect are still received. One receiver per channel,
 * senders cloned freely.
 *
 * Adapted to Tock: the board would create the channels, and a process's
 * ends live in its grant, so a restart drops them. The service's
 * receiver is dropped with the instance that held it, and with it the
 * messages buffered for it; a sender holding its old channel gets
 * `Disconnected` from then on. Discovery, which Rust leaves to whoever
 * hands out the senders, is the board's `connect`: it hands a client a
 * sender to the channel of the service instance now running. A request carries a sender to the client's reply
 * channel, whose receiver the client instance holds, so a reply reaches
 * that instance or fails with `Disconnected`. Which blocked sender a
 * freed buffer slot goes to, std does not say: the lowest slot here.
 * Messages are moved values, no memory is shared: `isolation`,
 * `revocation` and `graceful-exhaustion` are n/a; receivers take FIFO, no
 * choice among senders: `fairness` is n/a.
 */

const kinds = {
  /** The board hands the client a sender to the running service's channel. */
  connect: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} connects to the service` }),
  /** `send` (blocking) or `try_send` of a request, which carries a sender to the client's reply channel. */
  send: actionKind({ fields: { by: slotField, call: choiceField('send', 'try_send') }, actor: 'by', by: 'process', format: (x) => `#${x.by} ${x.call}s a request` }),
  /** `recv` (blocking) or `try_recv` on the caller's own receiver: the service's requests, a client's replies. */
  receive: actionKind({ fields: { by: slotField, call: choiceField('recv', 'try_recv') }, actor: 'by', by: 'process', format: (x) => `#${x.by} ${x.call}s` }),
  /** The service sends the reply (`try_send`) on the reply sender the request of client `to` carried. */
  reply: actionKind({ fields: { by: slotField, to: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} replies to #${x.to}` }),
  restart: KERNEL_KINDS.restart,
};

type ChannelAction = ActionOf<typeof kinds>;

const bound = integerParam('bound', { doc: "the request channel's buffer, in messages (0: a rendezvous channel)", min: 0, max: 3, default: 1 });

/** A message: who sent it, and the instance whose receiver it was sent to. */
interface Message {
  readonly from: Instance;
  readonly to: Instance;
}

/**
 * A process's ends and what they hold. The service: its receiver's buffer and the reply senders of
 * requests it took. A client: the service instance its sender's channel belongs to, its reply buffer,
 * whether a request is outstanding. Either: where it blocks, with the message a blocked sender holds.
 */
interface Ends extends IpcState {
  readonly buffer?: readonly Message[];
  readonly owed?: readonly Instance[];
  readonly sender?: number;
  readonly asked?: true;
  readonly blocked?: { readonly on: 'send'; readonly message: Message } | { readonly on: 'recv' };
}

const SERVICE = 0;

const endsOf = (world: World, index: number): Ends => slotAt(world, index).ipc as Ends;

function withEnds(world: World, index: number, f: (state: Ends) => Ends): World {
  return withSlotIpc(world, index, f);
}

const capacityOf = (world: World, reader: number): number => (reader === SERVICE ? bound.of(world) : 1);
const isReceiving = (world: World, reader: number): boolean => endsOf(world, reader).blocked?.on === 'recv';

/** `message` taken by its reader: the service then owes a reply; a client has its answer. */
function taken(world: World, reader: number, message: Message): { world: World; observations: Observation[] } {
  const actual = currentInstance(world, reader);
  if (reader === SERVICE) {
    const next = withEnds(world, SERVICE, (e) => ({ ...e, owed: [...(e.owed ?? []), message.from] }));
    return { world: next, observations: [{ type: 'reached', what: 'request', intended: message.to, actual }] };
  }
  const next = withEnds(world, reader, (e) => ({ ...e, asked: undefined }));
  return {
    world: next,
    observations: [
      { type: 'reached', what: 'response', intended: message.to, actual },
      { type: 'answered', to: actual, from: message.from, matches: sameInstance(message.to, actual) },
    ],
  };
}

/** A request now in the channel or taken: the client counts it asked. */
const sent = (world: World, message: Message): World => (message.to.index === SERVICE ? withEnds(world, message.from.index, (e) => ({ ...e, asked: true })) : world);

/** A send on a live channel to `reader`: hand-off to a blocked receiver, room in the buffer, else Full or block. */
function sendTo(world: World, by: number, reader: number, message: Message, blocking: boolean): StepResult {
  if (isReceiving(world, reader)) {
    const met = taken(withEnds(world, reader, (e) => ({ ...e, blocked: undefined })), reader, message);
    return { world: sent(met.world, message), outcome: outcome('SUCCESS', `handed to #${reader}, which was receiving`, met.observations) };
  }
  const buffer = endsOf(world, reader).buffer ?? [];
  if (buffer.length < capacityOf(world, reader)) return { world: sent(withEnds(world, reader, (e) => ({ ...e, buffer: [...buffer, message] })), message), outcome: outcome('SUCCESS', `buffered for #${reader}`) };
  if (!blocking) return { world, outcome: outcome('FULL', `#${reader}'s channel is full`) };
  return { world: withEnds(world, by, (e) => ({ ...e, blocked: { on: 'send', message } })), outcome: outcome('WAITING', `#${by} blocks until #${reader} takes a message`) };
}

/** Slots blocked sending to the live instance in `reader`, lowest first. */
function blockedSenders(world: World, reader: number): number[] {
  const to = currentInstance(world, reader);
  return world.processes.map((_, j) => j).filter((j) => {
    const blocked = endsOf(world, j).blocked;
    return statusAt(world, j) === 'running' && blocked?.on === 'send' && sameInstance(blocked.message.to, to);
  });
}

/** True iff `instance` is the one running in its slot: its receiver, and the reply senders it holds, still exist. */
const isAlive = (world: World, instance: Instance): boolean => sameInstance(instance, currentInstance(world, instance.index)) && statusAt(world, instance.index) === 'running';

/** A client told its channel is gone drops its sender and the request it waited on. */
const forget = (world: World, client: number): World => withEnds(world, client, (e) => ({ ...e, sender: undefined, asked: undefined }));

const handlers = {
  connect: (world: World, { by }: Extract<ChannelAction, { type: 'connect' }>): StepResult => {
    // Processes here end only by a restart, which starts them again at once: the service is always running.
    const service = currentInstance(world, SERVICE);
    const observations: Observation[] = [{ type: 'discovered', by: currentInstance(world, by), name: slotAt(world, SERVICE).name, found: service, live: statusAt(world, SERVICE) === 'running' }];
    return { world: withEnds(world, by, (e) => ({ ...e, sender: service.generation })), outcome: outcome('SUCCESS', `a sender to ${formatInstance(service)}'s channel`, observations) };
  },

  send: (world: World, { by, call }: Extract<ChannelAction, { type: 'send' }>): StepResult => {
    const to: Instance = { index: SERVICE, generation: endsOf(world, by).sender! };
    if (!isAlive(world, to)) {
      return { world: forget(world, by), outcome: outcome('DISCONNECTED', `${formatInstance(to)}'s receiver is gone: the request comes back`) };
    }
    return sendTo(world, by, SERVICE, { from: currentInstance(world, by), to }, call === 'send');
  },

  receive: (world: World, { by, call }: Extract<ChannelAction, { type: 'receive' }>): StepResult => {
    const [head, ...rest] = endsOf(world, by).buffer ?? [];
    if (by !== SERVICE && head === undefined && !isAlive(world, { index: SERVICE, generation: endsOf(world, by).sender! })) {
      return { world: forget(world, by), outcome: outcome('DISCONNECTED', 'the reply sender was dropped with the service instance that held it') };
    }
    const [first] = blockedSenders(world, by);
    const waiting = first === undefined ? undefined : (endsOf(world, first).blocked as Extract<Ends['blocked'], { on: 'send' }>);
    if (head === undefined && waiting === undefined) {
      if (call === 'try_recv') return { world, outcome: outcome('EMPTY', 'nothing to receive') };
      return { world: withEnds(world, by, (e) => ({ ...e, blocked: { on: 'recv' } })), outcome: outcome('WAITING', `#${by} blocks until a message comes`) };
    }
    // The head comes first; a blocked sender's message then takes the freed slot (or, with nothing buffered, is taken itself).
    const message = head ?? waiting!.message;
    let next = withEnds(world, by, (e) => ({ ...e, buffer: head === undefined ? rest : waiting === undefined ? rest : [...rest, waiting.message] }));
    if (waiting !== undefined) next = sent(withEnds(next, first!, (e) => ({ ...e, blocked: undefined })), waiting.message);
    const got = taken(next, by, message);
    return { world: got.world, outcome: outcome('SUCCESS', `took ${formatInstance(message.from)}'s message${waiting === undefined ? '' : `; #${first} unblocked`}`, got.observations) };
  },

  reply: (world: World, { by, to }: Extract<ChannelAction, { type: 'reply' }>): StepResult => {
    const owed = endsOf(world, by).owed ?? [];
    const asker = owed.find((i) => i.index === to)!;
    const next = withEnds(world, by, (e) => ({ ...e, owed: owed.filter((i) => i !== asker) }));
    if (!sameInstance(asker, currentInstance(world, to)) || statusAt(world, to) !== 'running') {
      return { world: next, outcome: outcome('DISCONNECTED', `${formatInstance(asker)}'s reply receiver is gone`) };
    }
    return sendTo(next, by, to, { from: currentInstance(world, by), to: asker }, false);
  },

  /**
   * The ends the instance held are dropped with its grant: a sender blocked on its channel wakes
   * with SendError; a client blocked on the reply the service instance owed it wakes with RecvError.
   */
  restart: (world: World, action: Extract<ChannelAction, { type: 'restart' }>): StepResult => {
    const old = currentInstance(world, action.process);
    const receiving = action.process !== SERVICE ? [] : world.processes.map((_, j) => j).filter((j) => j !== SERVICE && endsOf(world, j).blocked?.on === 'recv' && endsOf(world, j).sender === old.generation);
    const woken = [...blockedSenders(world, action.process), ...receiving].sort((a, b) => a - b);
    const unblocked = woken.reduce((w, j) => forget(withEnds(w, j, (e) => ({ ...e, blocked: undefined })), j), world);
    const result = restart(unblocked, action);
    const note = woken.length === 0 ? result.outcome.note : `${result.outcome.note}; ${woken.map((j) => `#${j}`).join(', ')} woken with the error`;
    return { ...result, outcome: outcome('RESTARTED', note) };
  },
};

/**
 * The actions of slot `by`: if running and not blocked, a client without
 * a sender (at its start, or once an error told it its channel is gone)
 * connects; with one, and no request outstanding, it sends (blocking, then
 * trying); with one outstanding it receives (both ways). The service
 * receives (both ways) and replies to each client it owes, in slot order.
 * Then a restart within the bound.
 */
function enabledAt(world: World, by: number): ChannelAction[] {
  const actions: ChannelAction[] = [];
  const ends = endsOf(world, by);
  if (statusAt(world, by) === 'running' && ends.blocked === undefined) {
    if (by === SERVICE) {
      actions.push({ type: 'receive', by, call: 'recv' }, { type: 'receive', by, call: 'try_recv' });
      for (const to of [...new Set((ends.owed ?? []).map((i) => i.index))].sort((a, b) => a - b)) actions.push({ type: 'reply', by, to });
    } else {
      if (ends.sender === undefined) actions.push({ type: 'connect', by });
      if (ends.sender !== undefined && ends.asked !== true) actions.push({ type: 'send', by, call: 'send' }, { type: 'send', by, call: 'try_send' });
      if (ends.asked === true) actions.push({ type: 'receive', by, call: 'recv' }, { type: 'receive', by, call: 'try_recv' });
    }
  }
  if (slotAt(world, by).lifecycle.context.generation < world.params.restarts) actions.push({ type: 'restart', process: by });
  return actions;
}

export const rustChannel = defineDesign({
  id: 'rust-channel',
  summary: "Rust's bounded channels (std::sync::mpsc::sync_channel): blocking and trying sends, ends dropped with their process",
  kinds,
  handlers,
  params: [bound],
  results: ['SUCCESS', 'FULL', 'EMPTY', 'WAITING', 'DISCONNECTED', 'RESTARTED'],
  emits: ['reached:request', 'reached:response', 'answered', 'discovered'],
  inapplicable: {
    isolation: 'messages are moved values: no process is given access to another\'s memory',
    'graceful-exhaustion': 'no pointer is handed over and no region made',
    revocation: 'no region is ever made for another process\'s memory',
    fairness: 'a receiver takes messages in order: no server chooses among waiting clients',
  },
  enabledAt,
  shares: () => [],
});
