import { bufferAddress, defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';
import { shareAndDeliver } from './steps.ts';

const params = defaultParams('abstract');

/**
 * SPEC.md hazard 3: the client restarts; the service keeps access to memory
 * that now belongs to the new client instance.
 */
export const hazardClientRestart: Scenario = {
  id: 'hazard-client-restart',
  summary: 'the client restarts; the service can still touch the new instance’s memory',
  hazard: 3,
  params,
  trace: [
    { type: 'subscribe', by: 0, upcall: 0 },
    ...shareAndDeliver(1, 0),
    { type: 'restart', process: 1 },
    { type: 'access', by: 0, addr: bufferAddress(params, 1, 0) },
  ],
  expected: { 'tock-2.2': { revocation: 6, isolation: 7 } },
};
