import { LEGACY_KINDS, type LegacyAction } from './legacy-kinds.ts';
import { withDelivery } from './tock-2.2-delivery.ts';
import { awaitedQueued, renameWait, waitingFor, yieldWaitFor } from './tock-2.2-wait-for.ts';
import { clientSymmetry } from '../symmetry.ts';
import { handlerRules, inSlotOrder, type Design, type Handler, type Share } from '../design.ts';
import type { Allow } from '../grant.ts';
import { formatInstance, type Instance } from '../instance.ts';
import { discovered } from '../discovered.ts';
import { access, exitProcess, KERNEL_STEP_RESULTS, kernelActions, restartQueuingInit } from '../kernel-steps.ts';
import { isLive, isScheduled, lifecycleAfter } from '../process-machine.ts';
import { bufferSpan } from '../entitlement.ts';
import { appBreakOf } from '../growth.ts';
import { inIpcGrant, sbrk, useDriver } from './tock-2.2-memory.ts';
import { outcome, type Observation } from '../outcome.ts';
import type { Task } from '../task.ts';
import { isAwaited, isFull, isUpcallFor, taskQueueAfter } from '../task-queue-machine.ts';
import { currentInstance, numProcs, slotAt, slotCount, statusAt, withSlot, type World } from '../world.ts';

/** The calls with one rule each; `deliver`'s rules are ./tock-2.2-delivery.ts. */
type SyscallAction = Exclude<LegacyAction, { type: 'deliver' }>;

/**
 * Design `tock-2.2`: Tock's legacy kernel IPC (kernel/src/ipc.rs at
 * release-2.2, unchanged on master), driver 0x10000, as libtock-c's
 * libtock/kernel/ipc.c drives it. SPEC.md section 2.
 *
 * Handles are slot indices. Sharing is an allow-readwrite into the slot of
 * the target's index; the kernel maps the buffer into the target's MPU only
 * when it delivers a notification, ignores whether that worked, and never
 * unmaps it until the target itself restarts.
 */

/** The instance `by` means when it names slot `j`: the one it learned j from, else whoever lives there now. */
function handleOf(world: World, by: number, j: number): Instance {
  return { index: j, generation: slotAt(world, by).app.handles[j] ?? currentInstance(world, j).generation };
}

/**
 * Command 1: the first slot in process-array order whose package name equals
 * `name`, whatever its state (kernel.rs `process_until`); NODEVICE if none.
 * Entering the caller's IPC grant can fail where memory grows (NOMEM).
 */
const discover: Handler<Extract<LegacyAction, { type: 'discover' }>> = (world, { by, name }) => {
  const found = world.processes.findIndex((slot) => slot.name === name);
  if (found < 0) return { world, outcome: outcome('NODEVICE', `no process is named "${name}"`, [discovered(world, by, name, null)]) };
  const generation = currentInstance(world, found).generation;
  const next = withSlot(world, by, (slot) => ({
    ...slot,
    app: { ...slot.app, handles: slot.app.handles.map((g, j) => (j === found ? generation : g)) },
  }));
  return { world: next, outcome: outcome(`SUCCESS(${found})`, `"${name}" is slot ${found}`, [discovered(world, by, name, found)]) };
};

/**
 * A grant call naming an IPC number (subscribe, allow), once the grant is
 * entered: a number past NUM_PROCS is NOSUPPORT (grant.rs `subscribe` 860,
 * `allow_rw` 956: the grant keeps NUM_PROCS of each); an empty slot's
 * number succeeds and changes nothing the model keeps: the grant stores the
 * upcall or buffer there, but ipc.rs reads upcalls and allows only at the
 * indices of loaded processes (`schedule_upcall` 68-108), so nothing reads
 * it. Numbers of loaded processes go to `handler`.
 */
function atIpcNumber<A extends SyscallAction & { readonly by: number }>(numberOf: (action: A) => number, handler: Handler<A>): Handler<A> {
  return (world, action) => {
    const n = numberOf(action);
    const limit = numProcs(world.params);
    if (n >= limit) return { world, outcome: outcome('NOSUPPORT', `number ${n} is past NUM_PROCS (${limit})`) };
    if (n >= slotCount(world)) return { world, outcome: outcome('SUCCESS', `number ${n} is an empty slot's: kept in the grant, never read`) };
    return handler(world, action);
  };
}

