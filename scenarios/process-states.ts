import { defaultParams } from '../model/index.ts';
import { defineScenario } from './define.ts';

/**
 * What the Stopped and Terminated states do to IPC (process_standard.rs
 * at release-2.2: `is_running` 581-586 counts a stopped process as
 * running; `stop`/`resume` 604-629; `terminate` 689-715).
 */

const abstract = defaultParams('abstract');

/**
 * The process console stops a client after it notified the service: the
 * kernel does not schedule it, but it still takes tasks, and its own
 * notification is delivered (`schedule_upcall` enters the sender's grant,
 * which a stopped process allows). Resumed, it runs the reply.
 */
export const stoppedClient = defineScenario({
  id: 'stopped-client',
  summary: 'a stopped client still takes notifications, and the one it sent before it stopped is delivered',
  params: abstract,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 subscribe upcall 0                -> SUCCESS
    #1 notify-service #0                 -> SUCCESS
    process console stops #1             -> STOPPED
    kernel runs #0 (dequeue one task)    -> IPC          // from a stopped sender: delivered
    kernel runs #0 (dequeue one task)    -> UPCALL
    #0 notify-client #1                  -> SUCCESS      // a stopped process takes tasks
    process console resumes #1           -> RESUMED
    kernel runs #1 (dequeue one task)    -> IPC
    kernel runs #1 (dequeue one task)    -> UPCALL
  `,
  expected: { 'tock-2.2': {} },
});

/**
 * The service exits: its queue is emptied and its grants cleared, a
 * notification to it is NODEVICE, and discovery still returns it, though
 * it is not running until the process console starts it again.
 */
export const serviceExits = defineScenario({
  id: 'service-exits',
  summary: 'the service exits: a notification is refused (NODEVICE), and discovery still returns it',
  params: abstract,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 discover "service"                -> SUCCESS(0)
    #0 exits                             -> EXITED
    #1 notify-service #0                 -> NODEVICE
    #2 discover "service"                -> SUCCESS(0)   // a terminated process, returned all the same
  `,
  expected: { 'tock-2.2': { discovery: 5 } },
});
