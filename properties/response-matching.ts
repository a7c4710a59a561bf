import { formatInstance } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `response-matching`: a response is delivered only as the answer to the
 * very request it was produced for, never to a different request of the
 * same client.
 *
 * Judged on the design's `answered` observations, whose ghost `matches`
 * says whether the request the client now has outstanding is the one the
 * server took.
 */
export const responseMatching: Property = {
  id: 'response-matching',
  description: 'a response reaches a client only as the answer to the request it was produced for',
  needs: ['answered'],
  situation: 'a response reached a client',
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'answered'),
  check({ outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'answered' && !o.matches) {
        return {
          property: 'response-matching',
          message: `a response from ${formatInstance(o.from)} reached ${formatInstance(o.to)} as the answer to its request, but was produced for an earlier one (canceled, or made by an earlier instance of the slot)`,
        };
      }
    }
    return null;
  },
};
