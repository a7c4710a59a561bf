import { abstractMpu, type AbstractMpuConfig } from './abstract.ts';
import type { MpuArch } from './mpu-arch.ts';

export type { MpuArch } from './mpu-arch.ts';

/** The MPU architectures the world can be built with. */
export const MPU_ARCHS = { abstract: abstractMpu } as const;

export type MpuArchId = keyof typeof MPU_ARCHS;

/** Any architecture's configuration; each arch reads only its own. */
export type MpuConfig = AbstractMpuConfig;

/** The allocator named `id`. */
export function mpuArch(id: MpuArchId): MpuArch<MpuConfig> {
  return MPU_ARCHS[id];
}

/** True iff `id` names an architecture. */
export function isMpuArchId(id: string): id is MpuArchId {
  return Object.hasOwn(MPU_ARCHS, id);
}
