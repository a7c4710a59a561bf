import { entitled, formatBuffer, formatInstance } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `isolation`: no access succeeds outside the accessing instance's own memory
 * and the buffers that live instances currently share with it.
 *
 * Judged at each access the MPU allowed, against the entitlement before the
 * access. SPEC.md's second clause (no region covers a byte outside its
 * buffer) cannot fail on the `abstract` MPU, whose regions are buffers.
 */
export const isolation: Property = {
  id: 'isolation',
  description: "no access succeeds outside the accessor's own memory and the buffers live instances share with it",
  check({ design, before, outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'access' && o.allowed && !entitled(design, before, o.by, o.buffer)) {
        return {
          property: 'isolation',
          message: `${formatInstance(o.by)} touched ${formatBuffer(o.buffer)}, which no live instance shares with it, and the MPU allowed it`,
        };
      }
    }
    return null;
  },
};
