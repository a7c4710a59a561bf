import { bufferAddress, defaultParams, hex } from '../model/index.ts';
import { defineScenario } from './define.ts';

/**
 * The normal flow of each design the working group surveyed, completed,
 * so that none passes its properties by doing nothing; and the behaviour
 * of each that the checker judges.
 */

const abstract = defaultParams('abstract');

/**
 * Hubris: a client sends while the server is busy (InSend), the server
 * receives it, uses the lease (the kernel copies) and replies; a posted
 * notification is taken by the next receive before any sender.
 */
export const hubrisCall = defineScenario({
  id: 'hubris-call',
  summary: 'Hubris: send, receive, borrow the lease, reply; a notification taken before senders',
  params: abstract,
  readAs: 'hubris',
  steps: `
    #1 sends to the server               -> WAITING      // the server is not in RECV: InSend
    #0 receives (open)                   -> SUCCESS(1)
    #0 borrows the lease of #1           -> SUCCESS      // the kernel copies; no region in #0's MPU
    #0 replies to #1                     -> SUCCESS
    #2 posts to the server               -> SUCCESS
    #1 sends to the server               -> WAITING
    #0 receives (open)                   -> NOTIFIED     // notifications come first (syscalls.rs:245-255)
    #0 receives (open)                   -> SUCCESS(1)
  `,
  expected: { hubris: {} },
});

/**
 * Hubris: the server restarts while it holds a client's call. The client
 * is woken with the dead code and learns the new generation; the new
 * server never sees the request. A client restarted while the server
 * holds its lease: the borrow returns the dead code, and the reply is
 * dropped silently.
 */
export const hubrisRestartMidCall = defineScenario({
  id: 'hubris-restart-mid-call',
  summary: 'Hubris: restarts mid-call end in the dead code or a silent drop, never a stale delivery',
  params: abstract,
  readAs: 'hubris',
  steps: `
    #0 receives (open)                   -> WAITING
    #1 sends to the server               -> SUCCESS      // delivered at once: #1 waits in InReply
    kernel restarts #0                   -> RESTARTED    // #1 woken with the dead code
    #1 sends to the server               -> WAITING      // it names #0@1 now
    #2 sends to the server               -> WAITING
    #0 receives (open)                   -> SUCCESS(1)
    #0 receives (open)                   -> SUCCESS(2)
    kernel restarts #2                   -> RESTARTED
    #0 borrows the lease of #2           -> DEAD(1)
    #0 replies to #2                     -> SUCCESS      // dropped silently: #2@0 is gone
    #0 replies to #1                     -> SUCCESS
  `,
  expected: { hubris: {} },
});

/** ThreadX: a request through the service's queue and its reply through the client's. */
export const threadxRequestReply = defineScenario({
  id: 'threadx-request-reply',
  summary: "ThreadX queues: a request through the service's queue, the reply through the client's",
  params: abstract,
  readAs: 'threadx-queue',
  steps: `
    #0 receives (wait)                   -> WAITING      // the queue is empty: #0 suspends
    #1 sends a request (no-wait)         -> SUCCESS      // handed straight to the waiting #0
    #0 replies to #1                     -> SUCCESS
    #1 receives (no-wait)                -> SUCCESS
  `,
  expected: { 'threadx-queue': {} },
});

/**
 * ThreadX: the request queue is full and a second client waits to send;
 * the service flushes. The waiting sender is resumed with TX_SUCCESS, its
 * message never copied in (tx_queue_flush.c:100-186).
 */
export const threadxFlush = defineScenario({
  id: 'threadx-flush',
  summary: 'ThreadX queues: flush resumes a waiting sender with SUCCESS and drops its message',
  params: { ...abstract, design: { capacity: 1 } },
  readAs: 'threadx-queue',
  steps: `
    #1 sends a request (no-wait)         -> SUCCESS
    #2 sends a request (wait)            -> WAITING      // full: #2 suspends with its message
    #0 flushes its request queue         -> SUCCESS      // both requests dropped; #2 told SUCCESS
  `,
  expected: { 'threadx-queue': { delivery: 3 } },
});

