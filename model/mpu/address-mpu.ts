/**
 * An address-exact MPU allocator: one architecture's answer to Tock's MPU
 * trait (kernel/src/platform/mpu.rs, trait `MPU`), bit for bit.
 *
 * Every function is pure: it takes a configuration (plain JSON data) and
 * returns a new one, or null where Tock returns `None` / `Err(())`; a
 * refused call never changes the configuration. Addresses and sizes are
 * unsigned 32-bit integers held in JS numbers (0 to 2^32 - 1; an end of
 * 2^32 is allowed for half-open ranges).
 */

/** Tock's `mpu::Permissions`, written as the letters they grant. */
export type Permissions = 'rwx' | 'rw' | 'rx' | 'r' | 'x';

/** A region as Tock's `mpu::Region` reports it: its logical start and size. */
export interface Region {
  readonly start: number;
  readonly size: number;
}

/**
 * A half-open byte range `[start, end)` a process may touch with `perms`,
 * letters in the order r, w, x (`"rw"`, `"rx"`, `"r"`...).
 */
export interface AccessRange {
  readonly start: number;
  readonly end: number;
  readonly perms: string;
}

/**
 * One hardware region (an MPU slot or a pair of PMP entries) as the
 * configuration sets it: its whole extent, the permissions it gives
 * unprivileged code, and, where the architecture divides regions
 * (ARMv7-M's eight subregions), each part and whether it is enabled. What
 * the process can touch in the end is `accessRanges`, which also applies
 * the architecture's rule for overlapping regions.
 */
export interface HardwareRegion {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly perms: string;
  readonly subregions: readonly { readonly start: number; readonly end: number; readonly enabled: boolean }[];
}

/** A successful allocation: the new configuration and what Tock's call returns. */
export interface Allocation<Config> {
  readonly config: Config;
  readonly region: Region;
}

export interface AddressMpu<Config> {
  /** `cortex-m`, `cortex-m33`, `riscv-pmp`, `abstract`. */
  readonly id: string;
  /** `MPU::new_config`: a configuration with no region set. */
  newConfig(): Config;
  /** `MPU::reset_config`: every region cleared, as on process restart. */
  reset(config: Config): Config;
  /** `MPU::allocate_region(unallocated_memory_start, unallocated_memory_size, min_region_size, permissions, config)`. */
  allocateRegion(config: Config, start: number, size: number, minSize: number, perms: Permissions): Allocation<Config> | null;
  /** `MPU::remove_memory_region(region, config)`: the region as `allocateRegion` returned it. */
  removeRegion(config: Config, region: Region): Config | null;
  /**
   * `MPU::allocate_app_memory_region(unallocated_memory_start,
   * unallocated_memory_size, min_memory_size, initial_app_memory_size,
   * initial_kernel_memory_size, permissions, config)`; `region` is the
   * returned (start, size) of the whole app memory block.
   */
  allocateAppMemoryRegion(
    config: Config,
    start: number,
    size: number,
    minSize: number,
    appSize: number,
    kernelSize: number,
    perms: Permissions,
  ): Allocation<Config> | null;
  /** `MPU::update_app_memory_region(app_memory_break, kernel_memory_break, permissions, config)`. */
  updateAppMemoryRegion(config: Config, appBreak: number, kernelBreak: number, perms: Permissions): Config | null;
  /**
   * The bytes the hardware would let the process touch if `config` were
   * loaded (`MPU::configure_mpu`): sorted, merged (adjacent ranges with the
   * same perms joined), half-open, with their permissions. Where regions
   * overlap, the architecture's rule decides (e.g. ARMv7-M: the highest
   * numbered region wins).
   */
  accessRanges(config: Config): AccessRange[];
  /** The regions `config` sets, in slot order (see `HardwareRegion`). */
  hardwareRegions(config: Config): HardwareRegion[];
  /** How many regions `allocateRegion` could still use (the architecture's own count of unused slots). */
  freeRegions?(config: Config): number;
  /**
   * `config` with each region moved to where `move` sends its first byte
   * (Tock's logical start where the region has one), every address of the
   * region shifted by that same distance: what client symmetry does to an
   * MPU when clients trade places (model/symmetry.ts). Not a Tock call.
   */
  relocated(config: Config, move: (address: number) => number): Config;
}
