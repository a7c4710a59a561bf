import { formatInstance, sameInstance } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `stale-generation`: nothing meant for one instance reaches another
 * instance of the same slot, and no handle obtained from one instance
 * reaches a later one.
 *
 * Judged on the design's `reached` observations: a notification queued, a
 * buffer mapped, an upcall run, a request taken or a response copied at
 * an instance other than the one its sender meant (the one its handle was
 * learned from).
 */
export const staleGeneration: Property = {
  id: 'stale-generation',
  description: 'nothing meant for one instance of a slot reaches another instance of it',
  needs: ['reached:notification', 'reached:mapping', 'reached:pointer', 'reached:request', 'reached:response'],
  situation: 'something reached a slot that had restarted',
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'reached' && o.actual.generation > 0),
  check({ outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'reached' && !sameInstance(o.intended, o.actual)) {
        return {
          property: 'stale-generation',
          message: `a ${o.what} meant for ${formatInstance(o.intended)} reached ${formatInstance(o.actual)}`,
        };
      }
    }
    return null;
  },
};
