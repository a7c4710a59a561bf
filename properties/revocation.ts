import { currentInstance, describeAddress, entitledSpans, foreignAccess, formatInstance, formatSpans, intersect, subtract } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `revocation`: once a share ends (unallow, unshare, replacing the buffer,
 * or a restart of either side), its former holder has no access; no region
 * outlives the share it was made for.
 *
 * Judged after every step: bytes of another process that a holder could
 * touch and was entitled to before the step, and can still touch after it,
 * must still be shared with it.
 */
export const revocation: Property = {
  id: 'revocation',
  description: 'when a share ends, the access it gave ends too',
  needs: ['map-request'],
  situation: 'a share ended while its holder could touch the buffer',
  witness({ design, before, after }) {
    for (let holder = 0; holder < before.processes.length; holder++) {
      const reach = foreignAccess(before, holder);
      if (reach.length === 0) continue;
      const backed = intersect(reach, entitledSpans(design, before, currentInstance(before, holder)));
      if (subtract(backed, entitledSpans(design, after, currentInstance(before, holder))).length > 0) return true;
    }
    return false;
  },
  check({ design, before, after }) {
    for (let holder = 0; holder < after.processes.length; holder++) {
      // Cheap test first: a holder reaching no other process's memory keeps nothing (and the shares need not be read).
      const reach = foreignAccess(before, holder);
      if (reach.length === 0) continue;
      const wasBacked = intersect(reach, entitledSpans(design, before, currentInstance(before, holder)));
      const kept = intersect(wasBacked, foreignAccess(after, holder));
      const orphaned = subtract(kept, entitledSpans(design, after, currentInstance(after, holder)));
      if (orphaned.length > 0) {
        return {
          property: 'revocation',
          message: `a share with ${formatInstance(currentInstance(after, holder))} ended, but it can still touch ${formatSpans(orphaned)} (${describeAddress(after, orphaned[0]!.start)})`,
        };
      }
    }
    return null;
  },
};
