import { isLive } from './process-machine.ts';
import { currentInstance, statusAt, type World } from './world.ts';
import type { Observation } from './outcome.ts';

/** The observation of a discovery by slot `by` of `name` that found slot `found` (null: none), as the world is when it answers. */
export function discovered(world: World, by: number, name: string, found: number | null): Observation {
  return {
    type: 'discovered',
    by: currentInstance(world, by),
    name,
    found: found === null ? null : currentInstance(world, found),
    live: found !== null && isLive(statusAt(world, found)),
  };
}
