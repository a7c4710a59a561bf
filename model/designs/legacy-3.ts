import { LEGACY_KINDS, type LegacyAction } from './legacy-kinds.ts';
import { slotField, type ActionOf } from '../action-kind.ts';
import { clientSymmetry } from '../symmetry.ts';
import { handlerRules, inSlotOrder, type Design, type Handler, type Share } from '../design.ts';
import { bufferSpan } from '../entitlement.ts';
import { formatInstance, type Instance } from '../instance.ts';
import { restart } from '../kernel-steps.ts';
import { mpuAfter, mpuAllows, mpuRanges } from '../mpu-machine.ts';
import { outcome, type Observation } from '../outcome.ts';
import { coversSpan } from '../spans.ts';
import type { Task } from '../task.ts';
import { isFull, taskQueueAfter } from '../task-queue-machine.ts';
import { currentInstance, isCurrent, slotAt, slotCount, withSlot, type World } from '../world.ts';

/**
 * Design `legacy-3`: the benchmark model, an abstraction of Tock 2.2's IPC,
 * written on the project's world and machines so that `explore` can be
 * compared with other engines (bench/) state for state.
 *
 * Slot 0 is the service, slots 1..C the clients; each client shares its
 * buffer 0 with the service and nothing else is shared. Every process stays
 * running: there is no yield, no subscription and no fault, so a world is
 * determined by exactly the fields of the benchmark's state:
 *
 * | benchmark field        | world                                              |
 * | ---------------------- | -------------------------------------------------- |
 * | gen[p]                 | generation of slot p's lifecycle                   |
 * | queue[p]               | slot p's task queue (IPC tasks only)               |
 * | discovered[c], discoveredGen[c] | client c's `app.handles[0]` (null: not discovered) |
 * | shared[c]              | client c's allow for slot 0                        |
 * | region[c]              | the service's MPU holds a region over c's buffer   |
 * | knowsPtr[c]            | c's buffer is among the service's `app.pointers`   |
 * | knownClientGen[c]      | the service's `app.handles[c]`                     |
 *
 * Ghost fields the world adds (a task's and an allow's `intended`) are
 * functions of that state, and lists are kept sorted, so distinct worlds
 * and distinct benchmark states correspond one to one. The MPU is
 * whichever `--arch` the world has; the benchmark's counts assume
 * `abstract`, whose `--regions` is R.
 */

/**
 * The legacy kinds but `subscribe`, `unsubscribe`, `yield-wait-for`,
 * `sbrk`, `use-driver`, `exit`, `stop` and `unstop`: legacy-3 has no
 * subscriptions, no process yields, memory use never moves, and processes
 * end only by faulting. Its IPC numbers name loaded processes only (slot
 * fields): it has no empty slots.
 */
const {
  subscribe: _subscribe,
  unsubscribe: _unsubscribe,
  'yield-wait-for': _yieldWaitFor,
  sbrk: _sbrk,
  'use-driver': _useDriver,
  exit: _exit,
  stop: _stop,
  unstop: _unstop,
  discover: legacyDiscover,
  share: legacyShare,
  unallow: legacyUnallow,
  notify: legacyNotify,
  ...KERNEL_KINDS
} = LEGACY_KINDS;

const LEGACY3_KINDS = {
  discover: legacyDiscover,
  share: { ...legacyShare, fields: { ...legacyShare.fields, to: slotField } },
  unallow: { ...legacyUnallow, fields: { ...legacyUnallow.fields, to: slotField } },
  notify: { ...legacyNotify, fields: { ...legacyNotify.fields, to: slotField } },
  ...KERNEL_KINDS,
};

type Legacy3Action = ActionOf<typeof LEGACY3_KINDS>;

const SERVICE = 0;
const BUFFER = 0;

const handleOfService = (world: World, client: number) => slotAt(world, client).app.handles[SERVICE] ?? null;
const knownGeneration = (world: World, client: number) => slotAt(world, SERVICE).app.handles[client] ?? null;
const knowsPointer = (world: World, client: number) => slotAt(world, SERVICE).app.pointers.some((p) => p.owner === client);
const bufferOf = (world: World, client: number) => bufferSpan(world, { owner: client, buffer: BUFFER });

