import type { AccessRange, AddressMpu, Allocation, HardwareRegion, Permissions, Region } from './address-mpu.ts';
import { mergeRanges } from './ranges.ts';

/**
 * Tock's ARMv8-M MPU allocator (arch/cortex-m33/src/mpu_v8m.rs at master),
 * address for address. Region 0 holds app memory; the others are handed out
 * lowest free number first. Tock builds boards in release mode (Cargo.toml
 * sets no overflow checks), so its `usize` sums wrap modulo 2^32 and its
 * pointer differences are signed 32-bit; this model wraps the same way.
 */

/** RBAR.AP: 0 = RW privileged only, 1 = RW, 2 = RO privileged only, 3 = RO. */
export type AccessPermission = 0 | 1 | 2 | 3;

/** One region slot: the block Tock reserves plus the register fields it would write. */
export interface CortexM33Region {
  /** Tock's `location` [start, end), end wrapped modulo 2^32 like the pointer; null when the slot is free. */
  readonly location: { readonly start: number; readonly end: number } | null;
  /** RBAR.BASE as an address: the first byte the hardware region matches. */
  readonly base: number;
  readonly ap: AccessPermission;
  /** RBAR.XN: true forbids instruction fetch. */
  readonly xn: boolean;
  /** RLAR.LIMIT as an address: the last byte the hardware region matches (inclusive, ends in 0x1F). */
  readonly limit: number;
  /** RLAR.PXN as Tock writes it (a reserved bit on ARMv8.0-M cores such as the Cortex-M33). */
  readonly pxn: boolean;
  /** RLAR.EN. */
  readonly enable: boolean;
}

/** A process's MPU configuration: one entry per region number, always `regions` long. */
export interface CortexM33Config {
  readonly regions: readonly CortexM33Region[];
}

const GRANULE = 32;
const ADDRESS_SPACE = 2 ** 32;

/** The region number reserved for app memory (arch/cortex-m33/src/mpu_v8m.rs:251). */
const APP_MEMORY_REGION = 0;

const wrap = (value: number): number => value >>> 0;

/** Rust's `offset_from` on a 32-bit target: the wrapped difference read as a signed number. */
const offsetFrom = (end: number, start: number): number => (end - start) | 0;

/** Round up to 32 with a wrapping add, as `align_offset` then `wrapping_add` do (arch/cortex-m33/src/mpu_v8m.rs:188). */
const align32 = (address: number): number => wrap(address + ((GRANULE - (address % GRANULE)) % GRANULE));

const roundDown32 = (address: number): number => address - (address % GRANULE);

/** A free slot: RBAR and RLAR both written as zero (arch/cortex-m33/src/mpu_v8m.rs:375). */
const EMPTY: CortexM33Region = { location: null, base: 0, ap: 0, xn: false, limit: GRANULE - 1, pxn: false, enable: false };

/** AP and XN per Tock permission; execute-only becomes privileged read-only (arch/cortex-m33/src/mpu_v8m.rs:335). */
const ENCODING: Record<Permissions, { readonly ap: AccessPermission; readonly xn: boolean }> = {
  rwx: { ap: 1, xn: false },
  rw: { ap: 1, xn: true },
  rx: { ap: 3, xn: false },
  r: { ap: 3, xn: true },
  x: { ap: 2, xn: false },
};

/**
 * `CortexMRegion::new`: the hardware region [logicalStart, logicalStart +
 * logicalSize) inside the reserved block [regionStart, regionStart +
 * regionSize), or null where Tock refuses.
 */
