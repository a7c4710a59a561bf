import { assign, setup } from 'xstate';
import type { BufferRef } from './instance.ts';
import { advance, initialState, type MachineState } from './machine-state.ts';
import { mpuArch, type MpuArchId, type MpuConfig } from './mpu/index.ts';

/**
 * A process's MPU configuration (kernel/src/platform/mpu.rs), as a machine
 * whose allocator is the architecture's pure reducer.
 *
 * `appOnly` holds flash and RAM only, as after create or reset;
 * `extended` has at least one extra region. A refused `allocate` is not
 * handled, so the state is unchanged: that is how the kernel sees failure.
 */
export interface MpuContext {
  readonly arch: MpuArchId;
  /** Regions free for extra mappings in a fresh configuration (a world parameter). */
  readonly freeRegions: number;
  readonly config: MpuConfig;
}

export type MpuEvent =
  | { readonly type: 'allocate'; readonly request: BufferRef | null }
  | { readonly type: 'reset' };

const allocated = (context: MpuContext, event: MpuEvent): MpuConfig | null =>
  event.type === 'allocate' ? mpuArch(context.arch).allocate(context.config, event.request) : null;

export const mpuMachine = setup({
  types: {
    context: {} as MpuContext,
    events: {} as MpuEvent,
    input: {} as { arch: MpuArchId; freeRegions: number },
  },
  guards: {
    allocatorAccepts: ({ context, event }) => allocated(context, event) !== null,
  },
  actions: {
    install: assign({ config: ({ context, event }) => allocated(context, event) ?? context.config }),
  },
}).createMachine({
  id: 'mpu',
  initial: 'appOnly',
  context: ({ input }) => ({
    arch: input.arch,
    freeRegions: input.freeRegions,
    config: mpuArch(input.arch).initial(input.freeRegions),
  }),
  states: {
    appOnly: { on: { allocate: { guard: 'allocatorAccepts', target: 'extended', actions: 'install' } } },
    extended: { on: { allocate: { guard: 'allocatorAccepts', target: 'extended', actions: 'install' } } },
  },
  on: {
    reset: {
      target: '.appOnly',
      actions: assign({ config: ({ context }) => mpuArch(context.arch).initial(context.freeRegions) }),
    },
  },
});

export type Mpu = MachineState<MpuContext>;

/** A fresh configuration with `freeRegions` regions left for extra mappings. */
export function initialMpu(arch: MpuArchId, freeRegions: number): Mpu {
  return initialState(mpuMachine, { arch, freeRegions });
}

/** The MPU after `event`; the same object when the allocator refused. */
export function mpuAfter(mpu: Mpu, event: MpuEvent): Mpu {
  return advance(mpuMachine, mpu, event);
}

/** True iff the process may read and write the whole buffer. */
export function mpuCovers(mpu: Mpu, buffer: BufferRef): boolean {
  return mpuArch(mpu.context.arch).covers(mpu.context.config, buffer);
}

/** The other processes' buffers this configuration maps. */
export function mpuMapped(mpu: Mpu): readonly BufferRef[] {
  return mpuArch(mpu.context.arch).mapped(mpu.context.config);
}
