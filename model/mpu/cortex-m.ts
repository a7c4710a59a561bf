import type { AccessRange, AddressMpu, Allocation, HardwareRegion, Permissions, Region } from './address-mpu.ts';

/**
 * The ARMv7-M MPU allocator of Tock (arch/cortex-m/src/mpu.rs at master,
 * `MPU<NUM_REGIONS, MIN_REGION_SIZE>`), modelled address for address.
 *
 * Tock's `usize` is 32 bits on Cortex-M and boards build in release mode,
 * so every sum, difference and product below wraps modulo 2^32 as the
 * kernel's does. The one place Tock divides by zero (a remainder by a
 * region size that wrapped to 0) is a kernel panic; the model throws an
 * Error whose message starts with `cortex-m: Tock panics`.
 */

/** One MPU slot: what its RBAR and RASR registers hold, plus the logical region Tock tracks. */
export interface CortexMRegion {
  /** Tock's `location`: the region used for overlap checks and removal; null when the slot is free. */
  readonly logical: Region | null;
  /** RASR.ENABLE. */
  readonly enabled: boolean;
  /** RBAR.ADDR << 5: the base address of the hardware region. */
  readonly base: number;
  /** RASR.SIZE: the hardware region spans 2^(sizeField + 1) bytes. */
  readonly sizeField: number;
  /** RASR.SRD: bit k set disables subregion k (the k-th eighth of the region). */
  readonly srd: number;
  /** RASR.AP, the 3-bit access-permission code. */
  readonly ap: number;
  /** RASR.XN: instruction fetches fault. */
  readonly xn: boolean;
}

/** A process's Cortex-M MPU configuration: one entry per hardware region, region 0 first. */
export interface CortexMConfig {
  readonly regions: readonly CortexMRegion[];
}

const TWO_32 = 2 ** 32;
/** Regions 0 and 1 belong to app memory (arch/cortex-m/src/mpu.rs:187). */
const APP_REGIONS = 2;
/** Tock refuses any logical region under 32 bytes (arch/cortex-m/src/mpu.rs:24, arch/cortex-m/src/mpu.rs:285). */
const CORTEXM_MIN_REGION_SIZE = 32;
/** The Private Peripheral Bus is outside the MPU's reach; the model grants it nothing (ARMv7-M ARM, B3.5). */
const PPB_START = 0xe000_0000;
const PPB_END = 0xe010_0000;
/** From here to 2^32 the System region is always execute-never (ARMv7-M ARM, B3.1). */
const SYSTEM_START = 0xe000_0000;

const add = (a: number, b: number): number => (a + b) >>> 0;
const sub = (a: number, b: number): number => (a - b) >>> 0;
const mul = (a: number, b: number): number => Math.imul(a, b) >>> 0;
const log2 = (x: number): number => (x === 0 ? 0 : 31 - Math.clz32(x));
const trailingZeros = (x: number): number => (x === 0 ? 32 : 31 - Math.clz32(x & -x));
const hasSeveralBits = (x: number): boolean => (x & (x - 1)) !== 0;

function rem(a: number, b: number): number {
  if (b === 0) throw new Error('cortex-m: Tock panics: remainder by a region size that wrapped to 0');
  return a % b;
}

/** Rust's `next_multiple_of`, wrapping. */
function nextMultipleOf(a: number, m: number): number {
  const r = rem(a, m);
  return r === 0 ? a : add(a, m - r);
}

/** Rust's `u32::next_power_of_two`, wrapping to 0 above 2^31. */
function nextPowerOfTwo(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p >>> 0;
}

/**
 * The subregion-disable mask with `first..=last` enabled: Tock toggles bit
 * `i mod 8` for each i, its u8 shift wrapping (arch/cortex-m/src/mpu.rs:331).
 */
function subregionMask(first: number, last: number): number {
  let mask = 0xff;
  for (let bit = 0; bit < 8; bit++) {
    const toggles = countCongruent(last, bit) - (first === 0 ? 0 : countCongruent(first - 1, bit));
    if (toggles % 2 === 1) mask ^= 1 << bit;
  }
  return mask;
}

/** How many i in [0, n] have i mod 8 == bit; 0 when n < 0. */
const countCongruent = (n: number, bit: number): number => (n < bit ? 0 : Math.floor((n - bit) / 8) + 1);

/** An unused slot: disabled, base 0 (arch/cortex-m/src/mpu.rs:345). */
function emptyRegion(): CortexMRegion {
  return { logical: null, enabled: false, base: 0, sizeField: 0, srd: 0, ap: 0, xn: false };
}

