import { match } from 'ts-pattern';
import { abstractMpu } from './abstract.ts';
import type { AddressMpu } from './address-mpu.ts';

export type { AccessRange, AddressMpu, Allocation, Permissions, Region } from './address-mpu.ts';
export { mergeRanges, rangesAllow } from './ranges.ts';

/** The MPU architectures a world can be built with, in the order `list` shows them. */
export const MPU_ARCH_IDS = ['abstract'] as const;

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
 * part has (or, for RISC-V, the TOR user regions).
 */
export const DEFAULT_REGIONS: Record<MpuArchId, number> = { abstract: 1 };

/**
 * Bytes of app memory a process starts with, before its first `brk`
 * (`UserspaceKernelBoundary::initial_process_app_brk_size`: 32 on Cortex-M,
 * arch/cortex-m/src/syscall.rs:273; 0 on RISC-V, arch/riscv/src/syscall.rs:273).
 */
export const INITIAL_BREAK: Record<MpuArchId, number> = { abstract: 0 };

const cache = new Map<string, AddressMpu<MpuConfig>>();

/** The allocator of `id` with `regions` regions (see DEFAULT_REGIONS); the same object for the same arguments. */
export function mpuFor(id: MpuArchId, regions: number): AddressMpu<MpuConfig> {
  const key = `${id}/${regions}`;
  let mpu = cache.get(key);
  if (mpu === undefined) {
    mpu = match(id)
      // Flash takes one abstract slot, so `regions` stay free for IPC.
      .with('abstract', () => abstractMpu(regions + 1) as AddressMpu<MpuConfig>)
      .exhaustive();
    cache.set(key, mpu);
  }
  return mpu;
}
