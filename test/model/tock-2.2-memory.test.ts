import { describe, expect, it } from 'vitest';
import { runTrace } from '../../engine/trace-run.ts';
import {
  appBreakOf,
  bufferSpan,
  defaultParams,
  designById,
  kernelBreakOf,
  mpuAllows,
  slotAt,
  type Action,
  type World,
  type WorldParams,
} from '../../model/index.ts';
import { GRANT_SIZES, HEAP_STEP } from '../../model/memory-layout.ts';
import { propertyById } from '../../properties/index.ts';
import { grantOverStaleRegion } from '../../scenarios/memory-growth.ts';

const design = designById('tock-2.2')!;
/** One layout buffer (b0), and with heap the heap buffer b1. */
const HEAP: WorldParams = { ...defaultParams('abstract'), buffers: 1, heap: 1 };

function play(trace: readonly Action[], params: WorldParams = HEAP): { results: string[]; world: World } {
  const end = runTrace(design, params, [], trace);
  if (end.kind !== 'completed') throw new Error(`trace stopped: ${end.kind} at step ${end.steps.length + 1}`);
  return { results: end.steps.map((s) => s.outcome.result), world: end.world };
}

describe('tock-2.2 memory that grows (--heap 1; process_standard.rs brk, allocate_in_grant_region_internal)', () => {
  it('sbrk moves the break up one step, and the heap buffer becomes the app own memory, its MPU reaching it; allowed before, it is INVAL', () => {
    const start = play([]).world;
    const heapBuffer = bufferSpan(start, { owner: 1, buffer: 1 });
    expect(heapBuffer.end).toBeGreaterThan(appBreakOf(slotAt(start, 1)));
    expect(play([{ type: 'share', by: 1, to: 0, buffer: 1 }]).results).toEqual(['INVAL']);
    const { results, world } = play([{ type: 'sbrk', by: 1 }, { type: 'share', by: 1, to: 0, buffer: 1 }]);
    expect(results).toEqual(['SUCCESS', 'SUCCESS']);
    expect(appBreakOf(slotAt(world, 1))).toBe(appBreakOf(slotAt(start, 1)) + HEAP_STEP);
    expect(mpuAllows(slotAt(world, 1).mpu, heapBuffer.start)).toBe(true);
    expect(design.enabledAt(world, 1)).not.toContainEqual({ type: 'sbrk', by: 1 });
  });

  it('allocates the IPC grant on the first IPC syscall, downward from the kernel break, once', () => {
    const start = slotAt(play([]).world, 1);
    const { world } = play([{ type: 'subscribe', by: 1, upcall: 0 }, { type: 'discover', by: 1, name: 'service' }]);
    expect(slotAt(world, 1).growth.grants).toEqual(['ipc']);
    expect(kernelBreakOf(slotAt(world, 1))).toBe(kernelBreakOf(start) - GRANT_SIZES.ipc);
  });

  it('refuses what would cross: a grant below the break (NOMEM for the syscall), a break above the kernel break', () => {
    expect(play([{ type: 'sbrk', by: 1 }, { type: 'use-driver', by: 1 }, { type: 'subscribe', by: 1, upcall: 0 }]).results).toEqual(['SUCCESS', 'SUCCESS', 'NOMEM']);
    expect(play([{ type: 'use-driver', by: 1 }, { type: 'discover', by: 1, name: 'service' }, { type: 'sbrk', by: 1 }]).results).toEqual(['SUCCESS', 'SUCCESS(0)', 'NOMEM']);
  });

  it('a restart puts both breaks back: the grown heap and the grants are gone', () => {
    const { world } = play([{ type: 'sbrk', by: 1 }, { type: 'subscribe', by: 1, upcall: 0 }, { type: 'restart', process: 1 }]);
    expect(slotAt(world, 1).growth).toEqual({ heap: false, grants: [] });
    expect(appBreakOf(slotAt(world, 1))).toBe(slotAt(world, 1).memory.appBreak);
  });

  it('delivery refuses a stale sender before it enters any grant, but enters the target grant before it finds the sender not running', () => {
    const stale = play([{ type: 'notify', by: 1, to: 0, kind: 'service' }, { type: 'restart', process: 1 }, { type: 'deliver', process: 0 }]);
    expect(stale.results).toEqual(['SUCCESS', 'RESTARTED', 'DROPPED']);
    expect(slotAt(stale.world, 0).growth.grants).toEqual([]);
    const exited = play([{ type: 'notify', by: 1, to: 0, kind: 'service' }, { type: 'exit', by: 1 }, { type: 'deliver', process: 0 }]);
    expect(exited.results).toEqual(['SUCCESS', 'EXITED', 'DROPPED']);
    expect(slotAt(exited.world, 0).growth.grants).toEqual(['ipc']);
  });

  it('a process that exits keeps its breaks until it restarts (terminate forgets its grants; reset moves the breaks)', () => {
    const { world } = play([{ type: 'sbrk', by: 1 }, { type: 'subscribe', by: 1, upcall: 0 }, { type: 'exit', by: 1 }]);
    expect(slotAt(world, 1).growth).toEqual({ heap: true, grants: ['ipc'] });
  });

  it("a restarted client's grants under the service's stale region: isolation, cause grant-memory", () => {
    const end = runTrace(design, grantOverStaleRegion.params, [propertyById('isolation')!], grantOverStaleRegion.trace);
    expect(end.kind === 'violated' && end.violation.cause).toBe('grant-memory');
    expect(end.steps).toHaveLength(grantOverStaleRegion.trace.length);
  });

  it('without --heap, memory never moves: no sbrk or use-driver on offer, and IPC syscalls allocate nothing', () => {
    const params = { ...HEAP, heap: 0 };
    const { world } = play([{ type: 'subscribe', by: 1, upcall: 0 }, { type: 'share', by: 1, to: 0, buffer: 0 }], params);
    expect(slotAt(world, 1).growth).toEqual({ heap: false, grants: [] });
    expect(design.enabledAt(world, 1).filter((a) => a.type === 'sbrk' || a.type === 'use-driver')).toEqual([]);
  });
});
