import { describe, expect, it } from 'vitest';
import { bootProcess } from '../../model/memory-layout.ts';
import { initialMpu, mpuAfter, mpuAllows, mpuRanges } from '../../model/mpu-machine.ts';
import { MPU_ARCH_IDS, type Region } from '../../model/mpu/index.ts';
import { defaultParams, designById, initialWorld, slotAt, step } from '../../model/index.ts';
import { initialLifecycle, lifecycleAfter, statusOf } from '../../model/process-machine.ts';
import { initialTaskQueue, isFull, taskQueueAfter } from '../../model/task-queue-machine.ts';
import type { Task } from '../../model/task.ts';

const task = (i: number): Task => ({ kind: 'null-upcall', upcall: i, from: { index: 1, generation: 0 } });

describe('task queue machine', () => {
  it("holds Tock's 9 tasks by default, then refuses the 10th without change", () => {
    let q = initialTaskQueue(9);
    for (let i = 0; i < 9; i++) {
      expect(isFull(q)).toBe(false);
      q = taskQueueAfter(q, { type: 'enqueue', task: task(i) });
    }
    expect(isFull(q)).toBe(true);
    const refused = taskQueueAfter(q, { type: 'enqueue', task: task(9) });
    expect(refused).toBe(q);
    expect(q.context.tasks).toHaveLength(9);
  });

  it('dequeues in FIFO order and returns to empty', () => {
    let q = initialTaskQueue(3);
    q = taskQueueAfter(taskQueueAfter(q, { type: 'enqueue', task: task(1) }), { type: 'enqueue', task: task(2) });
    expect(q.value).toBe('pending');
    q = taskQueueAfter(q, { type: 'dequeue' });
    expect(q.context.tasks).toEqual([task(2)]);
    q = taskQueueAfter(q, { type: 'dequeue' });
    expect(q.value).toBe('empty');
  });

  it('clear empties a full queue', () => {
    let q = taskQueueAfter(initialTaskQueue(1), { type: 'enqueue', task: task(1) });
    expect(q.value).toBe('full');
    q = taskQueueAfter(q, { type: 'clear' });
    expect(q).toEqual(initialTaskQueue(1));
  });
});

describe('process machine', () => {
  it('runs, yields, resumes, faults; restart gives the next generation, running', () => {
    let p = initialLifecycle();
    expect(statusOf(p)).toBe('running');
    p = lifecycleAfter(p, { type: 'yield' });
    expect(statusOf(p)).toBe('yielded');
    expect(lifecycleAfter(p, { type: 'fault' })).toBe(p);
    p = lifecycleAfter(lifecycleAfter(p, { type: 'resume' }), { type: 'fault' });
    expect(statusOf(p)).toBe('faulted');
    expect(lifecycleAfter(p, { type: 'resume' })).toBe(p);
    p = lifecycleAfter(p, { type: 'restart' });
    expect(p).toEqual({ value: 'running', context: { generation: 1 } });
  });
});

describe('MPU machine (abstract allocator)', () => {
  const boot = bootProcess('abstract', 2, 1, 2, false);
  const [b0, b1] = bootProcess('abstract', 2, 2, 2, false).memory.buffers as [Region, Region];
  const fresh = () => initialMpu('abstract', 2, boot.config);

  it('maps requests until its free regions run out, then refuses without change', () => {
    let m = fresh();
    expect(m.value).toBe('appOnly');
    m = mpuAfter(m, { type: 'allocate', request: { start: 0x1000, size: 64 } });
    m = mpuAfter(m, { type: 'allocate', request: b0 });
    expect(m.value).toBe('extended');
    expect(mpuAfter(m, { type: 'allocate', request: { start: 0x2000, size: 8 } })).toBe(m);
    expect(mpuAllows(m, 0x1000 + 63)).toBe(true);
    expect(mpuAllows(m, 0x1000 + 64)).toBe(false);
  });

  it('refuses a region over its own app memory', () => {
    const own = boot.memory.buffers[0]!;
    expect(mpuAfter(fresh(), { type: 'allocate', request: own })).toEqual(fresh());
  });

  it('refuses a null request and an overlapping one; the existing region stays', () => {
    const m = mpuAfter(fresh(), { type: 'allocate', request: b1 });
    expect(mpuAfter(m, { type: 'allocate', request: null })).toBe(m);
    expect(mpuAfter(m, { type: 'allocate', request: b1 })).toBe(m);
    expect(mpuAllows(m, b1.start)).toBe(true);
  });

  it('reset boots the configuration again: flash and app memory only', () => {
    const m = mpuAfter(fresh(), { type: 'allocate', request: { start: 0x1000, size: 64 } });
    const reset = mpuAfter(m, { type: 'reset', memory: boot.memory });
    expect(reset).toEqual(fresh());
    expect(mpuRanges(reset)).toEqual([
      { start: boot.memory.flash.start, end: boot.memory.flash.start + boot.memory.flash.size, perms: 'rx' },
      { start: boot.memory.ram.start, end: boot.memory.appBreak, perms: 'rw' },
    ]);
  });
});

describe('process memory on every architecture', () => {
  it.each(MPU_ARCH_IDS)('%s: a restart lays the MPU out exactly as process creation did', (arch) => {
    const design = designById('tock-2.2')!;
    const params = { ...defaultParams(arch), buffers: 6 };
    const world = initialWorld(params);
    const restarted = step(design, world, { type: 'restart', process: 1 }).world;
    expect(slotAt(restarted, 1).mpu.context.config).toEqual(slotAt(world, 1).mpu.context.config);
  });

  it.each(MPU_ARCH_IDS)('%s: app memory is readable and writable up to the break, and no further into the grant area', (arch) => {
    const world = initialWorld({ ...defaultParams(arch), buffers: 6 });
    for (const slot of world.processes) {
      const { ram, appBreak, kernelBreak, buffers } = slot.memory;
      expect(mpuAllows(slot.mpu, ram.start)).toBe(true);
      expect(mpuAllows(slot.mpu, appBreak - 1)).toBe(true);
      expect(mpuAllows(slot.mpu, kernelBreak)).toBe(false);
      for (const b of buffers) expect(b.start + b.size).toBeLessThanOrEqual(appBreak);
    }
  });
});