/** AP and XN for each Tock permission (arch/cortex-m/src/mpu.rs:290); execute-only becomes privileged-only. */
const ATTRIBUTES: Record<Permissions, { ap: number; xn: boolean }> = {
  rwx: { ap: 0b011, xn: false },
  rw: { ap: 0b011, xn: true },
  rx: { ap: 0b010, xn: false },
  r: { ap: 0b010, xn: true },
  x: { ap: 0b001, xn: false },
};

/**
 * `CortexMRegion::new` (arch/cortex-m/src/mpu.rs:274): null when the logical
 * size is under 32 or exceeds the hardware region (arch/cortex-m/src/mpu.rs:285).
 */
function makeRegion(
  logical: Region,
  regionStart: number,
  regionSize: number,
  subregions: readonly [number, number] | null,
  perms: Permissions,
): CortexMRegion | null {
  if (logical.size < CORTEXM_MIN_REGION_SIZE || regionSize < logical.size) return null;
  return {
    logical,
    enabled: true,
    base: regionStart - (regionStart % 32),
    sizeField: log2(regionSize) - 1, // arch/cortex-m/src/mpu.rs:318
    srd: subregions === null ? 0 : subregionMask(subregions[0], subregions[1]),
    ...ATTRIBUTES[perms],
  };
}

/** Tock's overlap test against a slot's logical region, with wrapping ends (arch/cortex-m/src/mpu.rs:366). */
function overlaps(region: CortexMRegion, start: number, size: number): boolean {
  if (region.logical === null) return false;
  const { start: rStart, size: rSize } = region.logical;
  return rStart < add(start, size) && start < add(rStart, rSize);
}

const anyOverlap = (config: CortexMConfig, start: number, size: number): boolean =>
  config.regions.some((r) => overlaps(r, start, size));

function withRegions(config: CortexMConfig, changes: Readonly<Record<number, CortexMRegion>>): CortexMConfig {
  return { regions: config.regions.map((r, n) => changes[n] ?? r) };
}

interface Placement {
  readonly start: number;
  readonly size: number;
  readonly regionStart: number;
  readonly regionSize: number;
  readonly subregions: readonly [number, number] | null;
}

/**
 * Where `allocate_region` puts a logical region of at least `size` bytes at
 * or after the already rounded `start` (arch/cortex-m/src/mpu.rs:464-534): a plain region when
 * `size` is a power of two dividing `start`, else a larger region with
 * subregions, else a power-of-two region shifted up past `start`.
 */
function place(start: number, size: number): Placement {
  if (!hasSeveralBits(size) && start % size === 0) {
    return { start, size, regionStart: start, regionSize: size, subregions: null };
  }
  // The largest power of two dividing `start`; for start 0, an eighth of
  // max(256, next power of two of size) (arch/cortex-m/src/mpu.rs:479-492).
  const tz = trailingZeros(start);
  const subSize = tz < 32 ? 2 ** tz : Math.max(nextPowerOfTwo(size), 256) / 8;
  const underlyingSize = mul(subSize, 8); // wraps to 0 once subSize reaches 2^29 (arch/cortex-m/src/mpu.rs:496)
  const underlyingStart = start - rem(start, underlyingSize); // arch/cortex-m/src/mpu.rs:500
  const rounded = nextMultipleOf(size, subSize); // arch/cortex-m/src/mpu.rs:503
  const end = add(start, rounded);
  if (subSize >= 32 && add(underlyingStart, underlyingSize) >= end) {
    const first = (start - underlyingStart) / subSize;
    const last = sub(first + rounded / subSize, 1); // arch/cortex-m/src/mpu.rs:519
    const subregions = [first, last] as const;
    return { start, size: rounded, regionStart: underlyingStart, regionSize: underlyingSize, subregions };
  }
  // Shift up by a whole size even when `start` is already aligned (arch/cortex-m/src/mpu.rs:528-529).
  const po2 = nextPowerOfTwo(rounded);
  const shifted = add(start, po2 - rem(start, po2));
  return { start: shifted, size: po2, regionStart: shifted, regionSize: po2, subregions: null };
}

/**
 * The two app-memory slots with `enabled` subregions lit from the block
 * start (arch/cortex-m/src/mpu.rs:674-700, repeated at :748-775).
 */
function appRegions(
  start: number,
  regionSize: number,
  enabled: number,
  perms: Permissions,
): readonly [CortexMRegion, CortexMRegion] | null {
  const first = Math.min(enabled, 8);
  const second = enabled > 8 ? enabled - 8 : 0;
  const region0 = makeRegion({ start, size: regionSize }, start, regionSize, [0, sub(first, 1)], perms);
  const upper = add(start, regionSize);
  // Region 1 stays free, logical location included, until app memory needs it (arch/cortex-m/src/mpu.rs:688).
  const region1 =
    second === 0
      ? emptyRegion()
      : makeRegion({ start: upper, size: regionSize }, upper, regionSize, [0, second - 1], perms);
  return region0 === null || region1 === null ? null : [region0, region1];
}

