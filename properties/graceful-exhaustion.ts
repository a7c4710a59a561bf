import {
  bufferSpan,
  containsByte,
  coversSpan,
  describeAddress,
  entitledSpans,
  formatBuffer,
  formatInstance,
  hex,
  mpuFor,
  mpuRanges,
  initialWorld,
  slotAt,
  type Span,
  type World,
} from '../model/index.ts';
import type { Property, Violation } from './property.ts';

/**
 * `graceful-exhaustion`: no pointer to a buffer is handed over without the
 * access right to use it, and no process faults touching a buffer it is
 * entitled to; a region that cannot be allocated must surface as an error.
 *
 * Judged when an upcall carrying a pointer runs in a process whose MPU does
 * not cover the whole buffer, and when an entitled access faults. The cause
 * is `exhausted` when no MPU region is free and the buffer would map on the
 * process's fresh configuration; otherwise `unmappable` (a region is free,
 * or the allocator could never cover this buffer).
 */
export const gracefulExhaustion: Property = {
  id: 'graceful-exhaustion',
  description: 'no pointer is handed over without the MPU access to use it, and no entitled access faults',
  check({ design, before, after, outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'handover') {
        const span = bufferSpan(after, o.buffer);
        if (coversSpan(mpuRanges(slotAt(after, o.to.index).mpu), span.start, span.end)) continue;
        return violation(after, o.to.index, span, `${formatInstance(o.to)} was handed a pointer to ${formatBuffer(o.buffer)} but cannot touch all of it`);
      }
      if (o.type === 'access' && !o.allowed && containsByte(entitledSpans(design, before, o.by), o.addr)) {
        return violation(before, o.by.index, { start: o.addr, end: o.addr + 1 }, `${formatInstance(o.by)} faulted touching ${hex(o.addr)} (${describeAddress(before, o.addr)}), which is shared with it`);
      }
    }
    return null;
  },
};

/** A violation whose cause says whether slot `index`'s MPU ran out of regions for `span`, or cannot map it at all. */
function violation(world: World, index: number, span: Span, what: string): Violation {
  const mpu = slotAt(world, index).mpu;
  const arch = mpuFor(mpu.context.arch, mpu.context.regions);
  const free = arch.freeRegions?.(mpu.context.config) ?? 0;
  if (free > 0) {
    return { property: 'graceful-exhaustion', cause: 'unmappable', message: `${what}: although ${free} MPU region(s) are free, none can cover it` };
  }
  const fresh = initialWorld(world.params).processes[index]!.mpu.context.config;
  const size = span.end - span.start;
  if (arch.allocateRegion(fresh, span.start, size, size, 'rw') === null) {
    return { property: 'graceful-exhaustion', cause: 'unmappable', message: `${what}: the MPU could not cover it even with every region free` };
  }
  return { property: 'graceful-exhaustion', cause: 'exhausted', message: `${what}: no MPU region is free` };
}