function makeRegion(logicalStart: number, logicalSize: number, regionStart: number, regionSize: number, perms: Permissions): CortexM33Region | null {
  // Under 32 bytes, or larger than its block (arch/cortex-m33/src/mpu_v8m.rs:330).
  if (logicalSize < GRANULE || regionSize < logicalSize) return null;
  // Tock also refuses an end that is not 32-aligned (arch/cortex-m33/src/mpu_v8m.rs:354); every caller passes an aligned one.
  const logicalEnd = wrap(logicalStart + logicalSize);
  return {
    location: { start: regionStart, end: wrap(regionStart + regionSize) },
    // BASE keeps the start's bits [31:5] (arch/cortex-m33/src/mpu_v8m.rs:346).
    base: roundDown32(logicalStart),
    ...ENCODING[perms],
    // LIMIT is inclusive, taken from end - 1, wrapping (arch/cortex-m33/src/mpu_v8m.rs:362).
    limit: roundDown32(wrap(logicalEnd - 1)) + GRANULE - 1,
    // Tock writes PXN::Disable, bit value 1 (arch/cortex-m33/src/mpu_v8m.rs:364).
    pxn: true,
    enable: true,
  };
}

/** Whether a slot's reserved block meets [start, start + size), the sum wrapping (arch/cortex-m33/src/mpu_v8m.rs:384). */
function overlaps(region: CortexM33Region, start: number, size: number): boolean {
  const end = wrap(start + size);
  return region.location !== null && region.location.start < end && start < region.location.end;
}

/** Tock checks a request against every slot's reserved block, app memory included (arch/cortex-m33/src/mpu_v8m.rs:460). */
const overlapsAny = (config: CortexM33Config, start: number, size: number): boolean =>
  config.regions.some((r) => overlaps(r, start, size));

/** The lowest free slot other than app memory's, or -1 (arch/cortex-m33/src/mpu_v8m.rs:288). */
const unusedRegionNumber = (config: CortexM33Config): number =>
  config.regions.findIndex((r, n) => n !== APP_MEMORY_REGION && r.location === null);

const withRegion = (config: CortexM33Config, n: number, region: CortexM33Region): CortexM33Config => ({
  regions: config.regions.map((r, i) => (i === n ? region : r)),
});

/**
 * The 32-aligned block Tock carves for `size` bytes from `start`: start rounded
 * up, end = that start plus `size` rounded up; null when the difference is
 * negative as a signed 32-bit number or exceeds `available`. The fit is
 * checked against the size alone, ignoring the bytes skipped by aligning the
 * start (arch/cortex-m33/src/mpu_v8m.rs:468, :478, :550, :560).
 */
function carve(start: number, size: number, available: number): Region | null {
  const blockStart = align32(start);
  const blockSize = offsetFrom(align32(wrap(blockStart + size)), blockStart);
  return blockSize < 0 || blockSize > available ? null : { start: blockStart, size: blockSize };
}

/** The letters an unprivileged access gets from AP and XN; fetching needs read access. */
function unprivilegedPerms(region: CortexM33Region): string {
  if (region.ap === 0 || region.ap === 2) return '';
  return `r${region.ap === 1 ? 'w' : ''}${region.xn ? '' : 'x'}`;
}

/**
 * ARMv8-M unprivileged view: a byte is accessible iff exactly one enabled
 * region matches it (two or more fault, none faults without a default map
 * for unprivileged code), with that region's AP/XN.
 */