function allocateRegion(
  minRegionSize: number,
  config: CortexMConfig,
  memStart: number,
  memSize: number,
  minSize: number,
  perms: Permissions,
): Allocation<CortexMConfig> | null {
  if (anyOverlap(config, memStart, memSize)) return null; // arch/cortex-m/src/mpu.rs:443
  // The first free slot from 2 up (arch/cortex-m/src/mpu.rs:244).
  const slot = config.regions.findIndex((r, n) => n >= APP_REGIONS && r.logical === null);
  if (slot < 0) return null;
  // Start rounded up to the minimum size, size raised to it (arch/cortex-m/src/mpu.rs:456-461).
  const p = place(nextMultipleOf(memStart, minRegionSize), Math.max(minSize, minRegionSize));
  if (add(p.start, p.size) > add(memStart, memSize)) return null; // arch/cortex-m/src/mpu.rs:537
  const logical = { start: p.start, size: p.size };
  const region = makeRegion(logical, p.regionStart, p.regionSize, p.subregions, perms);
  if (region === null) return null;
  return { config: withRegions(config, { [slot]: region }), region: logical };
}

function removeRegion(config: CortexMConfig, region: Region): CortexMConfig | null {
  const slot = config.regions.findIndex(
    (r) => r.logical !== null && r.logical.start === region.start && r.logical.size === region.size,
  ); // arch/cortex-m/src/mpu.rs:566
  if (slot < APP_REGIONS) return null; // not found, or app memory (arch/cortex-m/src/mpu.rs:569)
  return withRegions(config, { [slot]: emptyRegion() });
}

function allocateAppMemoryRegion(
  config: CortexMConfig,
  memStart: number,
  memSize: number,
  minSize: number,
  appSize: number,
  kernelSize: number,
  perms: Permissions,
): Allocation<CortexMConfig> | null {
  if (anyOverlap(config, memStart, memSize)) return null; // arch/cortex-m/src/mpu.rs:594
  // Below 512 bytes the block is 512; above 2^31 the power of two wraps to 0 and so
  // also becomes 512 (arch/cortex-m/src/mpu.rs:608-617).
  const requested = nextPowerOfTwo(Math.max(minSize, add(appSize, kernelSize)));
  let blockSize = log2(requested) < 9 ? 512 : requested;
  let regionSize = blockSize / 2;
  let start = nextMultipleOf(memStart, regionSize);
  // Floor plus one, not a rounding up: an exact multiple gets an extra subregion (arch/cortex-m/src/mpu.rs:644).
  let enabled = Math.floor(mul(appSize, 8) / regionSize) + 1;
  const enabledEnd = add(start, mul(enabled, regionSize / 8));
  if (enabledEnd > sub(add(start, blockSize), kernelSize)) {
    // Double the block once; the new layout is not checked again (arch/cortex-m/src/mpu.rs:657-664).
    blockSize = mul(blockSize, 2);
    regionSize *= 2;
    start = nextMultipleOf(start, regionSize);
    enabled = Math.floor(mul(appSize, 8) / regionSize) + 1;
  }
  if (add(start, blockSize) > add(memStart, memSize)) return null; // arch/cortex-m/src/mpu.rs:667
  const pair = appRegions(start, regionSize, enabled, perms);
  if (pair === null) return null;
  return { config: withRegions(config, { 0: pair[0], 1: pair[1] }), region: { start, size: blockSize } };
}

function updateAppMemoryRegion(
  config: CortexMConfig,
  appBreak: number,
  kernelBreak: number,
  perms: Permissions,
): CortexMConfig | null {
  const block = config.regions[0]?.logical; // region 0 must exist (arch/cortex-m/src/mpu.rs:718)
  if (!block || appBreak > kernelBreak) return null; // arch/cortex-m/src/mpu.rs:725
  const subSize = block.size / 8;
  // A break below the block start wraps to a huge size (arch/cortex-m/src/mpu.rs:730);
  // unlike allocation, the count is a true rounding up (arch/cortex-m/src/mpu.rs:737).
  const enabled = Math.ceil(sub(appBreak, block.start) / subSize);
  if (add(block.start, mul(subSize, enabled)) > kernelBreak) return null; // arch/cortex-m/src/mpu.rs:743
  const pair = appRegions(block.start, block.size, enabled, perms);
  if (pair === null) return null;
  return withRegions(config, { 0: pair[0], 1: pair[1] });
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly perms: string;
}

