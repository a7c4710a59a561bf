import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersect, overlapsSpan } from '../../model/spans.ts';

const span = fc.tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 16 })).map(([start, size]) => ({ start, end: start + size }));

describe('overlapsSpan', () => {
  it('is true iff the intersection with [start, end) has a byte, for any spans (empty, touching and overlapping ones too)', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), span, (spans, { start, end }) => {
        expect(overlapsSpan(spans, start, end)).toBe(intersect(spans, [{ start, end }]).length > 0);
      }),
      { seed: 1, numRuns: 2000 },
    );
  });

  it('does not count a span that only touches [start, end)', () => {
    expect(overlapsSpan([{ start: 0, end: 8 }], 8, 16)).toBe(false);
    expect(overlapsSpan([{ start: 16, end: 24 }], 8, 16)).toBe(false);
    expect(overlapsSpan([{ start: 15, end: 24 }], 8, 16)).toBe(true);
  });
});
