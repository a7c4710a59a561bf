import type { MpuArchId, MpuConfig, Region } from './mpu/index.ts';
import { INITIAL_BREAK, mpuFor } from './mpu/index.ts';

/**
 * Where a process lives: its flash, its RAM block as the MPU laid it out,
 * the app break (app-owned memory below it) and the kernel break (the
 * kernel-owned grant area from it to the end of the block), and the
 * buffers it may share, inside its app memory.
 */
export interface ProcessMemory {
  readonly flash: Region;
  readonly ram: Region;
  readonly appBreak: number;
  readonly kernelBreak: number;
  readonly buffers: readonly Region[];
}

/**
 * Addresses as on an nRF52840 board: apps' flash from 0x40000, apps' RAM
 * from 0x20008000. Each slot gets a 32 KiB flash block and a 16 KiB stretch
 * of unallocated RAM to lay its memory out in.
 */
const FLASH_BASE = 0x0004_0000;
const FLASH_SIZE = 0x8000;
const RAM_BASE = 0x2000_8000;
const RAM_STRIDE = 0x4000;
/** The RAM the app asks for in its TBF header; its runtime moves the break there at start-up. */
const APP_RAM = 0x800;
/** Initial kernel-owned memory (grant pointers, upcall queue, process struct; process_standard.rs `create`). */
const KERNEL_RAM = 0x400;
/** With `heap`: the extra RAM the app asks for, between its start-up break and its kernel break, for its heap and its grants to grow into. */
const HEAP_ROOM = 0x400;
/** With `heap`: how far one sbrk moves the app break (a multiple of every architecture's granularity for a 4 KiB block). */
export const HEAP_STEP = 0x200;
/**
 * With `heap`: the grants a process can allocate, each on first use, each
 * taken downward from the kernel break (process_standard.rs
 * `allocate_in_grant_region_internal`): IPC's (its allow and upcall tables
 * for every process) and one other driver's. Their sizes together exceed
 * HEAP_STEP, so an instance holding both reaches below where a heap grown
 * by another instance ended.
 */
export const GRANT_SIZES = { ipc: 0x140, driver: 0x140 } as const;
export type GrantName = keyof typeof GRANT_SIZES;
/** With `heap`: a 64-byte buffer at the top of the grown heap (64-aligned: it maps everywhere), after the layout's buffers. */
const HEAP_BUFFER = { offset: APP_RAM + HEAP_STEP - 64, length: 64 };

/**
 * Buffers every process has, as (offset from its memory start, length),
 * chosen so that each architecture maps some exactly, refuses others, and
 * over-grants where its allocator does; `--buffers N` keeps the first N,
 * and `--heap 1` adds HEAP_BUFFER after them.
 * The memory start is aligned to at least 8 KiB on every architecture.
 *
 * - b0: 64 bytes, 64-aligned: maps everywhere.
 * - b1: 48 bytes, 128-aligned: not a power of two nor a multiple of 32.
 * - b2: 64 bytes, 16- but not 32-aligned.
 * - b3: 32 bytes, 32-aligned.
 * - b4: 192 bytes, 32- but not 64-aligned: six 32-byte subregions of a 256-byte region.
 * - b5: 20 bytes, 4- but not 8-aligned.
 * - b6: 128 bytes, 128-aligned, containing b0: refused as an overlap where
 *   b0 is mapped already.
 */
export const BUFFER_LAYOUT: readonly { readonly offset: number; readonly length: number }[] = [
  { offset: 0x100, length: 64 },
  { offset: 0x180, length: 48 },
  { offset: 0x1d0, length: 64 },
  { offset: 0x220, length: 32 },
  { offset: 0x320, length: 192 },
  { offset: 0x404, length: 20 },
  { offset: 0x100, length: 128 },
];

/** The MPU configuration and memory of a process freshly created (or reset) in slot `index`. */
export interface Boot {
  readonly config: MpuConfig;
  readonly memory: ProcessMemory;
}

/**
 * Boots a process's MPU as Tock's process creation and `reset` do
 * (kernel/src/process_standard.rs `create`, `reset`): a new configuration,
 * flash as a read-execute region, the app memory block (initial break from
 * the architecture), then the `brk` of the app's start-up moving the break
 * to the RAM it asked for. Throws if the layout does not fit the
 * architecture: a bug in the constants above, not bad input.
 */
export function bootProcess(arch: MpuArchId, regions: number, index: number, buffers: number, heap: boolean): Boot {
  const mpu = mpuFor(arch, regions);
  const flash = { start: FLASH_BASE + index * FLASH_SIZE, size: FLASH_SIZE };
  const unallocated = { start: RAM_BASE + index * RAM_STRIDE, size: RAM_STRIDE };
  const { config, ram } = layOut(arch, regions, mpu.newConfig(), flash, unallocated, APP_RAM + KERNEL_RAM + (heap ? HEAP_ROOM : 0));
  const layout = [...BUFFER_LAYOUT.slice(0, buffers), ...(heap ? [HEAP_BUFFER] : [])].map((b) => ({ start: ram.start + b.offset, size: b.length }));
  return { config, memory: { flash, ram, appBreak: ram.start + APP_RAM, kernelBreak: ram.start + ram.size - KERNEL_RAM, buffers: layout } };
}

/**
 * The configuration of a process restarted with `memory` (process_standard.rs
 * `reset`): `reset_config`, flash again, the app memory block asked for at
 * its old start with exactly its old length, then the start-up `brk`.
 */
export function rebootConfig(arch: MpuArchId, regions: number, config: MpuConfig, memory: ProcessMemory): MpuConfig {
  const mpu = mpuFor(arch, regions);
  return layOut(arch, regions, mpu.reset(config), memory.flash, memory.ram, memory.ram.size).config;
}

/** Flash, app memory in `unallocated` (at least `minSize` bytes), and the break moved to APP_RAM; throws if Tock would refuse. */
function layOut(arch: MpuArchId, regions: number, empty: MpuConfig, flash: Region, unallocated: Region, minSize: number) {
  const mpu = mpuFor(arch, regions);
  const withFlash = mpu.allocateRegion(empty, flash.start, flash.size, flash.size, 'rx');
  if (withFlash === null) throw new Error(`${arch}: cannot map flash at ${flash.start}`);
  const app = mpu.allocateAppMemoryRegion(withFlash.config, unallocated.start, unallocated.size, minSize, INITIAL_BREAK[arch], KERNEL_RAM, 'rw');
  if (app === null) throw new Error(`${arch}: cannot lay out app memory at ${unallocated.start}`);
  const ram = app.region;
  const config = mpu.updateAppMemoryRegion(app.config, ram.start + APP_RAM, ram.start + ram.size - KERNEL_RAM, 'rw');
  if (config === null) throw new Error(`${arch}: cannot move the break of the app memory at ${ram.start}`);
  return { config, ram };
}