/**
 * Subscribe (a function, or with `subscribed` false a null pointer) to IPC
 * upcall `upcall` of a loaded process (`atIpcNumber` takes the others). Every successful subscribe drops the
 * upcalls already queued for that number (kernel.rs:1012-1021,
 * process_standard.rs `remove_pending_upcalls`: function calls only; IPC
 * tasks and null upcalls stay), so each of those notifications, whose
 * notify returned SUCCESS, is lost (cause `resubscribed`).
 */
function subscription(world: World, by: number, upcall: number, subscribed: boolean): ReturnType<Handler<SyscallAction>> {
  const at = currentInstance(world, by);
  const queued = slotAt(world, by).tasks.context.tasks;
  const dropped = queued.filter((task) => isUpcallFor(task, upcall));
  const next = withSlot(world, by, (slot) => ({
    ...slot,
    grant: { ...slot.grant, upcalls: slot.grant.upcalls.map((s, u) => (u === upcall ? subscribed : s)) },
    tasks: taskQueueAfter(slot.tasks, { type: 'removeUpcalls', upcall }),
  }));
  const observations: Observation[] = dropped.map(() => ({ type: 'lost', what: 'notification', at, cause: 'resubscribed' }));
  const what = subscribed ? `upcall ${upcall} subscribed` : `upcall ${upcall} unsubscribed (null function pointer)`;
  const note = dropped.length === 0 ? what : `${what}; ${dropped.length} queued upcall${dropped.length > 1 ? 's' : ''} ${upcall} dropped`;
  return { world: next, outcome: outcome('SUCCESS', note, observations) };
}

const subscribe: Handler<Extract<LegacyAction, { type: 'subscribe' }>> = (world, { by, upcall }) => subscription(world, by, upcall, true);
const unsubscribe: Handler<Extract<LegacyAction, { type: 'unsubscribe' }>> = (world, { by, upcall }) => subscription(world, by, upcall, false);

function withAllow(world: World, by: number, to: number, allow: Allow | null): World {
  return withSlot(world, by, (slot) => ({
    ...slot,
    grant: { ...slot.grant, allows: slot.grant.allows.map((a, j) => (j === to ? allow : a)) },
  }));
}

/** The allow once its buffer is valid. */
const sharing: Handler<Extract<LegacyAction, { type: 'share' }>> = (world, { by, to, buffer }) => {
  const intended = handleOf(world, by, to);
  const next = withAllow(world, by, to, { buffer, intended });
  return { world: next, outcome: outcome('SUCCESS', `slot ${to} now holds b${buffer} (meant for ${formatInstance(intended)})`) };
};

const sharingInGrant = inIpcGrant(atIpcNumber((a) => a.to, sharing));

/**
 * Allow-readwrite own buffer into slot `to`. The kernel checks only that the
 * buffer lies in the caller's app memory (process_standard.rs
 * `build_readwrite_process_buffer`: INVAL otherwise, which only the heap
 * buffer above a break not yet grown can be); nothing checks that it can be
 * mapped or that slot `to` is alive or loaded.
 */
const share: Handler<Extract<LegacyAction, { type: 'share' }>> = (world, action) => {
  const { by, buffer } = action;
  if (bufferSpan(world, { owner: by, buffer }).end > appBreakOf(slotAt(world, by))) {
    return { world, outcome: outcome('INVAL', `b${buffer} lies above #${by}'s break, outside its app memory`) };
  }
  return sharingInGrant(world, action);
};

/** Zero-length allow: the grant forgets the buffer; no MPU region anywhere goes away. */
const unallow: Handler<Extract<LegacyAction, { type: 'unallow' }>> = (world, { by, to }) => ({
  world: withAllow(world, by, to, null),
  outcome: outcome('SUCCESS', `slot ${to} emptied`),
});

/**
 * Commands 2 and 3: enqueue an IPC task at the process now in slot `to`.
 * INVAL if no process is loaded there (ipc.rs:191, 224: `process_until`
 * finds none), NODEVICE if it is faulted or terminated (a stopped one takes it),
 * NOMEM if its queue is full; no role check, and
 * notifying oneself succeeds (the task is dropped at delivery).
 */
const notify: Handler<Extract<LegacyAction, { type: 'notify' }>> = (world, { by, to, kind }) => {
  if (to >= slotCount(world)) return { world, outcome: outcome('INVAL', `no process is loaded at index ${to}`) };
  if (!isLive(statusAt(world, to))) return { world, outcome: outcome('NODEVICE', `#${to} is ${statusAt(world, to)}`) };
  const target = slotAt(world, to);
  if (isFull(target.tasks)) return { world, outcome: outcome('NOMEM', `#${to}'s task queue is full`) };
  const intended = handleOf(world, by, to);
  const actual = currentInstance(world, to);
  const task: Task = { kind: 'ipc', from: currentInstance(world, by), notify: kind, intended };
  const next = withSlot(world, to, (slot) => ({ ...slot, tasks: taskQueueAfter(slot.tasks, { type: 'enqueue', task }) }));
  const observations: Observation[] = [{ type: 'reached', what: 'notification', intended, actual }];
  return { world: next, outcome: outcome('SUCCESS', `IPC task queued at ${formatInstance(actual)}`, observations) };
};