function accessRanges(config: CortexM33Config): AccessRange[] {
  const spans = config.regions
    .filter((r) => r.enable && r.base <= r.limit)
    .map((r) => ({ start: r.base, end: r.limit + 1, perms: unprivilegedPerms(r) }));
  const cuts = [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const pieces: AccessRange[] = [];
  for (const [i, start] of cuts.entries()) {
    const end = cuts[i + 1] ?? ADDRESS_SPACE;
    const matching = spans.filter((s) => s.start <= start && start < s.end);
    const only = matching.length === 1 ? matching[0] : undefined;
    if (only !== undefined && only.perms !== '') pieces.push({ start, end, perms: only.perms });
  }
  return mergeRanges(pieces);
}

/**
 * Tock's Cortex-M33 (ARMv8-M) MPU with `regions` slots; the default, 8, is
 * what every chip using it instantiates (`cortexm33::mpu::MPU<8>` in
 * chips/lpc55s6x, psc3, rp2350 and stm32u5xx).
 */
export function cortexM33(options: { regions?: number } = {}): AddressMpu<CortexM33Config> {
  const count = options.regions ?? 8;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`region count must be a positive integer, got ${count}`);
  const fresh = (): CortexM33Config => ({ regions: Array.from({ length: count }, () => EMPTY) });

  return {
    id: 'cortex-m33',
    newConfig: fresh,
    // Every slot cleared (arch/cortex-m33/src/mpu_v8m.rs:442).
    reset: fresh,

    allocateRegion(config, start, size, minSize, perms): Allocation<CortexM33Config> | null {
      if (overlapsAny(config, start, size)) return null;
      const n = unusedRegionNumber(config);
      // The region is sized from `minSize` alone (arch/cortex-m33/src/mpu_v8m.rs:469).
      const block = n < 0 ? null : carve(start, minSize, size);
      const region = block && makeRegion(block.start, block.size, block.start, block.size, perms);
      return block && region ? { config: withRegion(config, n, region), region: block } : null;
    },

    removeRegion(config, region) {
      // The first slot whose block has this start and wrapped length; app memory's is refused (arch/cortex-m33/src/mpu_v8m.rs:506, :513).
      const n = config.regions.findIndex(
        ({ location: l }) => l !== null && l.start === region.start && wrap(l.end - l.start) === region.size,
      );
      return n < 0 || n === APP_MEMORY_REGION ? null : withRegion(config, n, EMPTY);
    },

    allocateAppMemoryRegion(config, start, size, minSize, appSize, kernelSize, perms) {
      if (overlapsAny(config, start, size)) return null;
      // No free-slot check and no check for a second call: slot 0 is overwritten (arch/cortex-m33/src/mpu_v8m.rs:583).
      const memorySize = Math.max(minSize, wrap(appSize + kernelSize));
      const block = carve(start, memorySize, size);
      if (block === null) return null;
      // The app part rounds up to 32 from the block start (arch/cortex-m33/src/mpu_v8m.rs:565).
      const logicalSize = offsetFrom(align32(wrap(block.start + appSize)), block.start);
      const region = logicalSize < 0 ? null : makeRegion(block.start, logicalSize, block.start, block.size, perms);
      // Returns the unrounded memory size, not the block's (arch/cortex-m33/src/mpu_v8m.rs:586).
      return region && { config: withRegion(config, APP_MEMORY_REGION, region), region: { start: block.start, size: memorySize } };
    },

    updateAppMemoryRegion(config, appBreak, kernelBreak, perms) {
      const location = config.regions[APP_MEMORY_REGION]?.location ?? null;
      if (location === null) return null;
      const { start, end } = location;
      // Both breaks must lie in [start, end), end exclusive even for the kernel break (arch/cortex-m33/src/mpu_v8m.rs:605).
      if (appBreak < start || appBreak >= end || kernelBreak < start || kernelBreak >= end) return null;
      if (appBreak > kernelBreak) return null;
      const logicalEnd = align32(appBreak);
      const logicalSize = offsetFrom(logicalEnd, start);
      // The rounded-up break may not pass the kernel break (arch/cortex-m33/src/mpu_v8m.rs:632).
      if (logicalSize < 0 || logicalEnd > kernelBreak) return null;
      const region = makeRegion(start, logicalSize, start, wrap(end - start), perms);
      return region && withRegion(config, APP_MEMORY_REGION, region);
    },

    accessRanges,
    hardwareRegions: (config) =>
      config.regions.flatMap((r, n): HardwareRegion[] => (r.enable && r.base <= r.limit ? [{ label: `region ${n}`, start: r.base, end: r.limit + 1, perms: unprivilegedPerms(r), subregions: [] }] : [])),

    freeRegions: (config) => config.regions.filter((r, n) => n !== APP_MEMORY_REGION && r.location === null).length,
    relocated: (config, move) => ({
      regions: config.regions.map((r) => {
        const from = r.location?.start ?? r.base;
        const by = move(from) - from;
        return by === 0 ? r : { ...r, location: r.location && { start: wrap(r.location.start + by), end: wrap(r.location.end + by) }, base: wrap(r.base + by), limit: wrap(r.limit + by) };
      }),
    }),
  };
}
