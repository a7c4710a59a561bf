import { defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

/**
 * SPEC.md hazard 6: notify reports only enqueue failures. Here both
 * notifications return SUCCESS and neither ever runs as an upcall: the
 * client notifies itself (dropped at delivery), then notifies a service
 * that has not subscribed (a null upcall, discarded).
 */
export const hazardSilentLoss: Scenario = {
  id: 'hazard-silent-loss',
  summary: 'two notifications return SUCCESS and are lost at delivery: self-notify, then an unsubscribed service',
  hazard: 6,
  params: defaultParams('abstract'),
  trace: [
    { type: 'notify', by: 1, to: 1, kind: 'service' },
    { type: 'notify', by: 1, to: 0, kind: 'service' },
    { type: 'deliver', process: 1 },
    { type: 'deliver', process: 0 },
  ],
  expected: { 'tock-2.2': { delivery: 3 } },
};
