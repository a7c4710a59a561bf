import { bufferSpan, containsByte, coversSpan, describeAddress, entitledSpans, formatBuffer, formatInstance, hex, mpuFor, mpuRanges, slotAt } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `graceful-exhaustion`: no pointer to a buffer is handed over without the
 * access right to use it, and no process faults touching a buffer it is
 * entitled to; a region that cannot be allocated must surface as an error.
 *
 * Judged when an upcall carrying a pointer runs in a process whose MPU does
 * not cover the whole buffer (cause `unmappable` when the MPU still has a
 * free region, `exhausted` when it has none), and when an entitled access
 * faults.
 */
export const gracefulExhaustion: Property = {
  id: 'graceful-exhaustion',
  description: 'no pointer is handed over without the MPU access to use it, and no entitled access faults',
  check({ design, before, after, outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'handover') {
        const span = bufferSpan(after, o.buffer);
        const mpu = slotAt(after, o.to.index).mpu;
        if (coversSpan(mpuRanges(mpu), span.start, span.end)) continue;
        const free = mpuFor(mpu.context.arch, mpu.context.regions).freeRegions?.(mpu.context.config) ?? 0;
        const cause = free > 0 ? 'unmappable' : 'exhausted';
        const why = free > 0 ? `although ${free} MPU region(s) are free, none can cover it` : 'no MPU region is free';
        return {
          property: 'graceful-exhaustion',
          cause,
          message: `${formatInstance(o.to)} was handed a pointer to ${formatBuffer(o.buffer)} but cannot touch all of it: ${why}`,
        };
      }
      if (o.type === 'access' && !o.allowed && containsByte(entitledSpans(design, before, o.by), o.addr)) {
        return {
          property: 'graceful-exhaustion',
          cause: 'fault',
          message: `${formatInstance(o.by)} faulted touching ${hex(o.addr)} (${describeAddress(before, o.addr)}), which is shared with it`,
        };
      }
    }
    return null;
  },
};
