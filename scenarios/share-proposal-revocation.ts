import { bufferAddress, defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

const params = defaultParams('cortex-m');

/**
 * `share-proposal`'s answer to hazards 2 and 3: a client shares a buffer,
 * the service activates it and touches it, the client unshares; then it
 * shares again, the service activates, and the client restarts. Each time
 * the region goes with the share, so the service's later touch faults by
 * its own error and no property breaks. Without the rule that removes the
 * region, the same trace breaks `revocation` where the share ends.
 */
export const shareProposalRevocation: Scenario = {
  id: 'share-proposal-revocation',
  summary: 'a share ends by unshare, then by the client restarting; the region goes each time',
  params,
  trace: [
    { type: 'discover', by: 1, name: 'service' },
    { type: 'share', by: 1, to: 0, buffer: 0 },
    { type: 'activate', by: 0, from: 1, buffer: 0 },
    { type: 'access', by: 0, addr: bufferAddress(params, 1, 0) },
    { type: 'unshare', by: 1, buffer: 0 },
    { type: 'share', by: 1, to: 0, buffer: 0 },
    { type: 'activate', by: 0, from: 1, buffer: 0 },
    { type: 'restart', process: 1 },
  ],
  expected: {
    'share-proposal': {},
    'share-proposal/no-unshare-revocation': { revocation: 5 },
    'share-proposal/no-end-revocation': { revocation: 8 },
  },
};
