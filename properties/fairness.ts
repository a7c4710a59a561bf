import { formatInstance } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `fairness`: while a request waits, a server that keeps taking "any next
 * request" takes it before it has passed over it more than a bound of
 * times: the number of clients in the world.
 *
 * Judged on the design's `passed-over` observations: a take of another
 * client's request while this one waited on the same server instance.
 * Takes that name their client are the server's choice and not counted.
 */
export const fairness: Property = {
  id: 'fairness',
  description: 'a waiting request is passed over by its server at most as many times as there are clients',
  needs: ['passed-over'],
  situation: 'a server took another request while one waited',
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'passed-over'),
  check({ before, outcome }) {
    const bound = before.params.clients;
    for (const o of outcome.observations) {
      if (o.type === 'passed-over' && o.times > bound) {
        return {
          property: 'fairness',
          message: `${formatInstance(o.server)} took another client's request while ${formatInstance(o.waiting)}'s waited, ${o.times} times (bound: ${bound}, the number of clients)`,
        };
      }
    }
    return null;
  },
};
