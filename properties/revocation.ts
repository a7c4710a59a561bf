import { currentInstance, entitled, formatBuffer, formatInstance, mpuMapped, sameBuffer } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `revocation`: once a share ends (unallow, unshare, replacing the buffer,
 * or a restart of either side), its former holder has no access; no region
 * outlives the share it was made for.
 *
 * Judged after every step: a region that was backed by a live share before
 * the step, and is still in the holder's MPU after it, must still be backed.
 */
export const revocation: Property = {
  id: 'revocation',
  description: 'when a share ends, the MPU region made for it goes too',
  check({ design, before, after }) {
    for (let holder = 0; holder < after.processes.length; holder++) {
      const nowHolder = currentInstance(after, holder);
      const wasHolder = currentInstance(before, holder);
      const mappedBefore = mpuMapped(before.processes[holder]!.mpu);
      for (const buffer of mpuMapped(after.processes[holder]!.mpu)) {
        const wasBacked = mappedBefore.some((b) => sameBuffer(b, buffer)) && entitled(design, before, wasHolder, buffer);
        if (wasBacked && !entitled(design, after, nowHolder, buffer)) {
          return {
            property: 'revocation',
            message: `the share of ${formatBuffer(buffer)} with ${formatInstance(nowHolder)} ended, but its MPU region remains`,
          };
        }
      }
    }
    return null;
  },
};
