import { bufferAddress, defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

const params = defaultParams('abstract');

/**
 * SPEC.md hazard 4: index handles outlive the instance they were learned
 * from. The client shares with the service it discovered; the service
 * restarts and registers again; the client's old handle reaches the new
 * instance, its buffer is mapped there and handed over, and the new
 * instance touches memory nobody shared with it.
 */
export const hazardServiceRestart: Scenario = {
  id: 'hazard-service-restart',
  summary: 'the service restarts; the client’s old handle reaches the new instance and maps its buffer there',
  hazard: 4,
  params,
  trace: [
    { type: 'discover', by: 1, name: 'service' },
    { type: 'share', by: 1, to: 0, buffer: 0 },
    { type: 'restart', process: 0 },
    { type: 'subscribe', by: 0, upcall: 0 },
    { type: 'notify', by: 1, to: 0, kind: 'service' },
    { type: 'deliver', process: 0 },
    { type: 'deliver', process: 0 },
    { type: 'access', by: 0, addr: bufferAddress(params, 1, 0) },
  ],
  expected: { 'tock-2.2': { 'stale-generation': 5, isolation: 8 } },
};
