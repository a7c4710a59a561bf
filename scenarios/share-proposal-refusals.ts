import { bufferAddress, defaultParams, hex, slotAt, type World } from '../model/index.ts';
import { defineScenario } from './define.ts';
import type { Scenario } from './scenario.ts';

const params = defaultParams('cortex-m');
const at = (owner: number, buffer: number) => hex(bufferAddress(params, owner, buffer));

/**
 * `share-proposal`'s refusals, each pinned by the result it returns (SPEC.md
 * section 4): a refusal no property judges (it breaks nothing, it only
 * says why nothing happened) is still the design's contract, and these
 * scenarios are what tell a kernel that skips one from the design
 * (`npm run mutate`). Each ends with the flow working once the cause is
 * gone, so a refusal of everything does not pass either: the server
 * ends holding the pointer that activation handed it.
 */

/** The end where the service (#0) holds the pointer to `owner`'s buffer `buffer`, handed over by an activation. */
function serviceHolds(owner: number, buffer: number): NonNullable<Scenario['end']> {
  return {
    says: `the service holds the pointer to #${owner}.b${buffer}`,
    missing: (world: World) => (slotAt(world, 0).app.pointers.some((p) => p.owner === owner && p.buffer === buffer) ? null : `the service was never handed #${owner}.b${buffer}`),
  };
}

/** A share naming an identifier learned before the server restarted is NODEVICE; after discovering it again, the share works. */
export const shareProposalStaleIdentifier = defineScenario({
  id: 'share-proposal-stale-identifier',
  summary: 'a client shares with the identifier of a server that restarted since: NODEVICE; discovered again, the share works',
  params,
  readAs: 'share-proposal',
  steps: `
    #1 discover "service"            -> SUCCESS(0)
    kernel restarts #0               -> RESTARTED
    #1 share b0 with #0              -> NODEVICE     // the identifier names #0@0, which is gone
    #1 discover "service"            -> SUCCESS(0)
    #1 share b0 with #0              -> SUCCESS
    #0 activate #1.b0                -> SUCCESS
    #0 touches ${at(1, 0)}           -> OK
  `,
  expected: { 'share-proposal': {} },
  end: serviceHolds(1, 0),
});

/** On ARMv7-M, buffers no region covers exactly are INVAL at share time, as is a second share of a buffer already shared. */
export const shareProposalRefusedShares = defineScenario({
  id: 'share-proposal-refused-shares',
  summary: 'sharing an unmappable buffer, or a buffer already shared, is INVAL at once; a mappable one is shared and used',
  params,
  readAs: 'share-proposal',
  steps: `
    #1 discover "service"            -> SUCCESS(0)
    #1 discover "client2"            -> SUCCESS(2)
    #1 share b1 with #0              -> INVAL        // 48 bytes: no power of two, no 32-byte subregions
    #1 share b2 with #0              -> INVAL        // 64 bytes, not 64-aligned
    #1 share b0 with #0              -> SUCCESS
    #1 share b0 with #2              -> INVAL        // b0 is shared already
    #0 activate #1.b0                -> SUCCESS
    #0 touches ${at(1, 0)}           -> OK
  `,
  expected: { 'share-proposal': {} },
  end: serviceHolds(1, 0),
});

/** With every region in use, activation is NOMEM and changes nothing; once the server gives one back, the same activation works. */
export const shareProposalNoRegion = defineScenario({
  id: 'share-proposal-no-region',
  summary: 'the server runs out of MPU regions: activation is NOMEM, nothing changed; deactivating one lets it through',
  params,
  readAs: 'share-proposal',
  steps: `
    #1 discover "service"            -> SUCCESS(0)
    #2 discover "service"            -> SUCCESS(0)
    #1 share b0 with #0              -> SUCCESS
    #1 share b3 with #0              -> SUCCESS
    #1 share b4 with #0              -> SUCCESS
    #2 share b0 with #0              -> SUCCESS
    #2 share b3 with #0              -> SUCCESS
    #2 share b4 with #0              -> SUCCESS
    #0 activate #1.b0                -> SUCCESS
    #0 activate #1.b3                -> SUCCESS
    #0 activate #1.b4                -> SUCCESS
    #0 activate #2.b0                -> SUCCESS
    #0 activate #2.b3                -> SUCCESS
    #0 activate #2.b4                -> NOMEM        // every region in use
    #0 deactivate #1.b0              -> SUCCESS
    #0 activate #2.b4                -> SUCCESS
  `,
  expected: { 'share-proposal': {} },
  end: serviceHolds(2, 4),
});
