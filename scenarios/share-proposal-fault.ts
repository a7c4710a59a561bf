import { bufferAddress, defaultParams, hex } from '../model/index.ts';
import { defineScenario } from './define.ts';

const params = defaultParams('cortex-m');
const at = (owner: number, buffer: number) => hex(bufferAddress(params, owner, buffer));
const below = (owner: number, buffer: number) => hex(bufferAddress(params, owner, buffer) - 1);

/**
 * `share-proposal`'s rule that a fault revokes the faulting process's
 * shares, as a restart does (SPEC.md section 4; `accessFaults` and
 * `revokeOnEnd` in model/designs/share-proposal/rules.ts): client #1 shares
 * its b0 with the service and holds client #2's b0; touching the byte
 * just below #2's buffer, it faults, and the service's region for #1.b0
 * goes at that step, so the service's next touch faults by its own error,
 * and discovering the faulted client's name finds nothing (NODEVICE).
 * Without the rule, `revocation` breaks at the fault (a check finds it in
 * 7 steps too, but only by its random search; this pins it).
 */
export const shareProposalFaultRevokes = defineScenario({
  id: 'share-proposal-fault-revokes',
  summary: "a client faults while its buffer is mapped in the service: the service's region goes at once",
  params,
  readAs: 'share-proposal',
  steps: `
    #1 discover "service"            -> SUCCESS(0)
    #1 share b0 with #0              -> SUCCESS
    #0 activate #1.b0                -> SUCCESS
    #2 discover "client1"            -> SUCCESS(1)
    #2 share b0 with #1              -> SUCCESS
    #1 activate #2.b0                -> SUCCESS
    #1 touches ${below(2, 0)}        -> FAULT        // the byte below #2.b0: #1 is terminated
    #0 touches ${at(1, 0)}           -> FAULT        // the region for #1.b0 went with the fault
    #2 discover "client1"            -> NODEVICE     // nothing by that name runs now
  `,
  expected: { 'share-proposal': {} },
});