/** Unprivileged letters for AP/XN: AP 010, 110, 111 read, 011 read-write; a fetch needs read and no XN. */
function unprivilegedPerms(ap: number, xn: boolean): string {
  const read = ap === 0b010 || ap === 0b011 || ap === 0b110 || ap === 0b111;
  return (read ? 'r' : '') + (ap === 0b011 ? 'w' : '') + (read && !xn ? 'x' : '');
}

/** The enabled subregions of one slot, each an eighth of the hardware region. */
function spansOf(region: CortexMRegion): Span[] {
  if (!region.enabled) return [];
  const eighth = 2 ** (region.sizeField + 1) / 8;
  const perms = unprivilegedPerms(region.ap, region.xn);
  return [0, 1, 2, 3, 4, 5, 6, 7]
    .filter((k) => ((region.srd >> k) & 1) === 0)
    .map((k) => ({ start: region.base + k * eighth, end: region.base + (k + 1) * eighth, perms }));
}

/**
 * What unprivileged code may do at `address`: the highest-numbered matching
 * region decides, and no match faults (ARMv7-M ARM, B3.5).
 */
function permsAt(spans: readonly Span[], address: number): string {
  if (address >= PPB_START && address < PPB_END) return '';
  let perms = '';
  for (const s of spans) if (s.start <= address && address < s.end) perms = s.perms;
  return address >= SYSTEM_START ? perms.replace('x', '') : perms;
}

/** Unprivileged access under `config`, cut at every span edge, then merged. */
function accessRanges(config: CortexMConfig): AccessRange[] {
  const spans = config.regions.flatMap(spansOf);
  const cuts = [...new Set([0, TWO_32, PPB_START, PPB_END, ...spans.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  const ranges: AccessRange[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    const perms = permsAt(spans, start);
    if (perms === '') continue;
    const last = ranges.at(-1);
    if (last?.end === start && last.perms === perms) ranges[ranges.length - 1] = { ...last, end };
    else ranges.push({ start, end, perms });
  }
  return ranges;
}

/**
 * Tock's Cortex-M MPU with `regions` hardware regions (at least 2) and a
 * `minRegionSize` that is a power of two of at least 32: `MPU<8, 32>` for
 * Cortex-M3/M4 by default, `MPU<8, 256>` for M0+, `MPU<16, 32>` for M7.
 */
export function cortexM(options: { regions?: number; minRegionSize?: number } = {}): AddressMpu<CortexMConfig> {
  const count = options.regions ?? 8;
  const minRegionSize = options.minRegionSize ?? 32;
  // Tock writes the region number into the 4-bit RBAR.REGION (arch/cortex-m/src/mpu.rs:103, :316).
  if (!Number.isInteger(count) || count < APP_REGIONS || count > 16) {
    throw new RangeError('cortex-m: regions must be 2..16');
  }
  if (minRegionSize < 32 || minRegionSize > 2 ** 31 || hasSeveralBits(minRegionSize)) {
    throw new RangeError('cortex-m: minRegionSize must be a power of two from 32 to 2^31');
  }
  const fresh = (): CortexMConfig => ({ regions: Array.from({ length: count }, emptyRegion) });
  return {
    id: 'cortex-m',
    newConfig: fresh,
    reset: fresh, // arch/cortex-m/src/mpu.rs:426
    allocateRegion: (config, start, size, minSize, perms) =>
      allocateRegion(minRegionSize, config, start, size, minSize, perms),
    removeRegion,
    allocateAppMemoryRegion,
    updateAppMemoryRegion,
    accessRanges,
    hardwareRegions: (config) =>
      config.regions.flatMap((r, n): HardwareRegion[] => {
        if (!r.enabled) return [];
        const size = 2 ** (r.sizeField + 1);
        const subregions = r.srd === 0 ? [] : [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ start: r.base + (k * size) / 8, end: r.base + ((k + 1) * size) / 8, enabled: ((r.srd >> k) & 1) === 0 }));
        return [{ label: `region ${n}`, start: r.base, end: r.base + size, perms: unprivilegedPerms(r.ap, r.xn), subregions }];
      }),
    // Slots 2 and up whose logical location is free are what allocate_region can take (arch/cortex-m/src/mpu.rs:244-254).
    freeRegions: (config) => config.regions.filter((r, n) => n >= APP_REGIONS && r.logical === null).length,
    relocated: (config, move) => ({
      regions: config.regions.map((r) => {
        const from = r.logical?.start ?? r.base;
        const by = move(from) - from;
        return by === 0 ? r : { ...r, logical: r.logical && { start: r.logical.start + by, size: r.logical.size }, base: r.base + by };
      }),
    }),
  };
}
