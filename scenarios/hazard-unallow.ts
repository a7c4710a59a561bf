import { bufferAddress, defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';
import { shareAndDeliver } from './steps.ts';

const params = defaultParams('abstract');

/** SPEC.md hazard 2: after unallow, the service keeps hardware access to the client's buffer. */
export const hazardUnallow: Scenario = {
  id: 'hazard-unallow',
  summary: 'the client unallows its buffer; the service can still touch it',
  hazard: 2,
  params,
  trace: [
    { type: 'subscribe', by: 0, upcall: 0 },
    ...shareAndDeliver(1, 0),
    { type: 'unallow', by: 1, to: 0 },
    { type: 'access', by: 0, addr: bufferAddress(params, 1, 0) },
  ],
  expected: { 'tock-2.2': { revocation: 6, isolation: 7 } },
};
