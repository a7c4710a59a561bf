import { defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

/**
 * On the ARMv8-M allocator a buffer whose start is not 32-aligned but whose
 * length is a multiple of 32 maps shifted: the region starts at the next
 * 32-byte boundary and keeps the length (arch/cortex-m33/src/mpu_v8m.rs
 * `allocate_region`), so the service gains up to 31 bytes of the client's
 * memory past the buffer. Buffer 2 is 64 bytes at a 16-aligned address.
 */
export const cortexM33OverGrant: Scenario = {
  id: 'cortex-m33-over-grant',
  summary: 'a 64-byte buffer 16 bytes off 32-alignment maps shifted and grants 16 bytes past its end',
  params: { ...defaultParams('cortex-m33'), buffers: 3 },
  trace: [
    { type: 'share', by: 1, to: 0, buffer: 2 },
    { type: 'notify', by: 1, to: 0, kind: 'service' },
    { type: 'deliver', process: 0 },
    // Nothing subscribed upcall 0: the upcall is a null upcall, discarded (the notification lost) when dequeued.
    { type: 'deliver', process: 0 },
  ],
  expected: { 'tock-2.2': { isolation: 3, delivery: 4 } },
};
