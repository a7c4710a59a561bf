import { defaultParams } from '../model/index.ts';
import { defineScenario } from './define.ts';

/**
 * A board whose NUM_PROCS exceeds the processes loaded (`--empty 1`: two
 * clients and the service in slots 0-2, slot 3 empty, NUM_PROCS 4). The IPC
 * grant keeps NUM_PROCS upcalls and allows (kernel/src/ipc.rs:45-53 at
 * release-2.2), so an empty slot's number is a valid subscribe and allow
 * number; a notify finds no process there (ipc.rs:183-191, INVAL); numbers
 * past NUM_PROCS are NOSUPPORT (grant.rs:860 and 956), after the grant is
 * entered.
 */
export const emptyProcessSlot = defineScenario({
  id: 'empty-process-slot',
  summary: "IPC numbers of an empty slot and past NUM_PROCS: allow and subscribe succeed, then NOSUPPORT; notify is INVAL",
  params: { ...defaultParams('abstract'), empty: 1 },
  readAs: 'tock-2.2',
  steps: `
    #1 discover "service"                -> SUCCESS(0)
    #1 subscribe upcall 3                -> SUCCESS      // slot 3 is empty: the grant keeps the upcall, nothing schedules it
    #1 share b0 into slot 3              -> SUCCESS      // kept in the grant; no process at index 3 ever reads it
    #1 notify-service #3                 -> INVAL        // no process is loaded at index 3
    #1 subscribe upcall 4                -> NOSUPPORT    // past NUM_PROCS
    #1 share b0 into slot 4              -> NOSUPPORT
    #1 share b0 into slot 0              -> SUCCESS      // the numbers of loaded processes work as before
    #1 notify-service #0                 -> SUCCESS
  `,
  expected: { 'tock-2.2': {} },
});
