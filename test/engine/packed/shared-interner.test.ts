import { describe, expect, it } from 'vitest';
import { SharedInterner } from '../../../engine/packed/shared-interner.ts';

const text = new TextEncoder();
const key = (n: number) => text.encode(`value ${n}`);

describe('SharedInterner', () => {
  it('gives dense ids in order of first insertion, the same through another instance, across the growth of its table', () => {
    const first = SharedInterner.create(16);
    const second = new SharedInterner(first.buffers);
    // 10,000 values: the table starts at 4,096 rows and doubles three times on the way.
    for (let n = 0; n < 10_000; n++) expect((n % 2 === 0 ? first : second).intern(key(n))).toBe(n);
    expect(first.size).toBe(10_000);
    for (let n = 0; n < 10_000; n += 7) {
      expect(second.find(key(n))).toBe(n);
      expect(first.intern(key(n))).toBe(n);
      expect(new TextDecoder().decode(second.bytes(n))).toBe(`value ${n}`);
    }
    expect(first.find(key(10_000))).toBe(-1);
  });

  it('can be made as small as a table of 16 rows', () => {
    const tiny = SharedInterner.create(4);
    for (let n = 0; n < 8; n++) expect(tiny.intern(key(n))).toBe(n);
    expect(() => tiny.intern(key(8))).toThrow(/is full at 8 distinct values/);
  });

  it('refuses a value past half its largest table, with a message that names the table', () => {
    const small = SharedInterner.create(13);
    for (let n = 0; n < 4096; n++) small.intern(key(n));
    expect(() => small.intern(key(4096))).toThrow(/a table the workers share \(slots, parts, actions or memo\) is full at 4096 distinct values/);
  });
});
