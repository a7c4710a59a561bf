import { defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';
import { shareAndDeliver } from './steps.ts';

/** Buffers that an ARMv7-M MPU maps exactly: 64 bytes aligned, 32 bytes aligned, 192 bytes as six subregions. */
const MAPPABLE = [0, 3, 4];

/**
 * SPEC.md hazard 5 on a real 8-region ARMv7-M part: two clients share their
 * three mappable buffers with the service one after another; five regions
 * are left for IPC, so the sixth buffer is handed over unmapped. (Each
 * re-share also leaves the old buffer mapped: revocation breaks first.)
 */
export const cortexMExhaustion: Scenario = {
  id: 'cortex-m-exhaustion',
  summary: 'six distinct buffers use up the five free regions of an 8-region Cortex-M MPU',
  hazard: 5,
  params: { ...defaultParams('cortex-m'), buffers: 6 },
  trace: [
    { type: 'subscribe', by: 0, upcall: 0 },
    ...[1, 2].flatMap((client) => MAPPABLE.flatMap((buffer) => shareAndDeliver(client, buffer))),
  ],
  expected: { 'tock-2.2': { 'graceful-exhaustion': 25, revocation: 6 } },
};
