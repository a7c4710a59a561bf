import { match } from 'ts-pattern';
import { abstractMpu } from './abstract.ts';
import { cortexM } from './cortex-m.ts';
import { cortexM33 } from './cortex-m33.ts';
import { riscvPmp } from './riscv-pmp.ts';
import type { AddressMpu } from './address-mpu.ts';

export type { AccessRange, AddressMpu, Allocation, HardwareRegion, Permissions, Region } from './address-mpu.ts';
export { mergeRanges, rangesAllow } from './ranges.ts';

/** The MPU architectures a world can be built with, in the order `list` shows them. */
export const MPU_ARCH_IDS = ['cortex-m', 'cortex-m33', 'riscv-pmp', 'abstract'] as const;

export type MpuArchId = (typeof MPU_ARCH_IDS)[number];

/** Any architecture's configuration: plain JSON that only its own allocator reads. */
export type MpuConfig = unknown;

/** True iff `id` names an architecture. */
export function isMpuArchId(id: string): id is MpuArchId {
  return (MPU_ARCH_IDS as readonly string[]).includes(id);
}

/**
 * What `--regions` means per architecture, and its default: for `abstract`
 * the region slots free for IPC; for the hardware models the regions the
 * part has, flash and app memory included: `cortex-m` 8, as Cortex-M3/M4's
 * `MPU<8, 32>` (arch/cortex-m4/src/lib.rs:14); `cortex-m33` 8, as every chip
 * using it builds `MPU<8>` (lpc55s6x, psc3, rp2350, stm32u5xx); for
 * `riscv-pmp` the TOR user regions, 4 as on the HiFive1 Rev B
 * (chips/e310x/src/chip.rs:116, `PMPUserMPU<4, SimplePMP<8>>`).
 */
export const DEFAULT_REGIONS: Record<MpuArchId, number> = { 'cortex-m': 8, 'cortex-m33': 8, 'riscv-pmp': 4, abstract: 1 };

/**
 * The fewest `--regions` a world can be built with: app memory and flash
 * must fit (Cortex-M keeps regions 0-1 for app memory).
 */
export const MIN_REGIONS: Record<MpuArchId, number> = { 'cortex-m': 3, 'cortex-m33': 2, 'riscv-pmp': 2, abstract: 0 };

/**
 * Bytes of app memory a process starts with, before its first `brk`
 * (`UserspaceKernelBoundary::initial_process_app_brk_size`: 32 on Cortex-M,
 * arch/cortex-m/src/syscall.rs:273, which the Cortex-M33 shares; 0 on
 * RISC-V, arch/riscv/src/syscall.rs:273).
 */
export const INITIAL_BREAK: Record<MpuArchId, number> = { 'cortex-m': 32, 'cortex-m33': 32, 'riscv-pmp': 0, abstract: 0 };

const cache = new Map<string, AddressMpu<MpuConfig>>();

/** The allocator of `id` with `regions` regions (see DEFAULT_REGIONS); the same object for the same arguments. */
export function mpuFor(id: MpuArchId, regions: number): AddressMpu<MpuConfig> {
  const key = `${id}/${regions}`;
  let mpu = cache.get(key);
  if (mpu === undefined) {
    mpu = match(id)
      // Flash takes one abstract slot, so `regions` stay free for IPC.
      .with('abstract', () => abstractMpu(regions + 1) as AddressMpu<MpuConfig>)
      .with('cortex-m', () => cortexM({ regions }) as AddressMpu<MpuConfig>)
      .with('cortex-m33', () => cortexM33({ regions }) as AddressMpu<MpuConfig>)
      .with('riscv-pmp', () => riscvPmp({ regions }) as AddressMpu<MpuConfig>)
      .exhaustive();
    cache.set(key, mpu);
  }
  return mpu;
}

