import { entitled, formatBuffer, formatInstance, hardwareAllows } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `graceful-exhaustion`: no pointer to a buffer is handed over without the
 * access right to use it, and no process faults touching a buffer it is
 * entitled to; a region that cannot be allocated must surface as an error.
 *
 * Judged when an upcall carrying a pointer runs in a process whose MPU does
 * not cover that buffer, and when an entitled access faults.
 */
export const gracefulExhaustion: Property = {
  id: 'graceful-exhaustion',
  description: 'no pointer is handed over without the MPU access to use it, and no entitled access faults',
  check({ design, before, after, outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'handover' && !hardwareAllows(after, o.to.index, o.buffer)) {
        return {
          property: 'graceful-exhaustion',
          message: `${formatInstance(o.to)} was handed a pointer to ${formatBuffer(o.buffer)} but its MPU has no region for it`,
        };
      }
      if (o.type === 'access' && !o.allowed && entitled(design, before, o.by, o.buffer)) {
        return {
          property: 'graceful-exhaustion',
          message: `${formatInstance(o.by)} faulted touching ${formatBuffer(o.buffer)}, which is shared with it`,
        };
      }
    }
    return null;
  },
};
