import { assign, setup } from 'xstate';
import { advance, initialState, type MachineState } from './machine-state.ts';
import { rebootConfig, type ProcessMemory } from './memory-layout.ts';
import { mpuFor, rangesAllow, type AccessRange, type HardwareRegion, type MpuArchId, type MpuConfig, type Region } from './mpu/index.ts';

/**
 * A process's MPU configuration (kernel/src/platform/mpu.rs), as a machine
 * whose allocator is the architecture's pure reducer.
 *
 * `appOnly` holds flash and app memory only, as after create or reset;
 * `extended` has gained a region since (and may have removed it again:
 * the state says a region was added, not that one is held). A refused
 * `allocate` or `remove` is not handled,
 * so the state is unchanged: that is how the kernel sees failure. `reset`
 * lays the configuration out again as process `reset()` does.
 */
export interface MpuContext {
  readonly arch: MpuArchId;
  /** The `regions` world parameter the allocator was built with. */
  readonly regions: number;
  readonly config: MpuConfig;
}

export type MpuEvent =
  /** `allocate_region(start, size, size, rw)`, as IPC delivery asks; null is Tock's (null, 0). */
  | { readonly type: 'allocate'; readonly request: Region | null }
  /** `remove_memory_region(region)`: frees the region `allocate` returned; refused (no change) when there is none such. */
  | { readonly type: 'remove'; readonly region: Region }
  /** `update_app_memory_region(app_break, kernel_break)`, as brk and grant allocation ask; refused (no change) when the architecture cannot. */
  | { readonly type: 'moveBreaks'; readonly appBreak: number; readonly kernelBreak: number }
  | { readonly type: 'reset'; readonly memory: ProcessMemory };

const allocated = (context: MpuContext, event: MpuEvent): MpuConfig | null => {
  if (event.type !== 'allocate') return null;
  const mpu = mpuFor(context.arch, context.regions);
  const { start, size } = event.request ?? { start: 0, size: 0 };
  return mpu.allocateRegion(context.config, start, size, size, 'rw')?.config ?? null;
};

const removed = (context: MpuContext, event: MpuEvent): MpuConfig | null =>
  event.type === 'remove' ? mpuFor(context.arch, context.regions).removeRegion(context.config, event.region) : null;

const moved = (context: MpuContext, event: MpuEvent): MpuConfig | null =>
  event.type === 'moveBreaks' ? mpuFor(context.arch, context.regions).updateAppMemoryRegion(context.config, event.appBreak, event.kernelBreak, 'rw') : null;

export const mpuMachine = setup({
  types: {
    context: {} as MpuContext,
    events: {} as MpuEvent,
    input: {} as MpuContext,
  },
  guards: {
    allocatorAccepts: ({ context, event }) => allocated(context, event) !== null,
    regionFound: ({ context, event }) => removed(context, event) !== null,
    breaksAccepted: ({ context, event }) => moved(context, event) !== null,
  },
  actions: {
    install: assign({ config: ({ context, event }) => allocated(context, event) ?? context.config }),
    uninstall: assign({ config: ({ context, event }) => removed(context, event) ?? context.config }),
    moveApp: assign({ config: ({ context, event }) => moved(context, event) ?? context.config }),
  },
}).createMachine({
  id: 'mpu',
  initial: 'appOnly',
  context: ({ input }) => input,
  states: {
    appOnly: { on: { allocate: { guard: 'allocatorAccepts', target: 'extended', actions: 'install' } } },
    extended: {
      on: {
        allocate: { guard: 'allocatorAccepts', target: 'extended', actions: 'install' },
        remove: { guard: 'regionFound', actions: 'uninstall' },
      },
    },
  },
  on: {
    moveBreaks: { guard: 'breaksAccepted', actions: 'moveApp' },
    reset: {
      target: '.appOnly',
      actions: assign({
        config: ({ context, event }) => rebootConfig(context.arch, context.regions, context.config, event.memory),
      }),
    },
  },
});

export type Mpu = MachineState<MpuContext>;

/** The MPU of a process just booted with `config`. */
export function initialMpu(arch: MpuArchId, regions: number, config: MpuConfig): Mpu {
  return initialState(mpuMachine, { arch, regions, config });
}

/** The MPU after `event`; the same object when the allocator refused. */
export function mpuAfter(mpu: Mpu, event: MpuEvent): Mpu {
  return advance(mpuMachine, mpu, event);
}

const rangesCache = new WeakMap<object, AccessRange[]>();

/** The hardware regions the configuration sets (see `AddressMpu.hardwareRegions`), for people: the report's memory map. */
export function mpuRegions(mpu: Mpu): readonly HardwareRegion[] {
  return mpuFor(mpu.context.arch, mpu.context.regions).hardwareRegions(mpu.context.config as never);
}

/** The bytes the configuration lets its process touch (see `AddressMpu.accessRanges`); memoised per configuration. */
export function mpuRanges(mpu: Mpu): readonly AccessRange[] {
  const config = mpu.context.config as object;
  let ranges = rangesCache.get(config);
  if (ranges === undefined) {
    ranges = mpuFor(mpu.context.arch, mpu.context.regions).accessRanges(config);
    rangesCache.set(config, ranges);
  }
  return ranges;
}

/** True iff the process may read and write the byte at `addr`. */
export function mpuAllows(mpu: Mpu, addr: number): boolean {
  return rangesAllow(mpuRanges(mpu), addr, 'rw');
}
