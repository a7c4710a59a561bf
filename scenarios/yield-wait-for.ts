import { defaultParams } from '../model/index.ts';
import { defineScenario } from './define.ts';

/**
 * Yield-WaitFor on the legacy IPC's upcalls (kernel.rs:646-690 at
 * release-2.2): what a process waiting for one upcall number is handed.
 * (A wait for an upcall not queued yet never ends, IPC tasks not being
 * converted meanwhile; searches do not offer it, and the tests pin it.)
 */

const abstract = defaultParams('abstract');

/**
 * The service runs the first of two notifications' upcalls, then waits for
 * its upcall number: the second upcall, already queued, is taken from the
 * queue and its arguments returned; its callback does not run.
 */
export const waitForQueuedUpcall = defineScenario({
  id: 'wait-for-queued-upcall',
  summary: 'Yield-WaitFor with the upcall already queued returns its arguments, its callback not run',
  params: abstract,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    #2 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL       // #1's notification runs
    #0 yield-wait-for upcall 0           -> WAITING
    kernel runs #0 (dequeue one task)    -> RETURNED     // #2's, returned to the waiting service
  `,
  expected: { 'tock-2.2': {} },
});

/**
 * A notification on a number the process never subscribed becomes a null
 * upcall; a plain yield would discard it (notify-before-start), but a
 * Yield-WaitFor on its number is handed it, (0, 0): the notification is
 * not lost. #0 runs #1's upcall first, so it is running, not yielded, when
 * the null upcall waits in its queue.
 */
export const waitForNullUpcall = defineScenario({
  id: 'wait-for-null-upcall',
  summary: 'Yield-WaitFor takes a null upcall a plain yield would discard: the notification arrives',
  params: abstract,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 1                -> SUCCESS
    #1 notify-client #0                  -> SUCCESS      // upcall 1: the notifier's index
    #2 notify-service #0                 -> SUCCESS      // upcall 0: never subscribed
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> IPC          // a null upcall
    kernel runs #0 (dequeue one task)    -> UPCALL       // #1's notification runs
    #0 yield-wait-for upcall 0           -> WAITING
    kernel runs #0 (dequeue one task)    -> RETURNED     // (0, 0), not discarded
  `,
  expected: { 'tock-2.2': {} },
});
