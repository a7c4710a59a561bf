import { describe, expect, it } from 'vitest';
import { BLOCK, PORTION, SharedVisited } from '../../../engine/parallel/shared-visited.ts';

describe('SharedVisited', () => {
  it('stores every tuple after prefault, which writes the first word of each page of its table', () => {
    const set = SharedVisited.create(3, 5000, 2);
    set.prefault();
    set.addRoot(Int32Array.of(0, 0, 0), 0);
    const batch = new Int32Array(5000 * 3);
    for (let i = 0; i < 5000; i++) batch.set([i + 1, (i * 7) % 13, i % 3], i * 3);
    expect(set.addBatch(batch, 5000, 0, Array(5000).fill(1), Array(5000).fill(0))).toBe(5000);
    set.close();
    expect(set.has(Int32Array.of(0, 0, 0), 0)).toBe(true);
    const missing = Array.from({ length: 5000 }, (_, i) => i).filter((i) => !set.has(batch, i * 3));
    expect(missing).toEqual([]);
    expect(set.stored).toBe(5001);
  });

  it('refuses to prefault once a tuple is stored, since prefault writes over rows', () => {
    const set = SharedVisited.create(3, 5000, 2);
    set.addRoot(Int32Array.of(0, 0, 0), 0);
    expect(() => set.prefault()).toThrow(/before anything is stored/);
    expect(set.has(Int32Array.of(0, 0, 0), 0)).toBe(true);
  });

  it('keeps every tuple through growth, whose new table is prefaulted before the rehash', () => {
    const set = SharedVisited.create(2, 1, 2);
    set.addRoot(Int32Array.of(0, 0), 0);
    const batch = new Int32Array(3000 * 2);
    for (let i = 0; i < 3000; i++) batch.set([i + 1, i % 5], i * 2);
    set.addBatch(batch, 3000, 0, Array(3000).fill(1), Array(3000).fill(0));
    set.close();
    const grown = set.grown();
    grown.rehash(0, grown.reserved);
    const missing = Array.from({ length: 3000 }, (_, i) => i).filter((i) => !grown.has(batch, i * 2));
    expect(missing).toEqual([]);
    expect(grown.has(Int32Array.of(0, 0), 0)).toBe(true);
  });

  it('has each thread stop once its block reaches past growAt, so that every thread past it fits in the slack', () => {
    const one = SharedVisited.create(2, 1, 2);
    const other = new SharedVisited(one.buffers);
    let next = 0;
    /** Adds `count` new tuples through `set`. */
    const add = (set: SharedVisited, count: number) => {
      const batch = new Int32Array(count * 2);
      for (let i = 0; i < count; i++) batch.set([++next, 7], i * 2);
      set.addBatch(batch, count, 0, Array(count).fill(0), Array(count).fill(0));
    };
    other.addRoot(Int32Array.of(0, 0), 0);
    while (!one.mustGrow) add(one, 100);
    expect(one.reserved).toBeGreaterThan(one.growAt);
    expect(other.mustGrow).toBe(false);
    add(other, 1);
    expect(other.mustGrow).toBe(true);
    expect(one.reserved).toBeLessThanOrEqual(one.capacity);
  });

  it('lists the blocks each thread reserved, in order, and hands each portion of them out once, through growth too', () => {
    const one = SharedVisited.create(1, 1, 2);
    const other = new SharedVisited(one.buffers);
    let next = 0;
    const add = (set: SharedVisited, count: number) => {
      const batch = Int32Array.from({ length: count }, () => ++next);
      set.addBatch(batch, count, 0, Array(count).fill(0), Array(count).fill(0));
    };
    add(one, BLOCK + 1);
    add(other, 1);
    add(one, BLOCK);
    expect(one.taken).toEqual([0, BLOCK, 3 * BLOCK]);
    expect(other.taken).toEqual([2 * BLOCK]);
    expect(one.claim(BLOCK + PORTION)).toBe(true);
    expect(other.claim(BLOCK + PORTION)).toBe(false);
    expect(other.claim(BLOCK)).toBe(true);
    one.close();
    other.close();
    const grown = new SharedVisited(one.grown().buffers, one.taken);
    expect(grown.claim(BLOCK + PORTION)).toBe(false);
    expect(grown.claim(2 * BLOCK)).toBe(true);
    expect(grown.taken).toBe(one.taken);
  });
});
