import { describe, expect, it } from 'vitest';
import { PackedStateSet } from '../../bench/packed-state-set.ts';

describe('PackedStateSet', () => {
  it('marks new states fresh, a repeat in the same batch fresh once', () => {
    const set = new PackedStateSet(2, 4);
    const fresh = new Uint8Array(3);
    set.addBatch(Uint32Array.of(1, 2, 1, 3, 1, 2), 3, fresh);
    expect([...fresh]).toEqual([1, 1, 0]);
    set.addBatch(Uint32Array.of(1, 3, 5, 0), 2, fresh);
    expect([...fresh.subarray(0, 2)]).toEqual([0, 1]);
    expect(set.size).toBe(3);
  });

  it('keeps every state across many doublings', () => {
    const set = new PackedStateSet(2, 2);
    const n = 100_000;
    const batch = new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) batch.set([0x8000_0000 | (i >>> 3), i * 7], 2 * i);
    const fresh = new Uint8Array(n);
    set.addBatch(batch, n, fresh);
    expect(fresh.every((f) => f === 1)).toBe(true);
    set.addBatch(batch, n, fresh);
    expect(fresh.every((f) => f === 0)).toBe(true);
    let seen = 0;
    set.forEach(() => seen++);
    expect([set.size, seen]).toEqual([n, n]);
  });

  it('refuses a state whose word 0 is zero (the empty-slot mark)', () => {
    expect(() => new PackedStateSet(1).addBatch(Uint32Array.of(0), 1, new Uint8Array(1))).toThrow(/non-zero/);
  });
});
