import type { AccessRange, AddressMpu, Allocation, HardwareRegion, Permissions, Region } from './address-mpu.ts';
import { mergeRanges } from './ranges.ts';

/**
 * Tock's RISC-V PMP allocator: `PMPUserMPU` over a `TORUserPMP`
 * (arch/riscv/src/pmp.rs at master; arch/rv32i/src/pmp.rs at release-2.2), on
 * RV32. Line numbers cited are at master.
 *
 * Arithmetic is on 32-bit `usize` and wraps modulo 2^32, as Tock's release
 * builds do (overflow checks are off): a region whose end reaches 2^32 is
 * stored with end 0 and then matches no address.
 */

/** One user region as `PMPUserMPUConfig` stores it (arch/riscv/src/pmp.rs:962): what `configure_pmp` programs. */
export interface TorUserRegion {
  /** The pmpcfg octet: 0 when OFF, else A=TOR (0x08) plus R (0x01), W (0x02), X (0x04); L never set. */
  readonly pmpcfg: number;
  /** Byte address the region starts at; the PMP gets `start >>> 2`. Kept when the region is turned OFF. */
  readonly start: number;
  /** Byte address one past the region; the PMP gets `end >>> 2`. Kept when the region is turned OFF. */
  readonly end: number;
}

/** A `PMPUserMPUConfig`: `regions` has one entry per TOR user region (MAX_REGIONS). */
export interface RiscvPmpConfig {
  readonly regions: readonly TorUserRegion[];
  /** The slot holding app memory, set once by allocate_app_memory_region (arch/riscv/src/pmp.rs:965, :1296). */
  readonly appMemoryRegion: number | null;
}

/** One physical PMP entry: its pmpcfg octet and pmpaddr CSR value (bits 33..2 of an address). */
export interface PmpEntry {
  readonly pmpcfg: number;
  readonly pmpaddr: number;
}

const OFF = 0;
const TOR = 0x08;
const R = 0x01;
const W = 0x02;
const X = 0x04;
/** RISC-V has at most 64 PMP entries and each TOR user region takes two. */
const MAX_USER_REGIONS = 32;

/** `TORUserPMPCFG::from(Permissions)` (arch/riscv/src/pmp.rs:243-266): the permission bits plus A=TOR, L clear. */
const PMPCFG: Record<Permissions, number> = {
  rwx: TOR | R | W | X,
  rw: TOR | R | W,
  rx: TOR | R | X,
  r: TOR | R,
  x: TOR | X,
};

const OFF_REGION: TorUserRegion = { pmpcfg: OFF, start: 0, end: 0 };

/** `a + b` as a 32-bit `usize` sum: wraps modulo 2^32. */
const add = (a: number, b: number): number => (a + b) >>> 0;

/** `usize::next_multiple_of(4)` (arch/riscv/src/pmp.rs:1115), wrapping to 0 above 2^32 - 4. */
const roundUp4 = (n: number): number => (n % 4 === 0 ? n : add(n, 4 - (n % 4)));

/** Rounded up to 4 bytes, and at least 4 (arch/riscv/src/pmp.rs:1119-1124, :1247-1252). */
const torSize = (n: number): number => Math.max(roundUp4(n), 4);

/** Index of the first OFF slot, or -1 (arch/riscv/src/pmp.rs:1099-1104, :1226-1231). */
const firstFreeSlot = (config: RiscvPmpConfig): number => config.regions.findIndex((r) => r.pmpcfg === OFF);

/**
 * `region_overlaps` (arch/riscv/src/pmp.rs:446-479): the stored [start, end)
 * against [start, start + size) computed modulo 2^32; an empty range (end at
 * or below start, e.g. after wrapping) overlaps nothing.
 */
function overlaps(region: TorUserRegion, start: number, size: number): boolean {
  const end = add(start, size);
  if (region.end <= region.start || end <= start) return false;
  return region.start < end && start < region.end;
}

/** True iff an enabled (non-OFF) slot overlaps [start, start + size) (arch/riscv/src/pmp.rs:1165-1169, :1280-1286). */
const overlapsEnabled = (config: RiscvPmpConfig, start: number, size: number): boolean =>
  config.regions.some((r) => r.pmpcfg !== OFF && overlaps(r, start, size));

const withSlot = (config: RiscvPmpConfig, slot: number, region: TorUserRegion): readonly TorUserRegion[] =>
  config.regions.map((r, i) => (i === slot ? region : r));

