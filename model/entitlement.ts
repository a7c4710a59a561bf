import type { Design } from './design.ts';
import { appBreakOf, kernelBreakOf } from './growth.ts';
import { sameInstance, type BufferRef, type Instance } from './instance.ts';
import { mpuRanges } from './mpu-machine.ts';
import { hex, intersect, union, type Span } from './spans.ts';
import { isCurrent, slotAt, type World } from './world.ts';

/**
 * Ground truth for the properties: which bytes an instance may touch, which
 * it can touch, and what a byte is.
 *
 * An instance may touch its own app memory (below its break) while it is the
 * live instance of its slot, and the buffers that live instances currently
 * share with exactly it (the design's `shares`). Its grant area is kernel
 * memory, not its own. A faulted instance still owns its memory until it
 * restarts.
 */

/** The bytes of a buffer. */
export function bufferSpan(world: World, ref: BufferRef): Span {
  const region = slotAt(world, ref.owner).memory.buffers[ref.buffer];
  if (region === undefined) throw new RangeError(`slot ${ref.owner} has no buffer ${ref.buffer}`);
  return { start: region.start, end: region.start + region.size };
}

/** The app-owned memory of slot `index`: from its memory start to its break now. */
export function appMemory(world: World, index: number): Span {
  const slot = slotAt(world, index);
  return { start: slot.memory.ram.start, end: appBreakOf(slot) };
}

/** The bytes `by` is entitled to touch. */
export function entitledSpans(design: Design, world: World, by: Instance): Span[] {
  if (!isCurrent(world, by)) return [];
  const shared = design
    .shares(world)
    .filter((s) => isCurrent(world, s.owner) && sameInstance(s.to, by))
    .map((s) => bufferSpan(world, s.buffer));
  return union([appMemory(world, by.index), ...shared]);
}

/**
 * The bytes of other processes (flash and RAM) that slot `by`'s MPU lets it
 * read and write. Properties ask this of every slot before and after every
 * step, and a step leaves most MPUs alone (the same object), so the answer
 * is kept per MPU object, for the memory layout it was computed on.
 */
export function foreignAccess(world: World, by: number): readonly Span[] {
  const mpu = slotAt(world, by).mpu;
  const known = foreignAccessOf.get(mpu);
  if (known !== undefined && known.by === by && known.slots === world.processes.length && world.processes.every((s, i) => s.memory === known.memories[i])) return known.spans;
  const rw = mpuRanges(mpu).filter((r) => r.perms.includes('r') && r.perms.includes('w'));
  const others = world.processes.flatMap((slot, i) =>
    i === by ? [] : [slot.memory.flash, slot.memory.ram].map((r) => ({ start: r.start, end: r.start + r.size })),
  );
  const spans = intersect(rw, others);
  foreignAccessOf.set(mpu, { by, slots: world.processes.length, memories: world.processes.map((s) => s.memory), spans });
  return spans;
}

/** `foreignAccess`'s last answer per MPU object: the slot asked about and the memory layout it was computed on. */
const foreignAccessOf = new WeakMap<object, { readonly by: number; readonly slots: number; readonly memories: readonly object[]; readonly spans: readonly Span[] }>();

/** What the byte at `addr` is, for messages: `b0 of #1`, `grant memory of #2`, ... */
export function describeAddress(world: World, addr: number): string {
  for (const [i, slot] of world.processes.entries()) {
    const m = slot.memory;
    const b = m.buffers.findIndex((r) => r.start <= addr && addr < r.start + r.size);
    if (b >= 0) return `b${b} of #${i}`;
    if (m.flash.start <= addr && addr < m.flash.start + m.flash.size) return `flash of #${i}`;
    if (m.ram.start <= addr && addr < appBreakOf(slot)) return `app memory of #${i}`;
    if (kernelBreakOf(slot) <= addr && addr < m.ram.start + m.ram.size) return `grant memory of #${i} (kernel-owned)`;
    if (appBreakOf(slot) <= addr && addr < kernelBreakOf(slot)) return `unallocated memory of #${i}`;
  }
  return `${hex(addr)}, outside every process`;
}
