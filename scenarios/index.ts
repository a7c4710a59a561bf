import { correctUse } from './correct-use.ts';
import { cortexMExhaustion } from './cortex-m-exhaustion.ts';
import { cortexMUnmappable } from './cortex-m-unmappable.ts';
import { cortexM33OverGrant } from './cortex-m33-over-grant.ts';
import { hazardClientHandle } from './hazard-client-handle.ts';
import { hazardClientRestart } from './hazard-client-restart.ts';
import { hazardExhaustion, hazardExhaustionReversed } from './hazard-exhaustion.ts';
import { hazardServiceRestart } from './hazard-service-restart.ts';
import { hazardSilentLoss } from './hazard-silent-loss.ts';
import { hazardUnallow } from './hazard-unallow.ts';
import { ipc2026Mailbox, ipc2026PackageName, ipc2026StringName } from './ipc-2026-libtock-c.ts';
import { shareProposalRevocation } from './share-proposal-revocation.ts';
import { shareProposalNoRegion, shareProposalRefusedShares, shareProposalStaleIdentifier } from './share-proposal-refusals.ts';
import { shareProposalFaultRevokes } from './share-proposal-fault.ts';
import { fullQueue, notifyBeforeStart, resubscribePending, threeClientsTwoRegions, unallowQueuedUpcall } from './legacy-flows.ts';
import { exitedSenderDropped, staleSenderDropped, unsubscribedDiscarded } from './legacy-drops.ts';
import { threadTutorialIpc } from './thread-tutorial-ipc.ts';
import { tutorial05Ipc } from './tutorial-05-ipc.ts';
import { waitForNullUpcall, waitForQueuedUpcall } from './yield-wait-for.ts';
import { grantOverStaleRegion, noRoomForIpcGrant } from './memory-growth.ts';
import { serviceExits, stoppedClient } from './process-states.ts';
import { emptyProcessSlot } from './empty-slots.ts';
import { hubrisCall, hubrisRestartMidCall, redoxShmCreatorRestart, redoxShmMap, rustChannelCall, threadxFlush, threadxRequestReply, threadxStaleReply } from './surveyed.ts';

export type { Scenario } from './scenario.ts';

/** Every named scenario. */
export const SCENARIOS = [
  correctUse,
  hazardUnallow,
  hazardClientRestart,
  hazardServiceRestart,
  hazardClientHandle,
  hazardExhaustion,
  hazardExhaustionReversed,
  hazardSilentLoss,
  cortexMUnmappable,
  cortexMExhaustion,
  cortexM33OverGrant,
  shareProposalRevocation,
  shareProposalStaleIdentifier,
  shareProposalRefusedShares,
  shareProposalNoRegion,
  shareProposalFaultRevokes,
  ipc2026StringName,
  ipc2026PackageName,
  ipc2026Mailbox,
  tutorial05Ipc,
  threadTutorialIpc,
  resubscribePending,
  fullQueue,
  unallowQueuedUpcall,
  threeClientsTwoRegions,
  notifyBeforeStart,
  staleSenderDropped,
  exitedSenderDropped,
  unsubscribedDiscarded,
  waitForQueuedUpcall,
  waitForNullUpcall,
  grantOverStaleRegion,
  noRoomForIpcGrant,
  stoppedClient,
  serviceExits,
  emptyProcessSlot,
  hubrisCall,
  hubrisRestartMidCall,
  threadxRequestReply,
  threadxFlush,
  threadxStaleReply,
  rustChannelCall,
  redoxShmMap,
  redoxShmCreatorRestart,
] as const;
export { defineScenario, type ScenarioText } from './define.ts';
