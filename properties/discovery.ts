import { formatInstance, intendedServer } from '../model/index.ts';
import type { Property } from './property.ts';

/**
 * `discovery`: a discovery returns a live instance of the process the
 * board means to serve that name, or an error.
 *
 * Judged on the design's `discovered` observations against the ghost
 * intent `intendedServer` (the slot whose package name the name is, an
 * impostor's claim aside): `impostor` when it returned another process,
 * `not-live` when it returned one that is not running.
 */
export const discovery: Property = {
  id: 'discovery',
  description: 'a discovery returns a live instance of the process meant to serve the name, or an error',
  needs: ['discovered'],
  situation: 'a discovery returned a process',
  causes: ['impostor', 'not-live'],
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'discovered' && o.found !== null),
  check({ before, outcome }) {
    for (const o of outcome.observations) {
      if (o.type !== 'discovered' || o.found === null) continue;
      const meant = intendedServer(before, o.name);
      if (o.found.index !== meant) {
        const whom = meant === null ? 'no process' : `#${meant}`;
        return { property: 'discovery', cause: 'impostor', message: `${formatInstance(o.by)} discovered "${o.name}" as ${formatInstance(o.found)}, but the board means ${whom} to serve it` };
      }
      if (!o.live) {
        return { property: 'discovery', cause: 'not-live', message: `${formatInstance(o.by)} discovered "${o.name}" as ${formatInstance(o.found)}, which is not running` };
      }
    }
    return null;
  },
};
