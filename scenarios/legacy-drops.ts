import { defaultParams } from '../model/index.ts';
import { defineScenario } from './define.ts';

/**
 * The ways Tock 2.2's first delivery stage loses a notification whose
 * notify returned SUCCESS (SPEC.md hazard 6), one scenario each, pinned by
 * the result of each step: a drop of a task from a sender restarted since
 * or not running (ipc.rs `schedule_upcall`, 74-84, whose result kernel.rs
 * discards), and the discard of a null upcall the service unsubscribed
 * (process_standard.rs). Where a second client's notification follows, it
 * runs: the drop is of that task alone. These are the drops no property's
 * shortest counterexample needs (self-notify is shorter), so without them
 * a kernel that skipped the check would go unnoticed (`npm run mutate`).
 */

const params = defaultParams('abstract');

/** The sender restarts with its notification queued: the task is dropped at delivery. */
export const staleSenderDropped = defineScenario({
  id: 'stale-sender-dropped',
  summary: 'a client notifies, then restarts before the service runs: its task is dropped, the next client is served',
  hazard: 6,
  params,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    kernel restarts #1                   -> RESTARTED
    kernel runs #0 (dequeue one task)    -> DROPPED      // the sender restarted since (ipc.rs:74-81)
    #2 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL
  `,
  expected: { 'tock-2.2': { delivery: 4 } },
});

/** The sender exits with its notification queued: the task is dropped at delivery. */
export const exitedSenderDropped = defineScenario({
  id: 'exited-sender-dropped',
  summary: 'a client notifies, then exits before the service runs: its task is dropped, the next client is served',
  hazard: 6,
  params,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    #1 exits                             -> EXITED
    kernel runs #0 (dequeue one task)    -> DROPPED      // the sender is not running: its grant cannot be entered (ipc.rs:83-84)
    #2 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL
  `,
  expected: { 'tock-2.2': { delivery: 4 } },
});

/** The service unsubscribes: a notification becomes a null upcall, discarded when dequeued. */
export const unsubscribedDiscarded = defineScenario({
  id: 'unsubscribed-discarded',
  summary: 'the service unsubscribes its upcall; a notification to it is queued as a null upcall and discarded',
  hazard: 6,
  params,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #0 unsubscribe upcall 0              -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC          // null upcall 0 queued
    kernel runs #0 (dequeue one task)    -> DISCARDED
  `,
  expected: { 'tock-2.2': { delivery: 5 } },
});
