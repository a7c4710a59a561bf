import { bufferAddress, defaultParams, hex } from '../model/index.ts';
import { defineScenario } from './define.ts';

/**
 * Flows of the legacy IPC that decide whether a bug can happen, each
 * pinned to what Tock 2.2 does (kernel/src/ipc.rs, kernel.rs,
 * process_standard.rs at release-2.2).
 */

const abstract = defaultParams('abstract');
const at = (params: typeof abstract, owner: number, buffer: number) => hex(bufferAddress(params, owner, buffer));

/**
 * A service that subscribes its upcall again while a notification's upcall
 * waits in its queue loses it (kernel.rs:1012-1021: a successful subscribe
 * removes the pending upcalls of its number); both notifies returned
 * SUCCESS. The service runs the first reply, so it is running when the
 * second upcall is queued behind it.
 */
export const resubscribePending = defineScenario({
  id: 'resubscribe-pending',
  summary: 're-subscribe with an upcall pending: the queued upcall is removed, its notification lost',
  params: abstract,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    #2 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL       // #1's notification runs
    #0 subscribe upcall 0                -> SUCCESS      // #2's upcall, queued, is removed
  `,
  expected: { 'tock-2.2': { delivery: 7 } },
});

/**
 * A notification into a full queue: NOMEM, and nothing is queued (queue of
 * two slots here; Tock's holds nine). The caller hears of it, so nothing
 * is lost silently; the two queued ones run.
 */
export const fullQueue = defineScenario({
  id: 'full-queue',
  summary: 'a notification into a full task queue returns NOMEM; the queued ones are delivered',
  params: { ...abstract, queue: 2 },
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    #2 notify-service #0                 -> SUCCESS
    #1 notify-service #0                 -> NOMEM        // the queue is full
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL
    kernel runs #0 (dequeue one task)    -> UPCALL
  `,
  expected: { 'tock-2.2': {} },
});

/**
 * The client unallows its buffer while the upcall carrying its pointer
 * waits in the service's queue: the upcall still runs with the pointer
 * (its arguments were fixed when it was queued, ipc.rs:98), the region
 * stays, and the service touches memory nobody shares with it any more.
 */
export const unallowQueuedUpcall = defineScenario({
  id: 'unallow-queued-upcall',
  summary: 'unallow while the upcall with the pointer is queued: it still runs, and the service can touch the buffer',
  params: abstract,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 share b0 into slot 0              -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC          // region added, upcall queued with the pointer
    #1 unallow slot 0                    -> SUCCESS
    kernel runs #0 (dequeue one task)    -> UPCALL
    #0 touches ${at(abstract, 1, 0)}     -> OK
  `,
  expected: { 'tock-2.2': { revocation: 5, isolation: 7 } },
});

const threeClients = { ...abstract, clients: 3, regions: 2 };

/**
 * Three clients share a buffer each with one service whose MPU has two
 * regions free for IPC: the third mapping is refused, the refusal ignored,
 * and the third client's pointer is handed over all the same; touching it
 * faults the service.
 */
export const threeClientsTwoRegions = defineScenario({
  id: 'three-clients-two-regions',
  summary: 'three clients share with one service whose MPU has two free regions: the third pointer cannot be touched',
  params: threeClients,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 share b0 into slot 0              -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    #2 share b0 into slot 0              -> SUCCESS
    #2 notify-service #0                 -> SUCCESS
    #3 share b0 into slot 0              -> SUCCESS
    #3 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> IPC          // add_mpu_region refused, ignored
    kernel runs #0 (dequeue one task)    -> UPCALL
    kernel runs #0 (dequeue one task)    -> UPCALL
    kernel runs #0 (dequeue one task)    -> UPCALL       // handed #3.b0, which no region covers
    #0 touches ${at(threeClients, 3, 0)} -> FAULT
  `,
  expected: { 'tock-2.2': { 'graceful-exhaustion': 13 } },
});

/**
 * A client discovers and notifies the service while it has not started
 * yet (restarted: yielded, its init call queued, process_standard.rs reset
 * 2137-2166): discovery finds it whatever its state, the notify succeeds,
 * the task waits behind the init call, and the kernel delivers it before
 * the new instance can subscribe, as a null upcall: lost.
 */
export const notifyBeforeStart = defineScenario({
  id: 'notify-before-start',
  summary: 'a notification to a service that has not started yet is delivered before it subscribes: lost',
  params: abstract,
  readAs: 'tock-2.2',
  steps: `
    kernel restarts #0                   -> RESTARTED
    #1 discover "service"                -> SUCCESS(0)   // the new instance, not started
    #1 notify-service #0                 -> SUCCESS      // queued behind the init call
    kernel runs #0 (dequeue one task)    -> STARTED
    kernel runs #0 (dequeue one task)    -> IPC          // not subscribed yet: a null upcall
    kernel runs #0 (dequeue one task)    -> DISCARDED    // lost now: a plain yield discards it
  `,
  expected: { 'tock-2.2': { delivery: 6 } },
});
