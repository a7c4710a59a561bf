import type { BufferRef } from '../instance.ts';

/**
 * An MPU allocator: how one architecture turns "map this buffer" into region
 * configuration (kernel/src/platform/mpu.rs `allocate_region`, reset).
 *
 * Configurations are plain JSON data; every function is pure. `allocate`
 * returns null when the allocator refuses (no free region, overlap, a buffer
 * it cannot cover exactly); a null request (Tock's null pointer, length 0)
 * is refused by every architecture.
 */
export interface MpuArch<Config> {
  readonly id: string;
  /** The configuration right after a process is created or reset: flash and RAM only. */
  initial(freeRegions: number): Config;
  allocate(config: Config, request: BufferRef | null): Config | null;
  /** True iff the configuration lets its process read and write the whole buffer. */
  covers(config: Config, buffer: BufferRef): boolean;
  /** The other processes' buffers the configuration maps, in a stable order. */
  mapped(config: Config): readonly BufferRef[];
}
