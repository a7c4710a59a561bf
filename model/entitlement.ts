import type { Design } from './design.ts';
import { sameBuffer, sameInstance, type BufferRef, type Instance } from './instance.ts';
import { hardwareAllows } from './kernel-steps.ts';
import { isCurrent, type World } from './world.ts';

/**
 * Ground truth for the properties: may `by` touch `buffer` in `world`?
 *
 * Yes iff `by` is the live instance of its slot and the buffer is its own,
 * or the live instance owning the buffer currently shares it with exactly
 * `by` (the design's `shares`). A faulted instance still owns its memory
 * until it restarts.
 */
export function entitled(design: Design, world: World, by: Instance, buffer: BufferRef): boolean {
  if (!isCurrent(world, by)) return false;
  if (buffer.owner === by.index) return true;
  return design
    .shares(world)
    .some((s) => isCurrent(world, s.owner) && sameBuffer(s.buffer, buffer) && sameInstance(s.to, by));
}

export { hardwareAllows };
