import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedSet } from '../../../engine/packed/packed-set.ts';

describe('PackedSet', () => {
  it('behaves as a set of tuples with dense indices in insertion order, through growth and rehashing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.integer({ min: 0, max: 2 ** 32 - 1 })), { maxLength: 300 }), (tuples) => {
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
});
