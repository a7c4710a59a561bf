import { defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

/**
 * SPEC.md hazard 4, client side: the service learns a client's index from
 * its notification; the client restarts; the service's notify reaches the
 * new client instance.
 */
export const hazardClientHandle: Scenario = {
  id: 'hazard-client-handle',
  summary: 'a client restarts; the service’s reply reaches the new instance',
  hazard: 4,
  params: defaultParams('abstract'),
  trace: [
    { type: 'subscribe', by: 0, upcall: 0 },
    { type: 'notify', by: 1, to: 0, kind: 'service' },
    { type: 'deliver', process: 0 },
    { type: 'deliver', process: 0 },
    { type: 'restart', process: 1 },
    { type: 'notify', by: 0, to: 1, kind: 'client' },
  ],
  expected: { 'tock-2.2': { 'stale-generation': 6 } },
};