/**
 * `allocate_region` (arch/riscv/src/pmp.rs:1090-1180): first OFF slot; start
 * rounded up to 4; size is `min_region_size` rounded up to 4 (at least 4), so
 * the unallocated size only bounds it. Refused if the rounded region ends past
 * the unallocated memory, except that a region without W may end up to 3 bytes
 * past it (arch/riscv/src/pmp.rs:1147-1159). Refused if it overlaps an enabled
 * slot.
 */
function allocateRegion(
  config: RiscvPmpConfig,
  unallocatedStart: number,
  unallocatedSize: number,
  minSize: number,
  perms: Permissions,
): Allocation<RiscvPmpConfig> | null {
  const slot = firstFreeSlot(config);
  if (slot < 0) return null;
  const start = roundUp4(unallocatedStart);
  const size = torSize(minSize);
  const end = add(start, size);
  const limit = add(unallocatedStart, unallocatedSize);
  if (end > limit && (perms.includes('w') || end > add(limit, 3))) return null;
  if (overlapsEnabled(config, start, size)) return null;
  const regions = withSlot(config, slot, { pmpcfg: PMPCFG[perms], start, end });
  return { config: { ...config, regions }, region: { start, size } };
}

/**
 * `remove_memory_region` (arch/riscv/src/pmp.rs:1182-1207): turns OFF the
 * first enabled slot whose start and end equal the region's (end = start +
 * size, wrapping), keeping its addresses; the app memory slot is not exempt
 * and stays named as such, so a later update turns it back on
 * (arch/riscv/src/pmp.rs:1325).
 */
function removeRegion(config: RiscvPmpConfig, region: Region): RiscvPmpConfig | null {
  const end = add(region.start, region.size);
  const slot = config.regions.findIndex((r) => r.pmpcfg !== OFF && r.start === region.start && r.end === end);
  if (slot < 0) return null;
  const old = config.regions[slot]!;
  return { ...config, regions: withSlot(config, slot, { ...old, pmpcfg: OFF }) };
}

/**
 * `allocate_app_memory_region` (arch/riscv/src/pmp.rs:1209-1299): once per
 * config; first OFF slot; the block is max(min size, rounded app size + kernel
 * size) from the start rounded up to 4, and must fit the unallocated memory
 * and miss every enabled slot; the PMP region covers only the rounded app
 * part.
 */
function allocateAppMemoryRegion(
  config: RiscvPmpConfig,
  unallocatedStart: number,
  unallocatedSize: number,
  minSize: number,
  appSize: number,
  kernelSize: number,
  perms: Permissions,
): Allocation<RiscvPmpConfig> | null {
  if (config.appMemoryRegion !== null) return null;
  const slot = firstFreeSlot(config);
  if (slot < 0) return null;
  const start = roundUp4(unallocatedStart);
  const pmpSize = torSize(appSize);
  const blockSize = Math.max(minSize, add(pmpSize, kernelSize));
  if (add(start, blockSize) > add(unallocatedStart, unallocatedSize)) return null;
  if (overlapsEnabled(config, start, blockSize)) return null;
  const regions = withSlot(config, slot, { pmpcfg: PMPCFG[perms], start, end: add(start, pmpSize) });
  return { config: { regions, appMemoryRegion: slot }, region: { start, size: blockSize } };
}

/**
 * `update_app_memory_region` (arch/riscv/src/pmp.rs:1301-1330): the app break
 * rounded up to 4 becomes the app slot's end and `perms` its permissions
 * (turning it on even if removed); refused only when there is no app slot or
 * the rounded break passes the kernel break. Neither the start nor other slots
 * are checked, so the region may grow over other regions or become empty.
 */
function updateAppMemoryRegion(
  config: RiscvPmpConfig,
  appBreak: number,
  kernelBreak: number,
  perms: Permissions,
): RiscvPmpConfig | null {
  const slot = config.appMemoryRegion;
  if (slot === null) return null;
  const end = roundUp4(appBreak);
  if (end > kernelBreak) return null;
  const old = config.regions[slot]!;
  return { ...config, regions: withSlot(config, slot, { ...old, pmpcfg: PMPCFG[perms], end }) };
}

/**
 * The PMP entries `SimplePMP::configure_pmp` programs
 * (arch/riscv/src/pmp.rs:1699-1758): user region i takes entry 2i (OFF,
 * pmpaddr = start >>> 2) and entry 2i + 1 (its octet, pmpaddr = end >>> 2); an
 * OFF region leaves both entries OFF and its pmpaddr CSRs unwritten (shown
 * here as 0; no TOR entry reads them).
 */
