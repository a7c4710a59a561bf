import { sameBuffer, type BufferRef } from '../instance.ts';
import type { MpuArch } from './mpu-arch.ts';

/**
 * The `abstract` MPU: N free region slots beside flash and RAM, no address
 * arithmetic. A region covers exactly the buffer it was made for. Mapping a
 * buffer already mapped is refused, as Tock's allocators refuse an overlap,
 * and the existing region stays (SPEC.md section 2).
 */
export interface AbstractMpuConfig {
  readonly free: number;
  readonly regions: readonly BufferRef[];
}

export const abstractMpu: MpuArch<AbstractMpuConfig> = {
  id: 'abstract',
  initial: (freeRegions) => ({ free: freeRegions, regions: [] }),
  allocate(config, request) {
    if (request === null || config.free === 0) return null;
    if (config.regions.some((r) => sameBuffer(r, request))) return null;
    return { free: config.free - 1, regions: [...config.regions, request] };
  },
  covers: (config, buffer) => config.regions.some((r) => sameBuffer(r, buffer)),
  mapped: (config) => config.regions,
};