/**
 * The process console stops a running or yielded process
 * (process_standard.rs `stop`, 604-618): it is not scheduled, but it is
 * still "running" to the rest of the kernel (`is_running`), so it takes
 * tasks (they wait until it resumes) and the notifications it sent are
 * delivered.
 */
const stop: Handler<Extract<LegacyAction, { type: 'stop' }>> = (world, { process }) => ({
  world: withSlot(world, process, (slot) => ({ ...slot, lifecycle: lifecycleAfter(slot.lifecycle, { type: 'stop' }) })),
  outcome: outcome('STOPPED', `#${process} stopped: not scheduled, still taking tasks`),
});

/** The process console resumes a stopped process where it was (`resume`, 620-629). */
const unstop: Handler<Extract<LegacyAction, { type: 'unstop' }>> = (world, { process }) => ({
  world: withSlot(world, process, (slot) => ({ ...slot, lifecycle: lifecycleAfter(slot.lifecycle, { type: 'unstop' }) })),
  outcome: outcome('RESUMED', `#${process} resumed, ${statusAt(world, process) === 'stoppedRunning' ? 'running' : 'yielded'} again`),
});

/** Who shares what with whom: every non-empty allow-readwrite slot, meant for the instance the sharer named. */
function shares(world: World): Share[] {
  const result: Share[] = [];
  world.processes.forEach((slot, owner) => {
    slot.grant.allows.forEach((allow) => {
      if (allow !== null) result.push({ owner: currentInstance(world, owner), buffer: { owner, buffer: allow.buffer }, to: allow.intended });
    });
  });
  return result;
}

/**
 * The actions of slot `by`: (if running) discover each package name in
 * slot order, then "" (the name of a process without one: none here, so
 * NODEVICE; ipc.rs compares names with no special case); subscribe each
 * number not subscribed or with an upcall queued, unsubscribe each
 * subscribed one; share each own buffer into each slot, its own included
 * (allowed: any number below the slot count), where the slot does not hold
 * it already, or holds it meant for an instance other than the one `by`
 * now knows there (sharing it again re-aims it); unallow each non-empty
 * slot (a zero-length allow into an empty one succeeds and changes
 * nothing: not offered); with `heap`, sbrk until the heap grew and
 * use-driver until its grant is allocated; notify-service then
 * notify-client each slot; with `empty`, for each number from the first
 * empty slot's to the first past NUM_PROCS, every call that takes it
 * (each changes nothing the model keeps, so a search gains no states,
 * but a trace can make any of them); yield-wait-for each upcall number with an
 * upcall queued; exit; then the kernel's actions for it (no scheduling
 * step for a process waiting for an upcall not queued), the process
 * console's stop or resume before the restart. Reads only slot `by`
 * (names and memory layouts are fixed).
 */