export function pmpEntries(config: RiscvPmpConfig): PmpEntry[] {
  return config.regions.flatMap((r): PmpEntry[] =>
    r.pmpcfg === OFF
      ? [{ pmpcfg: OFF, pmpaddr: 0 }, { pmpcfg: OFF, pmpaddr: 0 }]
      : [{ pmpcfg: OFF, pmpaddr: r.start >>> 2 }, { pmpcfg: r.pmpcfg, pmpaddr: r.end >>> 2 }],
  );
}

/** The letters r, w, x a pmpcfg octet grants. */
function letters(pmpcfg: number): string {
  return (pmpcfg & R ? 'r' : '') + (pmpcfg & W ? 'w' : '') + (pmpcfg & X ? 'x' : '');
}

/** A TOR entry's permissions and the bytes [lo, hi) it matches: pmpaddr[i-1]·4 ≤ y < pmpaddr[i]·4 (RISC-V privileged spec, PMP). */
interface Match {
  readonly lo: number;
  readonly hi: number;
  readonly perms: string;
}

/** The TOR entries that match some byte, lowest-numbered first; OFF entries and TOR entries with lo ≥ hi match nothing. */
function torMatches(entries: readonly PmpEntry[]): Match[] {
  return entries.flatMap((e, i) => {
    if ((e.pmpcfg & 0x18) !== TOR) return [];
    const lo = i === 0 ? 0 : entries[i - 1]!.pmpaddr * 4;
    const hi = e.pmpaddr * 4;
    return lo < hi ? [{ lo, hi, perms: letters(e.pmpcfg) }] : [];
  });
}

/**
 * U-mode access under the PMP entries: the lowest-numbered matching entry
 * decides, and an address no entry matches is denied.
 */
function userAccess(entries: readonly PmpEntry[]): AccessRange[] {
  const matches = torMatches(entries);
  const cuts = [...new Set(matches.flatMap((m) => [m.lo, m.hi]))].sort((a, b) => a - b);
  const ranges: AccessRange[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const start = cuts[k]!;
    const end = cuts[k + 1]!;
    const winner = matches.find((m) => m.lo <= start && end <= m.hi);
    if (winner !== undefined && winner.perms !== '') ranges.push({ start, end, perms: winner.perms });
  }
  return mergeRanges(ranges);
}

/** A configuration with every slot OFF and no app memory (`new_config`, arch/riscv/src/pmp.rs:1062-1076; `reset_config`, :1078-1088). */
function emptyConfig(regions: number): RiscvPmpConfig {
  return { regions: Array.from({ length: regions }, () => OFF_REGION), appMemoryRegion: null };
}

/**
 * Tock's PMP allocator with `regions` TOR user regions (`MAX_REGIONS`, at most
 * 32), two PMP entries each, laid out as `SimplePMP` does. The default, 4, is
 * the HiFive1 Rev B's (boards/hifive1, chip e310x: `type MPU = PMPUserMPU<4,
 * SimplePMP<8>>`, chips/e310x/src/chip.rs:116), also used by veer_el2,
 * litex_vexriscv and earlgrey.
 */
export function riscvPmp(options?: { regions?: number }): AddressMpu<RiscvPmpConfig> {
  const regions = options?.regions ?? 4;
  if (!Number.isInteger(regions) || regions < 0 || regions > MAX_USER_REGIONS) {
    throw new RangeError(`riscv-pmp: regions must be an integer from 0 to ${MAX_USER_REGIONS}, got ${regions}`);
  }
  return {
    id: 'riscv-pmp',
    newConfig: () => emptyConfig(regions),
    reset: (config) => emptyConfig(config.regions.length),
    allocateRegion,
    removeRegion,
    allocateAppMemoryRegion,
    updateAppMemoryRegion,
    accessRanges: (config) => userAccess(pmpEntries(config)),
    hardwareRegions: (config) =>
      config.regions.flatMap((r, n): HardwareRegion[] => (r.pmpcfg === OFF ? [] : [{ label: `region ${n} (PMP entries ${2 * n}-${2 * n + 1}, TOR)`, start: r.start, end: r.end, perms: letters(r.pmpcfg), subregions: [] }])),
    freeRegions: (config) => config.regions.filter((r) => r.pmpcfg === OFF).length,
    relocated: (config, move) => ({
      ...config,
      regions: config.regions.map((r) => {
        const by = move(r.start) - r.start;
        return by === 0 ? r : { ...r, start: r.start + by, end: r.end + by };
      }),
    }),
  };
}
