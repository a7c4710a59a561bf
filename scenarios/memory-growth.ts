import { bufferAddress, defaultParams, hex } from '../model/index.ts';
import { defineScenario } from './define.ts';

/**
 * Memory that grows (`--heap 1`): the app break moves up with sbrk, and
 * grants are allocated downward from the kernel break on first use
 * (process_standard.rs `brk` 839-876, `allocate_in_grant_region_internal`
 * 2222-2269, `reset` 2099-2109 at release-2.2). Here each process has one
 * layout buffer, b0, and the heap buffer b1 at the top of its grown heap.
 */

const heap = { ...defaultParams('abstract'), buffers: 1, heap: 1 };

/**
 * A client shares a buffer at the top of its grown heap; the service's MPU
 * gains a region over it, which only the service's own restart removes.
 * The client restarts: its break and kernel break are back where they
 * started, and the new instance's grants, allocated downward on first use,
 * now take the bytes the old buffer held. The service can write the
 * client's kernel-owned grant memory (its saved upcalls and allow
 * pointers, which the kernel trusts).
 */
export const grantOverStaleRegion = defineScenario({
  id: 'grant-over-stale-region',
  summary: "a restarted client's grants land under the service's stale region over its old heap buffer: the service can write kernel memory",
  params: heap,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 sbrk                              -> SUCCESS      // the break moves up: b1 is app memory now
    #1 share b1 into slot 0              -> SUCCESS      // the IPC grant is allocated first, at the top
    #1 notify-service #0                 -> SUCCESS
    kernel runs #0 (dequeue one task)    -> IPC          // a region over #1.b1 added to #0's MPU
    kernel runs #0 (dequeue one task)    -> UPCALL
    kernel restarts #1                   -> RESTARTED    // both breaks back where they started
    kernel runs #1 (dequeue one task)    -> STARTED
    #1 use-driver                        -> SUCCESS      // another driver's grant, at the top
    #1 subscribe upcall 0                -> SUCCESS      // the IPC grant below it, over the old b1
    #0 touches ${hex(bufferAddress(heap, 1, 1))} -> OK
  `,
  expected: { 'tock-2.2': { isolation: 11, revocation: 7 } },
});

/**
 * A sender whose heap and another driver's grant leave no room for the
 * IPC grant notifies the service, which never hears of it: delivery
 * enters the sender's IPC grant to read its allowed buffer, the allocation
 * fails, and the kernel ignores the error (kernel.rs:634), the task
 * already dequeued. The notify had returned SUCCESS.
 */
export const noRoomForIpcGrant = defineScenario({
  id: 'no-room-for-ipc-grant',
  summary: 'a sender with no room left for its IPC grant: its notification is dropped at delivery, silently',
  params: heap,
  readAs: 'tock-2.2',
  steps: `
    #0 subscribe upcall 0                -> SUCCESS
    #1 sbrk                              -> SUCCESS
    #1 use-driver                        -> SUCCESS      // the kernel break comes down to just above the break
    #1 subscribe upcall 0                -> NOMEM        // no room for the IPC grant
    #1 notify-service #0                 -> SUCCESS      // a command: no grant entered
    kernel runs #0 (dequeue one task)    -> DROPPED
  `,
  expected: { 'tock-2.2': { delivery: 6 } },
});
