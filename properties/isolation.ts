import {
  accessActions,
  appMemory,
  containsByte,
  currentInstance,
  describeAddress,
  entitledSpans,
  foreignAccess,
  formatInstance,
  formatSpans,
  hex,
  isLive,
  kernelMemoryOf,
  mpuAllows,
  slotAt,
  statusAt,
  subtract,
  union,
  type Span,
} from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `isolation`: no access succeeds outside the accessing instance's own
 * memory and the buffers that live instances currently share with it; and
 * no MPU region covers a byte outside the buffer it was made for.
 *
 * Judged at each access the MPU allowed, against the entitlement before the
 * access (cause `unshared-access`, or `grant-memory` when the byte is
 * another live process's kernel-owned memory: its grants, where the
 * kernel keeps pointers and lengths it trusts); and at each step, the bytes of other
 * processes that became accessible must lie inside the buffers the kernel
 * asked to map (cause `over-grant`). Its `lookahead` proposes the access
 * that would break it next.
 */
export const isolation: Property = {
  id: 'isolation',
  description: "no access succeeds outside the accessor's own memory and the buffers live instances share with it",
  causes: ['unshared-access', 'grant-memory', 'over-grant'],
  needs: ['access', 'map-request'],
  situation: "a process touched another process's memory and the MPU allowed it",
  witness: ({ before, outcome }) =>
    outcome.observations.some((o) => o.type === 'access' && o.allowed && !containsByte([appMemory(before, o.by.index)], o.addr)),
  check({ design, before, after, outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'access' && o.allowed && !containsByte(entitledSpans(design, before, o.by), o.addr)) {
        const owner = before.processes.findIndex((slot, p) => p !== o.by.index && isLive(statusAt(before, p)) && containsByte([kernelMemoryOf(slot)], o.addr));
        if (owner >= 0) {
          return {
            property: 'isolation',
            cause: 'grant-memory',
            message: `${formatInstance(o.by)} touched ${hex(o.addr)}, kernel-owned memory of ${formatInstance(currentInstance(before, owner))} (its grants), and the MPU allowed it`,
          };
        }
        return {
          property: 'isolation',
          cause: 'unshared-access',
          message: `${formatInstance(o.by)} touched ${hex(o.addr)} (${describeAddress(before, o.addr)}), which no live instance shares with it, and the MPU allowed it`,
        };
      }
    }
    const requested = union(outcome.observations.flatMap((o) => (o.type === 'map-request' ? [o] : [])));
    for (let p = 0; p < after.processes.length; p++) {
      // Only a slot whose MPU changed can have gained access (slot identity first: an untouched slot costs no read).
      if (after.processes[p] === before.processes[p] || after.processes[p]!.mpu === before.processes[p]!.mpu) continue;
      const gained = subtract(foreignAccess(after, p), foreignAccess(before, p));
      const beyond = subtract(gained, requested);
      if (beyond.length > 0) {
        return {
          property: 'isolation',
          cause: 'over-grant',
          message: `#${p}'s MPU now reaches ${formatSpans(beyond)} (${describeAddress(after, beyond[0]!.start)}), outside the buffer it was mapped for`,
        };
      }
    }
    return null;
  },
  /**
   * An access the MPU allows outside the accessor's entitlement (cause
   * `unshared-access`): reads the accessors' lifecycles, MPUs and app
   * pointers and, once an access is allowed, the shares, but no task
   * queue, so a search's memo of it serves worlds that differ only there.
   */
  lookahead(design, world) {
    for (let p = 0; p < world.processes.length; p++) {
      let entitled: Span[] | null = null;
      for (const access of accessActions(world, p)) {
        if (!mpuAllows(slotAt(world, p).mpu, access.addr)) continue;
        entitled ??= entitledSpans(design, world, currentInstance(world, p));
        if (!containsByte(entitled, access.addr)) return access;
      }
    }
    return null;
  },
};
