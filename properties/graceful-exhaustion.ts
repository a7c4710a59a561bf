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
  type BufferRef,
  type NotifyKind,
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
  causes: ['unmappable', 'exhausted'],
  needs: ['handover', 'access'],
  situation: "a pointer to another process's buffer was handed over",
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'handover'),
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
  guide: exhaustionProgress,
};

/**
 * Progress towards running a process out of MPU regions with a pointer
 * handed over (the deep `exhausted` cause), taken over the process nearest
 * to it: five points per MPU region in use; then four when an upcall
 * carrying a pending buffer waits in its queue; otherwise, for the best
 * sharer (another process whose allow for it holds a pending buffer) one
 * point, one more when it is subscribed to an upcall such a notification
 * would run, one more when a notification from that sharer waits in its
 * queue with its upcall subscribed. A buffer is pending when the MPU does
 * not cover it but could map it now, or could with every region free when
 * none is: one the allocator can never cover leads nowhere.
 */
function exhaustionProgress(world: World): number {
  let best = 0;
  world.processes.forEach((slot, p) => {
    const { arch: archId, regions, config } = slot.mpu.context;
    const arch = mpuFor(archId, regions);
    const fresh = initialWorld(world.params).processes[p]!.mpu.context.config;
    const free = arch.freeRegions?.(config) ?? 0;
    const used = regions - free;
    const ranges = mpuRanges(slot.mpu);
    const pending = (buffer: BufferRef) => {
      const span = bufferSpan(world, buffer);
      const size = span.end - span.start;
      if (coversSpan(ranges, span.start, span.end)) return false;
      return arch.allocateRegion(free > 0 ? config : fresh, span.start, size, size, 'rw') !== null;
    };
    const upcalls = slot.grant.upcalls;
    const handover = slot.tasks.context.tasks.some((t) => t.kind === 'upcall' && t.buffer !== null && pending(t.buffer));
    let sharer = 0;
    world.processes.forEach((other, j) => {
      const allow = other.grant.allows[p];
      if (allow === null || allow === undefined || j === p || !pending({ owner: j, buffer: allow.buffer })) return;
      const upcallOf = (kind: NotifyKind) => (kind === 'service' ? p : j);
      const subscribed = upcalls[p] === true || upcalls[j] === true;
      const waiting = slot.tasks.context.tasks.some((t) => t.kind === 'ipc' && t.from.index === j && upcalls[upcallOf(t.notify)] === true);
      sharer = Math.max(sharer, 1 + (subscribed ? 1 : 0) + (waiting ? 1 : 0));
    });
    best = Math.max(best, 5 * used + (handover ? 4 : sharer));
  });
  return best;
}

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
    const none = (arch.freeRegions?.(fresh) ?? 1) === 0;
    const why = none ? `--regions ${mpu.context.regions} leaves the MPU no region beyond the process's own memory, so nothing can ever be mapped` : 'the MPU could not cover it even with every region free';
    return { property: 'graceful-exhaustion', cause: 'unmappable', message: `${what}: ${why}` };
  }
  return { property: 'graceful-exhaustion', cause: 'exhausted', message: `${what}: no MPU region is free` };
}