/** discover(c): the client learns the service's slot and generation. */
const discover: Handler<Extract<LegacyAction, { type: 'discover' }>> = (world, { by }) => {
  const generation = currentInstance(world, SERVICE).generation;
  const next = withSlot(world, by, (slot) => ({
    ...slot,
    app: { ...slot.app, handles: slot.app.handles.map((g, j) => (j === SERVICE ? generation : g)) },
  }));
  return { world: next, outcome: outcome(`SUCCESS(${SERVICE})`, `the service is #${SERVICE}@${generation}`) };
};

/** allow(c): the client's buffer goes into its allow for the service, meant for the service it discovered. */
const share: Handler<Extract<LegacyAction, { type: 'share' }>> = (world, { by }) => {
  const intended: Instance = { index: SERVICE, generation: handleOfService(world, by)! };
  const next = withSlot(world, by, (slot) => ({
    ...slot,
    grant: { ...slot.grant, allows: slot.grant.allows.map((a, j) => (j === SERVICE ? { buffer: BUFFER, intended } : a)) },
  }));
  return { world: next, outcome: outcome('SUCCESS', `b${BUFFER} shared with ${formatInstance(intended)}`) };
};

/** unallow(c): the allow is emptied; the service's region, if any, stays. */
const unallow: Handler<Extract<LegacyAction, { type: 'unallow' }>> = (world, { by }) => {
  const next = withSlot(world, by, (slot) => ({
    ...slot,
    grant: { ...slot.grant, allows: slot.grant.allows.map((a, j) => (j === SERVICE ? null : a)) },
  }));
  return { world: next, outcome: outcome('SUCCESS', 'allow emptied; no region removed') };
};

/** notifyService(c) and notifyClient(c): a task (sender, its generation, kind) at the target's tail, or NOMEM when full. */
const notify: Handler<Extract<LegacyAction, { type: 'notify' }>> = (world, { by, to, kind }) => {
  const target = slotAt(world, to);
  if (isFull(target.tasks)) return { world, outcome: outcome('NOMEM', `#${to}'s task queue is full`) };
  const task: Task = { kind: 'ipc', from: currentInstance(world, by), notify: kind, intended: currentInstance(world, to) };
  const next = withSlot(world, to, (slot) => ({ ...slot, tasks: taskQueueAfter(slot.tasks, { type: 'enqueue', task }) }));
  return { world: next, outcome: outcome('SUCCESS', `task queued at ${formatInstance(task.intended)}`) };
};

/**
 * deliver(p): the head task is dequeued; a task from a sender that
 * restarted since is dropped. At the service, a notification from client c
 * records c's generation and, if c shares its buffer, hands the pointer over
 * and maps the buffer when a region is free (failure ignored). At a client,
 * nothing changes. Either way the notification reaches the instance now in
 * p, which properties compare with the one its sender meant.
 */
const deliver: Handler<Extract<LegacyAction, { type: 'deliver' }>> = (world, { process }) => {
  const head = slotAt(world, process).tasks.context.tasks[0];
  if (head === undefined || head.kind !== 'ipc') return { world, outcome: outcome('IDLE', 'no task to dequeue') };
  const dequeued = withSlot(world, process, (slot) => ({ ...slot, tasks: taskQueueAfter(slot.tasks, { type: 'dequeue' }) }));
  const sender = head.from;
  if (!isCurrent(world, sender)) {
    return { world: dequeued, outcome: outcome('DROPPED', `task from ${formatInstance(sender)} dropped: the sender restarted since`) };
  }
  const at = currentInstance(world, process);
  if (process !== SERVICE) {
    const intended = { index: process, generation: knownGeneration(world, process) ?? at.generation };
    const observations: Observation[] = [{ type: 'reached', what: 'notification', intended, actual: at }];
    return { world: dequeued, outcome: outcome('UPCALL', `notification from the service runs in ${formatInstance(at)}`, observations) };
  }
  const client = sender.index;
  const intended = { index: SERVICE, generation: handleOfService(world, client) ?? at.generation };
  const observations: Observation[] = [{ type: 'reached', what: 'notification', intended, actual: at }];
  const shared = slotAt(world, client).grant.allows[SERVICE] != null;
  const span = bufferOf(world, client);
  const mpu = shared ? mpuAfter(slotAt(world, SERVICE).mpu, { type: 'allocate', request: { start: span.start, size: span.end - span.start } }) : slotAt(world, SERVICE).mpu;
  const next = withSlot(dequeued, SERVICE, (slot) => ({
    ...slot,
    mpu,
    app: {
      handles: slot.app.handles.map((g, j) => (j === client ? sender.generation : g)),
      pointers: shared && !knowsPointer(world, client) ? [...slot.app.pointers, { owner: client, buffer: BUFFER }].sort((a, b) => a.owner - b.owner) : slot.app.pointers,
    },
  }));
  if (shared) {
    observations.push({ type: 'map-request', to: at, ...span });
    const mapped = coversSpan(mpuRanges(mpu), span.start, span.end);
    // No `handover` observation: the benchmark judges an unmapped pointer at the access that faults, not when it is handed over.
    observations.push({ type: 'reached', what: mapped ? 'mapping' : 'pointer', intended, actual: at });
  }
  const note = shared ? `pointer to #${client}.b${BUFFER} handed over; ${mpu !== slotAt(world, SERVICE).mpu ? 'region added' : 'no region added'}` : `notification from #${client}, nothing shared`;
  return { world: next, outcome: outcome('UPCALL', note, observations) };
};

