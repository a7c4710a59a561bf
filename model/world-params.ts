import { takesIpcNumbers, type KindTable } from './action-kind.ts';
import { DEFAULT_REGIONS, MIN_REGIONS, type MpuArchId } from './mpu/index.ts';

/**
 * The numeric parameters of a world (its size, whether it holds an
 * impostor, and how many process slots the board leaves empty), declared once: what each
 * means, its range and its default. The CLI's flags, the counterexample
 * file's schema, the repeat command and the initial world's memo key all
 * derive from this table (and from `arch` and `regions`, whose range and
 * default depend on the architecture: `regionsRange`).
 */
export const SIZE_PARAMS = {
  clients: { doc: 'client processes beside the one service', min: 1, max: 6, default: 2 },
  restarts: { doc: 'restarts allowed per process', min: 0, max: 5, default: 1 },
  queue: { doc: "task-queue capacity per process (Tock's CALLBACK_LEN ring keeps 9)", min: 1, max: 64, default: 9 },
  buffers: { doc: 'buffers each process can share (the first N of the seven the memory layout defines)', min: 1, max: 7, default: 5 },
  heap: {
    doc: "1: each process asks for room to grow: its heap grows past the start-up break (sbrk) and grants are allocated downward on first use (tock-2.2)",
    min: 0,
    max: 1,
    default: 0,
    /** Files written before it existed lack it; they read as its default. */
    optionalInFiles: true,
    /** Set, it needs a design that can grow memory. */
    needs: { kinds: (kinds: KindTable) => Object.hasOwn(kinds, 'sbrk'), lacking: 'model memory that grows (no sbrk kind)' },
  },
  impostor: {
    doc: "1: the last client is an impostor, bearing the service's package name and registering any string name",
    min: 0,
    max: 1,
    default: 0,
    /** Files written before it existed lack it; they read as its default. */
    optionalInFiles: true,
  },
  empty: {
    doc: "empty process slots: the board's NUM_PROCS exceeds the processes loaded by this many; searches then also try the IPC numbers past the loaded processes (an empty slot's, and the first past NUM_PROCS: NOSUPPORT) (tock-2.2)",
    min: 0,
    max: 2,
    default: 0,
    /** Files written before it existed lack it; they read as its default. */
    optionalInFiles: true,
    /** Set, it needs a design whose actions take IPC numbers. */
    needs: {
      kinds: takesIpcNumbers,
      lacking: 'take IPC numbers past the loaded processes (no number field)',
    },
  },
} as const;

export type SizeParam = keyof typeof SIZE_PARAMS;

/** The size parameters in declaration order. */
export const SIZE_PARAM_NAMES = Object.keys(SIZE_PARAMS) as SizeParam[];

/** The most MPU regions any architecture's `--regions` may ask for. */
export const MAX_REGIONS = 16;

/** `--regions` for `arch`: from what flash and app memory need, up to MAX_REGIONS; default the part's own. */
export function regionsRange(arch: MpuArchId): { readonly min: number; readonly max: number; readonly default: number } {
  return { min: MIN_REGIONS[arch], max: MAX_REGIONS, default: DEFAULT_REGIONS[arch] };
}
