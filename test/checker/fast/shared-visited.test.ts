import { describe, expect, it } from 'vitest';
import { SharedVisited } from '../../../checker/fast/shared-visited.ts';

describe('SharedVisited', () => {
  it('keeps every stored tuple through prefault, which writes the first word of each page of its table', () => {
    const set = SharedVisited.create(3, 5000);
    set.addRoot(Int32Array.of(0, 0, 0), 0);
    // 5,000 tuples over 2^18 rows of 4 words: some twenty of them have their head word first on a page.
    const batch = new Int32Array(5000 * 3);
    for (let i = 0; i < 5000; i++) batch.set([i + 1, (i * 7) % 13, i % 3], i * 3);
    expect(set.addBatch(batch, 5000, 0, Array(5000).fill(1), Array(5000).fill(0))).toBe(5000);
    set.close();
    set.prefault();
    expect(set.has(Int32Array.of(0, 0, 0), 0)).toBe(true);
    const missing = Array.from({ length: 5000 }, (_, i) => i).filter((i) => !set.has(batch, i * 3));
    expect(missing).toEqual([]);
    expect(set.stored).toBe(5001);
  });
});
