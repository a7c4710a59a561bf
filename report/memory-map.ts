import {
  appBreakOf,
  containsByte,
  currentInstance,
  entitledSpans,
  foreignAccess,
  kernelBreakOf,
  mpuRanges,
  mpuRegions,
  type HardwareRegion,
  subtract,
  type Design,
  type Span,
  type World,
} from '../model/index.ts';

/**
 * Who can touch which bytes, per process, in one world: the memory each
 * owns (flash, app memory below its break, the room above it, the
 * kernel-owned grant area, its buffers) and what its MPU lets it touch,
 * with the bytes of other processes it can read and write but is not
 * entitled to (isolation's ground truth) marked as the violation.
 */
export interface MemoryMap {
  readonly rows: readonly MemoryRow[];
}

/** One process's line of the map. */
export interface MemoryRow {
  readonly index: number;
  readonly label: string;
  /** What it owns, in address order; buffers lie over its app memory. */
  readonly owned: readonly Extent[];
  /** What its MPU lets it touch now, by permissions, in address order. */
  readonly reach: readonly Reach[];
  /** The hardware regions its MPU configuration sets, with their subregions: where `reach` comes from. */
  readonly regions: readonly HardwareRegion[];
}

/** A stretch of memory a process owns. */
export interface Extent {
  readonly start: number;
  readonly end: number;
  readonly kind: 'flash' | 'app' | 'room' | 'grant' | 'buffer';
  readonly label: string;
}

/** A stretch the MPU lets a process touch: `foreign` when it is another process's, `violation` when it is not entitled to it either. */
export interface Reach {
  readonly start: number;
  readonly end: number;
  readonly perms: string;
  readonly foreign: boolean;
  readonly violation: boolean;
}

/** The memory map of `world`. */
export function memoryMap(design: Design, world: World): MemoryMap {
  const rows = world.processes.map((slot, index): MemoryRow => {
    const m = slot.memory;
    const ramEnd = m.ram.start + m.ram.size;
    const owned = ([
      { start: m.flash.start, end: m.flash.start + m.flash.size, kind: 'flash', label: `flash of #${index}` },
      { start: m.ram.start, end: appBreakOf(slot), kind: 'app', label: `app memory of #${index} (below its break)` },
      { start: appBreakOf(slot), end: kernelBreakOf(slot), kind: 'room', label: `unallocated memory of #${index} (between its breaks)` },
      { start: kernelBreakOf(slot), end: ramEnd, kind: 'grant', label: `grant memory of #${index} (kernel-owned)` },
      ...m.buffers.map((b, i): Extent => ({ start: b.start, end: b.start + b.size, kind: 'buffer', label: `b${i} of #${index}` })),
    ] satisfies Extent[]).filter((e) => e.end > e.start);
    const foreign = foreignAccess(world, index);
    const wrong = subtract(foreign, entitledSpans(design, world, currentInstance(world, index)));
    const reach = mpuRanges(slot.mpu).flatMap((r) => split(r, foreign, wrong));
    return { index, label: `#${index} ${slot.name}`, owned, reach, regions: mpuRegions(slot.mpu) };
  });
  return { rows };
}

/** `range` cut where it enters or leaves `foreign` and `wrong` bytes. */
function split(range: { readonly start: number; readonly end: number; readonly perms: string }, foreign: readonly Span[], wrong: readonly Span[]): Reach[] {
  const cuts = [range.start, range.end, ...[...foreign, ...wrong].flatMap((s) => [s.start, s.end]).filter((a) => a > range.start && a < range.end)];
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((start, i) => {
    const end = sorted[i + 1]!;
    return { start, end, perms: range.perms, foreign: containsByte(foreign, start), violation: containsByte(wrong, start) };
  });
}

/**
 * One address axis for several maps (every step of a trace), so that a
 * region keeps its place from step to step: the addresses where anything
 * starts or ends, each stretch between two of them drawn with a width
 * that grows with the logarithm of its size (a 16-byte buffer and a
 * 16 KiB block both stay legible), and stretches no process owns drawn
 * as a narrow break.
 */
export interface Axis {
  /** Addresses in increasing order; stretch i runs from cuts[i] to cuts[i + 1]. */
  readonly cuts: readonly number[];
  /** Each stretch's x offset in pixels; one more entry than stretches (the total width last). */
  readonly x: readonly number[];
  /** Whether stretch i is owned by no process (drawn as a break). */
  readonly gap: readonly boolean[];
}

/** The axis that holds every extent and reach of `maps`. */
export function axisOf(maps: readonly MemoryMap[]): Axis {
  const owned = maps.flatMap((m) => m.rows.flatMap((r) => r.owned));
  const all = [...owned, ...maps.flatMap((m) => m.rows.flatMap((r) => [...r.reach, ...r.regions, ...r.regions.flatMap((h) => h.subregions)]))];
  const cuts = [...new Set(all.flatMap((e) => [e.start, e.end]))].sort((a, b) => a - b);
  const gap = cuts.slice(0, -1).map((start) => !owned.some((e) => e.start <= start && start < e.end));
  const x = [0];
  cuts.slice(0, -1).forEach((start, i) => {
    const size = cuts[i + 1]! - start;
    x.push(x[i]! + (gap[i] ? 12 : Math.round(Math.min(60, Math.max(9, 6 * Math.log2(size / 4))))));
  });
  return { cuts, x, gap };
}

/** The x of `addr` on `axis` (linear within its stretch). */
export function xOf(axis: Axis, addr: number): number {
  const { cuts, x } = axis;
  if (addr <= cuts[0]!) return 0;
  if (addr >= cuts.at(-1)!) return x.at(-1)!;
  let i = 0;
  while (cuts[i + 1]! <= addr) i++;
  return x[i]! + ((x[i + 1]! - x[i]!) * (addr - cuts[i]!)) / (cuts[i + 1]! - cuts[i]!);
}