function enabledAt(world: World, by: number): LegacyAction[] {
  const actions: LegacyAction[] = [];
  const slots = slotCount(world);
  if (statusAt(world, by) === 'running') {
    const slot = slotAt(world, by);
    const grant = slot.grant;
    const names: string[] = [];
    for (const other of world.processes) if (!names.includes(other.name)) names.push(other.name);
    for (const name of names) actions.push({ type: 'discover', by, name });
    actions.push({ type: 'discover', by, name: '' });
    const queued = slot.tasks.context.tasks;
    for (let u = 0; u < slots; u++) {
      // Subscribing again matters only when it drops a queued upcall: the model keeps no function pointers.
      if (!grant.upcalls[u] || queued.some((task) => isUpcallFor(task, u))) actions.push({ type: 'subscribe', by, upcall: u });
      if (grant.upcalls[u]) actions.push({ type: 'unsubscribe', by, upcall: u });
    }
    for (let to = 0; to < slots; to++) {
      const held = grant.allows[to];
      const known = slot.app.handles[to] ?? null;
      for (let buffer = 0; buffer < slot.memory.buffers.length; buffer++) {
        if (held?.buffer !== buffer || (known !== null && held.intended.generation !== known)) actions.push({ type: 'share', by, to, buffer });
      }
    }
    for (let to = 0; to < slots; to++) if (grant.allows[to]) actions.push({ type: 'unallow', by, to });
    if (world.params.heap === 1) {
      if (!slot.growth.heap) actions.push({ type: 'sbrk', by });
      if (!slot.growth.grants.includes('driver')) actions.push({ type: 'use-driver', by });
    }
    for (let to = 0; to < slots; to++) {
      actions.push({ type: 'notify', by, to, kind: 'service' }, { type: 'notify', by, to, kind: 'client' });
    }
    if (world.params.empty > 0) {
      for (let n = slots; n <= numProcs(world.params); n++) {
        actions.push({ type: 'subscribe', by, upcall: n }, { type: 'unsubscribe', by, upcall: n });
        for (let buffer = 0; buffer < slot.memory.buffers.length; buffer++) actions.push({ type: 'share', by, to: n, buffer });
        actions.push({ type: 'unallow', by, to: n }, { type: 'notify', by, to: n, kind: 'service' }, { type: 'notify', by, to: n, kind: 'client' });
      }
    }
    // Waiting for an upcall not queued yet never ends (IPC tasks are not converted meanwhile): what a process
    // that makes no more calls does, so the search waits only for one already queued.
    for (let u = 0; u < slots; u++) if (queued.some((task) => isAwaited(task, u))) actions.push({ type: 'yield-wait-for', by, upcall: u });
    actions.push({ type: 'exit', by });
  }
  // A process in Yield-WaitFor is scheduled only once its upcall is queued.
  const waiting = waitingFor(world, by) !== null && !awaitedQueued(world, by);
  // The process console's stop and resume come before the restart, the last of the kernel's actions.
  let restart: LegacyAction | null = null;
  for (const action of kernelActions(world, by)) {
    if (action.type === 'restart') restart = action;
    else if (!(waiting && action.type === 'deliver')) actions.push(action);
  }
  const status = statusAt(world, by);
  if (isScheduled(status)) actions.push({ type: 'stop', process: by });
  else if (status === 'stoppedRunning' || status === 'stoppedYielded') actions.push({ type: 'unstop', process: by });
  if (restart !== null) actions.push(restart);
  return actions;
}

export const tock22: Design = {
  id: 'tock-2.2',
  summary: "Tock's legacy kernel IPC (kernel/src/ipc.rs, release 2.2 to master)",
  kinds: LEGACY_KINDS,
  rules: withDelivery(
    handlerRules<SyscallAction>({
      discover: inIpcGrant(discover),
      subscribe: inIpcGrant(atIpcNumber((a) => a.upcall, subscribe)),
      unsubscribe: inIpcGrant(atIpcNumber((a) => a.upcall, unsubscribe)),
      'yield-wait-for': yieldWaitFor,
      sbrk,
      'use-driver': useDriver,
      share,
      unallow: inIpcGrant(atIpcNumber((a) => a.to, unallow)),
      notify,
      exit: (world, { by }) => exitProcess(world, by),
      stop,
      unstop,
      access,
      restart: restartQueuingInit,
    }),
  ),
  enabled: inSlotOrder(enabledAt),
  enabledAt,
  symmetric: clientSymmetry,
  // Syscalls: SUCCESS (discover's SUCCESS(i) included), NOMEM from notify (a full queue) and, with --heap, from
  // every IPC syscall, sbrk and use-driver (no room); NODEVICE from notify and discover; INVAL from allowing the heap buffer before the heap grew
  // and from notifying an empty slot; NOSUPPORT from subscribe and allow past NUM_PROCS; delivery's first stage: IPC, DROPPED; a restarted process's init call: STARTED; Yield-WaitFor: WAITING, then RETURNED; exit: EXITED; the process console: STOPPED, RESUMED.
  results: ['SUCCESS', 'NOMEM', 'NODEVICE', 'INVAL', 'NOSUPPORT', 'IPC', 'DROPPED', 'STARTED', 'WAITING', 'RETURNED', 'EXITED', 'STOPPED', 'RESUMED', ...KERNEL_STEP_RESULTS],
  emits: ['reached:notification', 'reached:mapping', 'reached:pointer', 'map-request', 'lost:notification', 'handover', 'access', 'discovered'],
  // A task dropped at delivery (./tock-2.2-delivery.ts), a null upcall discarded, queued upcalls removed by subscribe.
  losses: ['self-notify', 'stale-sender', 'sender-not-running', 'no-grant-memory', 'unsubscribed', 'resubscribed'],
  shares,
  renameIpc: renameWait,
};