/**
 * ThreadX: a client restarts after the service took its request; its new
 * instance asks again and receives the reply to the old instance's
 * request: nothing in a message says who sent it, and queues outlive threads.
 */
export const threadxStaleReply = defineScenario({
  id: 'threadx-stale-reply',
  summary: "ThreadX queues: a restarted client takes the reply meant for its previous instance",
  params: abstract,
  readAs: 'threadx-queue',
  steps: `
    #1 sends a request (no-wait)         -> SUCCESS
    #0 receives (no-wait)                -> SUCCESS
    kernel restarts #1                   -> RESTARTED
    #1 sends a request (no-wait)         -> SUCCESS
    #0 replies to #1                     -> SUCCESS      // meant for #1@0
    #1 receives (no-wait)                -> SUCCESS      // taken by #1@1 as the answer to its own request
  `,
  expected: { 'threadx-queue': { 'stale-generation': 6, 'response-matching': 6 } },
});

/**
 * Rust channels: a client connects and sends; the service receives and
 * replies on the reply sender the request carried. The service restarts:
 * its receiver is dropped, the client's next send comes back
 * (Disconnected), and it connects to the new instance's channel.
 */
export const rustChannelCall = defineScenario({
  id: 'rust-channel-call',
  summary: "Rust channels: a request and its reply; after the service restarts, the old sender's send comes back and the client connects again",
  params: abstract,
  readAs: 'rust-channel',
  steps: `
    #1 connects to the service           -> SUCCESS
    #1 sends a request                   -> SUCCESS      // buffered (bound 1)
    #0 recvs                             -> SUCCESS
    #0 replies to #1                     -> SUCCESS
    #1 try_recvs                         -> SUCCESS
    kernel restarts #0                   -> RESTARTED    // its receiver is dropped
    #1 try_sends a request               -> DISCONNECTED // the request comes back
    #1 connects to the service           -> SUCCESS      // a sender to #0@1's channel
    #1 sends a request                   -> SUCCESS
  `,
  expected: { 'rust-channel': {} },
});

/** Redox shared memory: the service creates its segment; a client maps it by name, uses it and unmaps it. */
export const redoxShmMap = defineScenario({
  id: 'redox-shm-map',
  summary: "Redox shared memory: a client maps the service's segment by name, uses it, and unmaps it",
  params: abstract,
  readAs: 'redox-shm',
  steps: `
    #0 creates its segment               -> SUCCESS
    #1 maps "service"                    -> SUCCESS      // a region over #0.b0 in #1's MPU
    #1 touches ${hex(bufferAddress(abstract, 0, 0))}                -> OK
    #1 unmaps "service"                  -> SUCCESS
  `,
  expected: { 'redox-shm': {} },
});

/**
 * Redox shared memory: the service creates its segment, a client maps it
 * by name and touches it. The service restarts: with Redox's behaviour the
 * client's mapping stays, over what is now the new instance's RAM.
 */
export const redoxShmCreatorRestart = defineScenario({
  id: 'redox-shm-creator-restart',
  summary: "Redox shared memory: a client maps the service's segment and uses it; the service restarts and the mapping stays over its new instance's RAM",
  params: abstract,
  readAs: 'redox-shm',
  steps: `
    #0 creates its segment               -> SUCCESS
    #1 maps "service"                    -> SUCCESS      // a region over #0.b0 in #1's MPU
    #1 touches ${hex(bufferAddress(abstract, 0, 0))}                -> OK           // the segment, shared: allowed
    kernel restarts #0                   -> RESTARTED    // Redox: other mappings stay (reference-counted frames)
    #1 touches ${hex(bufferAddress(abstract, 0, 0))}                -> OK           // now #0@1's memory, never shared
  `,
  expected: { 'redox-shm': { revocation: 4, isolation: 5 } },
});
