import { variant, type Design, type StepResult } from '../../design.ts';
import { shareProposal } from './design.ts';

/**
 * `share-proposal` with one rule removed each (./rules.ts names them):
 * how the checker shows that the rule is needed. Each is one guard or
 * action provided over the design's kernel machine.
 */
const never = () => false;
const skip = (step: StepResult) => step;

export const SHARE_PROPOSAL_VARIANTS: readonly Design[] = [
  variant(shareProposal, 'share-proposal/no-target-check', 'share-proposal, but a share may name an identifier no live instance has', { guards: { targetGone: never } }),
  variant(shareProposal, 'share-proposal/no-map-check', 'share-proposal, but a buffer is shared whether or not it maps exactly', { guards: { unmappable: never } }),
  variant(shareProposal, 'share-proposal/no-overlap-check', "share-proposal, but a buffer may overlap the sharer's other shares", { guards: { overlapping: never } }),
  variant(shareProposal, 'share-proposal/no-identity-check', 'share-proposal, but any instance of the named slot may activate a share', { guards: { meantForAnother: never } }),
  variant(shareProposal, 'share-proposal/no-instance-checks', 'share-proposal, but neither share nor activation checks the instance: the two checks above together', {
    guards: { targetGone: never, meantForAnother: never },
  }),
  variant(shareProposal, 'share-proposal/no-activation-check', 'share-proposal, but activation hands the pointer over even when no region was made', { guards: { regionRefused: never } }),
  variant(shareProposal, 'share-proposal/no-unshare-revocation', "share-proposal, but unshare leaves the region in the server's MPU", { actions: { unmapOnUnshare: skip } }),
  variant(shareProposal, 'share-proposal/no-end-revocation', 'share-proposal, but a restart or fault revokes no share', { actions: { revokeOnEnd: skip } }),
];
