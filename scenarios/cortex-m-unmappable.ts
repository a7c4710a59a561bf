import { defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

/**
 * SPEC.md hazard 1 on an ARMv7-M part: a 48-byte buffer cannot be covered
 * exactly by power-of-two regions or 32-byte subregions, so
 * `allocate_region(ptr, 48, 48)` is refused while five regions are free;
 * the kernel ignores that and hands the pointer over anyway.
 */
export const cortexMUnmappable: Scenario = {
  id: 'cortex-m-unmappable',
  summary: 'a 48-byte buffer is handed over unmapped although five MPU regions are free',
  hazard: 1,
  params: defaultParams('cortex-m'),
  trace: [
    { type: 'subscribe', by: 0, upcall: 0 },
    { type: 'share', by: 1, to: 0, buffer: 1 },
    { type: 'notify', by: 1, to: 0, kind: 'service' },
    { type: 'deliver', process: 0 },
    { type: 'deliver', process: 0 },
  ],
  expected: { 'tock-2.2': { 'graceful-exhaustion': 5 } },
};
