import { bufferAddress, defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';
import { shareAndDeliver } from './steps.ts';

const params = defaultParams('abstract');

/**
 * SPEC.md hazards 5 and 1: each distinct client buffer takes a region of the
 * service's MPU; once none is free, the next buffer is still handed over as
 * a pointer, and the service faults when it touches it. Which client loses
 * depends on the order: here client 2, in `hazardExhaustionReversed` client 1.
 */
export const hazardExhaustion: Scenario = {
  id: 'hazard-exhaustion',
  summary: 'two clients share with a service that has one free region; the second is handed over unmapped',
  hazard: 5,
  params,
  trace: [{ type: 'subscribe', by: 0, upcall: 0 }, ...shareAndDeliver(1, 0), ...shareAndDeliver(2, 0), { type: 'access', by: 0, addr: bufferAddress(params, 2, 0) }],
  expected: { 'tock-2.2': { 'graceful-exhaustion': 9 } },
};

/** The same shares in the other order: now client 1's buffer is the one left unmapped. */
export const hazardExhaustionReversed: Scenario = {
  id: 'hazard-exhaustion-reversed',
  summary: 'the same two shares in the other order: the first client is the one that loses',
  hazard: 5,
  params,
  trace: [{ type: 'subscribe', by: 0, upcall: 0 }, ...shareAndDeliver(2, 0), ...shareAndDeliver(1, 0), { type: 'access', by: 0, addr: bufferAddress(params, 1, 0) }],
  expected: { 'tock-2.2': { 'graceful-exhaustion': 9 } },
};
