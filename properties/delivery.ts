import { formatInstance } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `delivery`: a notification, request or response whose call returned
 * success reaches that same target instance (as an upcall, or through a
 * poll the design offers), unless that instance ended.
 *
 * Judged on the design's `lost` observations: for the legacy IPC, the
 * kernel dropped the task (cause `stale-sender`, `sender-not-running`,
 * `self-notify`, or `no-grant-memory` when the target's or the sender's
 * IPC grant did not fit), discarded the null upcall it became because nobody
 * subscribed its number (`unsubscribed`, judged when discarded: a
 * Yield-WaitFor on that number would have returned it), or removed its queued upcall when the target
 * subscribed that number again (`resubscribed`); for the 2026 capsules, a response or a discovered
 * identifier whose upcall was not queued (`queue-full`) or a request
 * cleared with no word to its client (`own-disable`); in every case while the target lives on. A target that
 * restarts takes its queue with it: not a loss. Not judged: the bound on
 * the target's scheduling steps (a notification waiting forever in the
 * queue of a process never scheduled).
 */
export const delivery: Property = {
  id: 'delivery',
  description: 'a notification, request or response whose call succeeded reaches its target, unless the target ended',
  needs: ['reached:notification', 'lost:notification', 'reached:request', 'reached:response', 'lost:request', 'lost:response', 'lost:identifier'],
  situation: 'a notification, request or response reached its target',
  causes: (design) => design.losses,
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'reached' && (o.what === 'notification' || o.what === 'request' || o.what === 'response')),
  check({ outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'lost') {
        return {
          property: 'delivery',
          cause: o.cause,
          message: `${o.what === 'identifier' ? 'an' : 'a'} ${o.what} to ${formatInstance(o.at)} that returned SUCCESS will never ${o.what === 'notification' ? 'run as an upcall' : 'reach it'} (${o.cause})`,
        };
      }
    }
    return null;
  },
};
