import { GRANT_SIZES, HEAP_STEP, type GrantName } from './memory-layout.ts';
import type { Span } from './spans.ts';
import type { ProcessSlot } from './world.ts';

/**
 * How far a process's memory use has moved since its instance started, in
 * worlds with `heap` (in others it never moves): whether its heap grew by
 * HEAP_STEP past the start-up break (memop sbrk, process_standard.rs
 * `brk`), and the grants it has allocated, each downward from the kernel
 * break on first use (`allocate_in_grant_region_internal`). The
 * layout's breaks (`ProcessMemory`) are where both start; `terminate`
 * forgets the grants but leaves both breaks where they are, and only
 * `reset` (a restart here) puts them back (process_standard.rs 2100-2109).
 */
export interface Growth {
  readonly heap: boolean;
  /** In the order allocated. */
  readonly grants: readonly GrantName[];
}

/** Where every instance starts. */
export const NO_GROWTH: Growth = Object.freeze({ heap: false, grants: Object.freeze([]) as readonly GrantName[] });

/** The app break now: app-owned memory lies below it. */
export function appBreakOf(slot: ProcessSlot): number {
  return slot.memory.appBreak + (slot.growth.heap ? HEAP_STEP : 0);
}

/** The kernel break now: the grants and the kernel's own process memory lie from it to the end of the block. */
export function kernelBreakOf(slot: ProcessSlot): number {
  return slot.memory.kernelBreak - slot.growth.grants.reduce((sum, g) => sum + GRANT_SIZES[g], 0);
}

/** The kernel-owned bytes of the slot's memory block now: from its kernel break to the block's end. */
export function kernelMemoryOf(slot: ProcessSlot): Span {
  return { start: kernelBreakOf(slot), end: slot.memory.ram.start + slot.memory.ram.size };
}
