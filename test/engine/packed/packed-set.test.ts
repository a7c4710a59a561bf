import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedSet } from '../../../engine/packed/packed-set.ts';

describe('PackedSet', () => {
  it('behaves as a set of tuples with dense indices in insertion order, through growth and rehashing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.integer({ min: 0, max: 2 ** 32 - 2 })), { maxLength: 300 }), (tuples) => {
        const set = new PackedSet(3, 4);
        const tuple = new Int32Array(3);
        const model = new Map<string, number>();
        for (const t of tuples) {
          const key = t.join(',');
          tuple.set(t.map((x) => x | 0));
          const got = set.add(tuple);
          const known = model.get(key);
          if (known === undefined) {
            expect(got).toBe(model.size);
            model.set(key, got);
          } else expect(got).toBe(-1);
        }
        expect(set.size).toBe(model.size);
        const out = new Int32Array(3);
        for (const [key, index] of model) {
          set.read(index, out);
          expect([...out].map((x) => x >>> 0).join(",")).toBe(key);
        }
      }),
    );
  });

  it('answers has and addBatch as a set does, for small and full 32-bit values, the all-zero tuple included', () => {
    // Words up to 2^32 - 2: the set stores each plus one, and 2^32 - 1 would wrap to the empty row's 0 (add's doc excludes it).
    const value = fc.oneof(fc.constant(0), fc.nat(300), fc.nat(70_000), fc.constant(2 ** 32 - 2), fc.integer({ min: 0, max: 2 ** 32 - 2 }));
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 6 }), { maxLength: 60 }), (batches) => {
        const set = new PackedSet(2, 2);
        const model = new Set<string>();
        for (const tuples of batches) {
          const batch = Int32Array.from(tuples.flat().map((x) => x | 0));
          for (let i = 0; i < tuples.length; i++) expect(set.has(batch, i * 2)).toBe(model.has(tuples[i]!.join(',')));
          const fresh = new Uint8Array(tuples.length);
          set.addBatch(batch, tuples.length, fresh);
          tuples.forEach((t, i) => {
            const key = t.join(',');
            expect(fresh[i]).toBe(model.has(key) ? 0 : 1);
            model.add(key);
          });
        }
        expect(set.size).toBe(model.size);
        const out = new Int32Array(2);
        [...model].forEach((key, index) => {
          set.read(index, out);
          expect([...out].map((x) => x >>> 0).join(',')).toBe(key);
        });
      }),
    );
  });
});