/** access(c): the service touches the first byte of c's buffer; the MPU's answer is observed, nothing changes. */
const access: Handler<Extract<LegacyAction, { type: 'access' }>> = (world, { by, addr }) => {
  const allowed = mpuAllows(slotAt(world, by).mpu, addr);
  const observations: Observation[] = [{ type: 'access', by: currentInstance(world, by), addr, allowed }];
  return { world, outcome: outcome(allowed ? 'OK' : 'FAULT', allowed ? 'the MPU allows it' : 'the MPU refuses it (legacy-3 does not model the fault)', observations) };
};

/** Every client's allow for the service, meant for the service instance it discovered. */
function shares(world: World): Share[] {
  const result: Share[] = [];
  for (let client = 1; client < slotCount(world); client++) {
    const allow = slotAt(world, client).grant.allows[SERVICE];
    if (allow != null) result.push({ owner: currentInstance(world, client), buffer: { owner: client, buffer: allow.buffer }, to: allow.intended });
  }
  return result;
}

/**
 * The actions of slot `index`, each only when its guard holds. The
 * service: for each client c, notifyClient(c) and access of c's buffer;
 * then deliver at it and restart it. A client c: discover, allow, unallow,
 * notifyService, deliver at c, restart c. Each slot's actions read only
 * that slot (the explorer memoises them per slot state).
 */
function enabledAt(world: World, index: number): Legacy3Action[] {
  const actions: Legacy3Action[] = [];
  const restartable = slotAt(world, index).lifecycle.context.generation < world.params.restarts;
  const hasTask = slotAt(world, index).tasks.context.tasks.length > 0;
  if (index === SERVICE) {
    for (let c = 1; c < slotCount(world); c++) {
      if (knownGeneration(world, c) !== null) actions.push({ type: 'notify', by: SERVICE, to: c, kind: 'client' });
      if (knowsPointer(world, c)) actions.push({ type: 'access', by: SERVICE, addr: bufferOf(world, c).start });
    }
    if (hasTask) actions.push({ type: 'deliver', process: SERVICE });
    if (restartable) actions.push({ type: 'restart', process: SERVICE });
    return actions;
  }
  const c = index;
  const discovered = handleOfService(world, c) !== null;
  const shared = slotAt(world, c).grant.allows[SERVICE] != null;
  if (!discovered) actions.push({ type: 'discover', by: c, name: slotAt(world, SERVICE).name });
  if (discovered && !shared) actions.push({ type: 'share', by: c, to: SERVICE, buffer: BUFFER });
  if (shared) actions.push({ type: 'unallow', by: c, to: SERVICE });
  if (discovered) actions.push({ type: 'notify', by: c, to: SERVICE, kind: 'service' });
  if (hasTask) actions.push({ type: 'deliver', process: c });
  if (restartable) actions.push({ type: 'restart', process: c });
  return actions;
}

export const legacy3: Design = {
  id: 'legacy-3',
  summary: 'the benchmark model: Tock 2.2 IPC abstracted (one service, clients sharing one buffer each)',
  kinds: LEGACY3_KINDS,
  rules: handlerRules<Legacy3Action>({ discover, share, unallow, notify, deliver, access, restart }),
  results: ['SUCCESS', 'NOMEM', 'UPCALL', 'DROPPED', 'IDLE', 'OK', 'FAULT', 'RESTARTED'],
  enabled: inSlotOrder(enabledAt),
  enabledAt,
  symmetric: clientSymmetry,
  emits: ['reached:notification', 'reached:mapping', 'reached:pointer', 'map-request', 'access'],
  losses: [],
  shares,
};
