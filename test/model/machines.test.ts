import { describe, expect, it } from 'vitest';
import { initialMpu, mpuAfter, mpuCovers, mpuMapped } from '../../model/mpu-machine.ts';
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

describe('abstract MPU machine', () => {
  const b = (owner: number, buffer: number) => ({ owner, buffer });

  it('maps buffers until its free regions run out, then refuses', () => {
    let m = initialMpu('abstract', 2);
    expect(m.value).toBe('appOnly');
    m = mpuAfter(m, { type: 'allocate', request: b(1, 0) });
    m = mpuAfter(m, { type: 'allocate', request: b(2, 0) });
    expect(m.value).toBe('extended');
    expect(mpuAfter(m, { type: 'allocate', request: b(1, 1) })).toBe(m);
    expect(mpuCovers(m, b(2, 0))).toBe(true);
    expect(mpuCovers(m, b(1, 1))).toBe(false);
  });

  it('refuses a null request and a buffer already mapped, which stays mapped', () => {
    let m = mpuAfter(initialMpu('abstract', 3), { type: 'allocate', request: b(1, 0) });
    expect(mpuAfter(m, { type: 'allocate', request: null })).toBe(m);
    expect(mpuAfter(m, { type: 'allocate', request: b(1, 0) })).toBe(m);
    expect(mpuMapped(m)).toEqual([b(1, 0)]);
  });

  it('reset goes back to flash and RAM only, all regions free again', () => {
    const m = mpuAfter(initialMpu('abstract', 1), { type: 'allocate', request: b(1, 0) });
    expect(mpuAfter(m, { type: 'reset' })).toEqual(initialMpu('abstract', 1));
  });
});
