import { variant, type Design, type StepResult } from '../../design.ts';
import { shareProposal } from './design.ts';

/**
 * `share-proposal` with one rule removed each (./rules.ts names them):
 * how the checker shows that the rule is needed. Each provides the
 * guards or actions of one rule over the design's kernel machine: one,
 * but two for the rule enforced at two points (`no-instance-checks`;
 * test/compare.test.ts shows that either point alone suffices).
 */
const never = () => false;
const skip = (step: StepResult) => step;

export const SHARE_PROPOSAL_VARIANTS: readonly Design[] = [
  variant(shareProposal, 'share-proposal/no-map-check', 'share-proposal, but a buffer is shared whether or not it maps exactly', { guards: { unmappable: never } }),
  variant(shareProposal, 'share-proposal/no-overlap-check', "share-proposal, but a buffer may overlap the sharer's other shares", { guards: { overlapping: never } }),
  variant(shareProposal, 'share-proposal/no-instance-checks', 'share-proposal, but neither share nor activation checks the instance a share is for', {
    guards: { targetGone: never, meantForAnother: never },
  }),
  variant(shareProposal, 'share-proposal/no-activation-check', 'share-proposal, but activation hands the pointer over even when no region was made', { guards: { regionRefused: never } }),
  variant(shareProposal, 'share-proposal/no-unshare-revocation', "share-proposal, but unshare leaves the region in the server's MPU", { actions: { unmapOnUnshare: skip } }),
  variant(shareProposal, 'share-proposal/no-end-revocation', 'share-proposal, but a restart or fault revokes no share', { actions: { revokeOnEnd: skip } }),
];
