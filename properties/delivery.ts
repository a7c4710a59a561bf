import { formatInstance } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `delivery`: a notification whose call returned success reaches that same
 * target instance as an upcall, unless that instance ended.
 *
 * Judged on the design's `lost` observations: the kernel dropped the task
 * (cause `stale-sender`, `sender-not-running`, `self-notify`) or turned it
 * into a null upcall nobody will run (`unsubscribed`), while the target
 * lives on. A target that restarts takes its queue with it: not a loss.
 * Not judged: the bound on the target's scheduling steps (a notification
 * waiting forever in the queue of a process never scheduled).
 */
export const delivery: Property = {
  id: 'delivery',
  description: 'a notification whose call succeeded reaches its target as an upcall, unless the target ended',
  needs: ['reached:notification', 'lost:notification'],
  situation: 'a notification was queued',
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'reached' && o.what === 'notification'),
  check({ outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'lost') {
        return {
          property: 'delivery',
          cause: o.cause,
          message: `a notification to ${formatInstance(o.at)} that returned SUCCESS will never run as an upcall (${o.cause})`,
        };
      }
    }
    return null;
  },
};
