import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessRange, Permissions, Region } from '../../model/mpu/address-mpu.ts';
import { cortexM33, type CortexM33Config } from '../../model/mpu/cortex-m33.ts';

const mpu = cortexM33();
const empty = mpu.newConfig();
const GiB4 = 2 ** 32;
const SEED = 33;

/** allocateRegion that must succeed. */
function alloc(config: CortexM33Config, start: number, size: number, minSize = size, perms: Permissions = 'rw') {
  const result = mpu.allocateRegion(config, start, size, minSize, perms);
  if (result === null) throw new Error(`refused ${start.toString(16)}+${size.toString(16)}`);
  return result;
}

/** App memory at 0x20004000: a 0x2000-byte block, app part 0x1000, so [0x20004000, 0x20006000) is reserved. */
function withAppMemory(config: CortexM33Config = empty): CortexM33Config {
  const result = mpu.allocateAppMemoryRegion(config, 0x2000_4000, 0x8000, 0x2000, 0x1000, 0x400, 'rw');
  if (result === null) throw new Error('app memory refused');
  return result.config;
}

const slotStart = (config: CortexM33Config, n: number) => config.regions[n]?.location?.start;

describe('cortexM33: configuration', () => {
  it('has 8 slots by default, every register zero, and a configurable count', () => {
    expect(mpu.id).toBe('cortex-m33');
    expect(empty.regions).toHaveLength(8);
    for (const r of empty.regions) {
      expect(r).toEqual({ location: null, base: 0, ap: 0, xn: false, limit: 0x1f, pxn: false, enable: false });
    }
    expect(cortexM33({ regions: 4 }).newConfig().regions).toHaveLength(4);
    expect(() => cortexM33({ regions: 0 })).toThrow(RangeError);
    expect(mpu.accessRanges(empty)).toEqual([]);
  });

  it('reset clears every slot, app memory included', () => {
    const busy = alloc(alloc(withAppMemory(), 0x0004_0000, 0x1_0000, 0x1_0000, 'rx').config, 0x2001_0000, 0x100).config;
    expect(mpu.accessRanges(busy)).toHaveLength(3);
    expect(mpu.reset(busy)).toEqual(empty);
    expect(mpu.accessRanges(mpu.reset(busy))).toEqual([]);
  });
});

describe('cortexM33: allocateRegion', () => {
  it('maps an aligned buffer exactly, in slot 1, read-write and execute-never', () => {
    const { config, region } = alloc(empty, 0x2001_0000, 0x100);
    expect(region).toEqual({ start: 0x2001_0000, size: 0x100 });
    expect(config.regions[0]).toEqual(empty.regions[0]);
    expect(config.regions[1]).toEqual({
      location: { start: 0x2001_0000, end: 0x2001_0100 },
      base: 0x2001_0000,
      ap: 1,
      xn: true,
      limit: 0x2001_00ff,
      pxn: true,
      enable: true,
    });
    expect(mpu.accessRanges(config)).toEqual([{ start: 0x2001_0000, end: 0x2001_0100, perms: 'rw' }]);
  });

  it('moves an unaligned buffer to the next 32-byte boundary, mapping 16 bytes past its end and not its first 16', () => {
    const { config, region } = alloc(empty, 0x2001_0010, 0x40);
    expect(region).toEqual({ start: 0x2001_0020, size: 0x40 });
    expect(mpu.accessRanges(config)).toEqual([{ start: 0x2001_0020, end: 0x2001_0060, perms: 'rw' }]);
  });

  it('refuses an IPC buffer whose length is not a multiple of 32, but maps a smaller rounded minimum', () => {
    expect(mpu.allocateRegion(empty, 0x2001_0000, 0x50, 0x50, 'rw')).toBeNull();
    const { config, region } = alloc(empty, 0x2001_0000, 0x50, 0x40);
    expect(region).toEqual({ start: 0x2001_0000, size: 0x40 });
    expect(mpu.accessRanges(config)).toEqual([{ start: 0x2001_0000, end: 0x2001_0040, perms: 'rw' }]);
  });

  it('refuses a buffer under 32 bytes and a zero minimum, and rounds a 1-byte minimum up to 32', () => {
    expect(mpu.allocateRegion(empty, 0x2001_0000, 0x10, 0x10, 'rw')).toBeNull();
    expect(mpu.allocateRegion(empty, 0x2001_0000, 0x100, 0, 'rw')).toBeNull();
    const { config, region } = alloc(empty, 0x2001_0000, 0x100, 1);
    expect(region).toEqual({ start: 0x2001_0000, size: 0x20 });
    expect(mpu.accessRanges(config)).toEqual([{ start: 0x2001_0000, end: 0x2001_0020, perms: 'rw' }]);
  });

  it('refuses a request whose range meets a reserved block, even where the new region would not', () => {
    const one = alloc(empty, 0x2001_0000, 0x100).config;
    expect(mpu.allocateRegion(one, 0x2001_00f0, 0x40, 0x20, 'rw')).toBeNull();
    const two = alloc(one, 0x2001_0100, 0x20);
    expect(two.region).toEqual({ start: 0x2001_0100, size: 0x20 });
    expect(mpu.accessRanges(two.config)).toEqual([{ start: 0x2001_0000, end: 0x2001_0120, perms: 'rw' }]);
  });

  it('refuses a request over app memory kernel-owned part, which the process cannot access', () => {
    const app = withAppMemory();
    expect(mpu.accessRanges(app)).toEqual([{ start: 0x2000_4000, end: 0x2000_5000, perms: 'rw' }]);
    expect(mpu.allocateRegion(app, 0x2000_5800, 0x100, 0x100, 'r')).toBeNull();
    expect(alloc(app, 0x2000_6000, 0x100, 0x100, 'r').region).toEqual({ start: 0x2000_6000, size: 0x100 });
  });

  it('runs out after slots 1 to 7; slot 0 stays for app memory', () => {
    let config = empty;
    for (let i = 0; i < 7; i++) {
      config = alloc(config, 0x2001_0000 + i * 0x100, 0x100).config;
      expect(slotStart(config, i + 1)).toBe(0x2001_0000 + i * 0x100);
    }
    expect(mpu.allocateRegion(config, 0x2002_0000, 0x100, 0x100, 'rw')).toBeNull();
    expect(mpu.accessRanges(config)).toEqual([{ start: 0x2001_0000, end: 0x2001_0700, perms: 'rw' }]);
    expect(slotStart(withAppMemory(config), 0)).toBe(0x2000_4000);

    const small = cortexM33({ regions: 4 });
    let four = small.newConfig();
    for (let i = 0; i < 3; i++) four = small.allocateRegion(four, 0x2001_0000 + i * 0x100, 0x100, 0x100, 'rw')?.config ?? four;
    expect(four.regions.map((r) => r.location?.start ?? null)).toEqual([null, 0x2001_0000, 0x2001_0100, 0x2001_0200]);
    expect(small.allocateRegion(four, 0x2002_0000, 0x100, 0x100, 'rw')).toBeNull();
  });

  it('translates each permission to AP/XN and to what unprivileged code may do', () => {
    const expected: [Permissions, number, boolean, string | null][] = [
      ['rwx', 1, false, 'rwx'],
      ['rw', 1, true, 'rw'],
      ['rx', 3, false, 'rx'],
      ['r', 3, true, 'r'],
      ['x', 2, false, null],
    ];
    for (const [perms, ap, xn, letters] of expected) {
      const { config } = alloc(empty, 0x2001_0000, 0x20, 0x20, perms);
      expect(config.regions[1]).toMatchObject({ ap, xn });
      expect(mpu.accessRanges(config)).toEqual(letters === null ? [] : [{ start: 0x2001_0000, end: 0x2001_0020, perms: letters }]);
    }
  });

  it('maps a region ending at 4 GiB, whose limit is 0xffffffff', () => {
    const { config, region } = alloc(empty, 0xffff_ff00, 0x100, 0x100, 'r');
    expect(region).toEqual({ start: 0xffff_ff00, size: 0x100 });
    expect(config.regions[1]).toMatchObject({ location: { start: 0xffff_ff00, end: 0 }, base: 0xffff_ff00, limit: 0xffff_ffff });
    expect(mpu.accessRanges(config)).toEqual([{ start: 0xffff_ff00, end: GiB4, perms: 'r' }]);
    expect(mpu.removeRegion(config, region)).toEqual(empty);
  });

  it('misses overlaps with a block or request ending at 4 GiB; bytes two regions match then fault', () => {
    const top = alloc(empty, 0xffff_ff00, 0x100, 0x100, 'r').config;
    const both = alloc(top, 0xffff_ff80, 0x40, 0x40, 'r').config;
    expect(mpu.accessRanges(both)).toEqual([
      { start: 0xffff_ff00, end: 0xffff_ff80, perms: 'r' },
      { start: 0xffff_ffc0, end: GiB4, perms: 'r' },
    ]);

    const below = alloc(empty, 0xffff_ff00, 0x80, 0x80, 'r').config;
    const over = alloc(below, 0xffff_ff00, 0x100, 0x100, 'r');
    expect(over.region).toEqual({ start: 0xffff_ff00, size: 0x100 });
    expect(mpu.accessRanges(over.config)).toEqual([{ start: 0xffff_ff80, end: GiB4, perms: 'r' }]);
  });

  it('lets a request wrapping past 4 GiB land on address 0, doubling a region there so it faults', () => {
    const low = alloc(empty, 0, 0x20).config;
    const { config, region } = alloc(low, 0xffff_fff0, 0x40, 0x20);
    expect(region).toEqual({ start: 0, size: 0x20 });
    expect(slotStart(config, 2)).toBe(0);
    expect(mpu.accessRanges(config)).toEqual([]);
  });

  it('refuses a region of 2 GiB or more, a negative signed 32-bit size', () => {
    expect(mpu.allocateRegion(empty, 0, 0xffff_ffff, 0x8000_0000, 'r')).toBeNull();
    const { config, region } = alloc(empty, 0, 0xffff_ffff, 0x7fff_ffe0, 'r');
    expect(region).toEqual({ start: 0, size: 0x7fff_ffe0 });
    expect(mpu.accessRanges(config)).toEqual([{ start: 0, end: 0x7fff_ffe0, perms: 'r' }]);
  });
});

describe('cortexM33: removeRegion', () => {
  it('frees the matching slot, and the lowest free slot is reused', () => {
    const a = alloc(empty, 0x2001_0000, 0x100);
    const b = alloc(a.config, 0x2002_0000, 0x40);
    expect(mpu.removeRegion(b.config, { start: 0x2001_0000, size: 0x80 })).toBeNull();
    const removed = mpu.removeRegion(b.config, a.region);
    expect(removed).not.toBeNull();
    if (removed === null) return;
    expect(removed.regions[1]).toEqual(empty.regions[1]);
    expect(mpu.accessRanges(removed)).toEqual([{ start: 0x2002_0000, end: 0x2002_0040, perms: 'rw' }]);
    expect(mpu.removeRegion(removed, a.region)).toBeNull();
    const again = alloc(removed, 0x2003_0000, 0x20);
    expect(slotStart(again.config, 1)).toBe(0x2003_0000);
    expect(mpu.accessRanges(again.config)).toEqual([
      { start: 0x2002_0000, end: 0x2002_0040, perms: 'rw' },
      { start: 0x2003_0000, end: 0x2003_0020, perms: 'rw' },
    ]);
  });

  it('refuses to remove app memory', () => {
    const app = withAppMemory();
    expect(mpu.removeRegion(app, { start: 0x2000_4000, size: 0x2000 })).toBeNull();
  });
});

describe('cortexM33: app memory', () => {
  it('places the block at the rounded-up start, rounds the app part to 32 and returns the unrounded size', () => {
    const result = mpu.allocateAppMemoryRegion(empty, 0x2000_4010, 0x2000, 0x1000, 0x810, 0x100, 'rw');
    expect(result?.region).toEqual({ start: 0x2000_4020, size: 0x1000 });
    expect(result?.config.regions[0]).toEqual({
      location: { start: 0x2000_4020, end: 0x2000_5020 },
      base: 0x2000_4020,
      ap: 1,
      xn: true,
      limit: 0x2000_483f,
      pxn: true,
      enable: true,
    });
    expect(result && mpu.accessRanges(result.config)).toEqual([{ start: 0x2000_4020, end: 0x2000_4840, perms: 'rw' }]);

    const unrounded = mpu.allocateAppMemoryRegion(empty, 0x2000_4000, 0x2000, 0x1010, 0x800, 0x100, 'rw');
    expect(unrounded?.region).toEqual({ start: 0x2000_4000, size: 0x1010 });
    expect(unrounded?.config.regions[0]?.location).toEqual({ start: 0x2000_4000, end: 0x2000_5020 });
  });

  it('takes the larger of the minimum and app + kernel, and may end past the memory it was given', () => {
    expect(mpu.allocateAppMemoryRegion(empty, 0x2000_4000, 0x1000, 0x100, 0x800, 0x400, 'rw')?.region).toEqual({ start: 0x2000_4000, size: 0xc00 });
    const past = mpu.allocateAppMemoryRegion(empty, 0x2000_4010, 0x1000, 0x1000, 0x800, 0x100, 'rw');
    expect(past?.region).toEqual({ start: 0x2000_4020, size: 0x1000 });
    // app + kernel wraps modulo 2^32, so the minimum wins
    expect(mpu.allocateAppMemoryRegion(empty, 0x2000_4000, 0x1000, 0x200, 0x100, GiB4 - 0x80, 'rw')?.region).toEqual({ start: 0x2000_4000, size: 0x200 });
  });

  it('refuses a block too big for the memory, an empty app part, and an app part larger than the block', () => {
    expect(mpu.allocateAppMemoryRegion(empty, 0x2000_4000, 0x1000, 0x1001, 0x800, 0x100, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(empty, 0x2000_4000, 0x1000, 0x100, 0xc00, 0x800, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(empty, 0x2000_4000, 0x1000, 0x1000, 0, 0x100, 'rw')).toBeNull();
    // app + kernel wraps to 0x80, smaller than the 0x100 app part
    expect(mpu.allocateAppMemoryRegion(empty, 0x2000_4000, 0x1000, 0, 0x100, GiB4 - 0x80, 'rw')).toBeNull();
  });

  it('replaces app memory on a second call elsewhere, refuses one over the first', () => {
    const app = withAppMemory();
    expect(mpu.allocateAppMemoryRegion(app, 0x2000_4000, 0x8000, 0x2000, 0x1000, 0x400, 'rw')).toBeNull();
    const moved = mpu.allocateAppMemoryRegion(app, 0x2001_0000, 0x1000, 0x1000, 0x800, 0x100, 'rw');
    expect(moved?.config.regions[0]?.location).toEqual({ start: 0x2001_0000, end: 0x2001_1000 });
    expect(moved && mpu.accessRanges(moved.config)).toEqual([{ start: 0x2001_0000, end: 0x2001_0800, perms: 'rw' }]);
  });

  it('moves the app break, rounding up to 32, keeping the block', () => {
    const app = withAppMemory();
    const grown = mpu.updateAppMemoryRegion(app, 0x2000_5404, 0x2000_5c00, 'rw');
    expect(grown?.regions[0]).toMatchObject({ location: { start: 0x2000_4000, end: 0x2000_6000 }, limit: 0x2000_541f });
    expect(grown && mpu.accessRanges(grown)).toEqual([{ start: 0x2000_4000, end: 0x2000_5420, perms: 'rw' }]);
    const tiny = mpu.updateAppMemoryRegion(app, 0x2000_4001, 0x2000_5c00, 'rwx');
    expect(tiny && mpu.accessRanges(tiny)).toEqual([{ start: 0x2000_4000, end: 0x2000_4020, perms: 'rwx' }]);
    const meeting = mpu.updateAppMemoryRegion(app, 0x2000_5c00, 0x2000_5c00, 'rw');
    expect(meeting && mpu.accessRanges(meeting)).toEqual([{ start: 0x2000_4000, end: 0x2000_5c00, perms: 'rw' }]);
  });

  it('refuses a break update before app memory exists, outside the block, crossing, or rounding past the kernel break', () => {
    const app = withAppMemory();
    expect(mpu.updateAppMemoryRegion(empty, 0x2000_5000, 0x2000_5c00, 'rw')).toBeNull();
    expect(mpu.updateAppMemoryRegion(app, 0x2000_3fe0, 0x2000_5c00, 'rw')).toBeNull();
    expect(mpu.updateAppMemoryRegion(app, 0x2000_5000, 0x2000_6000, 'rw')).toBeNull();
    expect(mpu.updateAppMemoryRegion(app, 0x2000_5000, 0x2000_4f00, 'rw')).toBeNull();
    expect(mpu.updateAppMemoryRegion(app, 0x2000_5bf1, 0x2000_5bf8, 'rw')).toBeNull();
    expect(mpu.updateAppMemoryRegion(app, 0x2000_4000, 0x2000_5c00, 'rw')).toBeNull();
  });
});

describe('cortexM33: accessRanges', () => {
  it('grants nothing where two enabled regions match, and ignores disabled ones', () => {
    const region = { location: null, ap: 1 as const, xn: true, pxn: true, enable: true };
    const config: CortexM33Config = {
      regions: [
        { ...region, base: 0x1000, limit: 0x10ff },
        { ...region, base: 0x1080, limit: 0x11ff, ap: 3 },
        { ...region, base: 0x2000, limit: 0x20ff, enable: false },
        { ...region, base: 0x3000, limit: 0x2fff },
      ],
    };
    expect(mpu.accessRanges(config)).toEqual([
      { start: 0x1000, end: 0x1080, perms: 'rw' },
      { start: 0x1100, end: 0x1200, perms: 'r' },
    ]);
  });
});

const PERMS: Permissions[] = ['rwx', 'rw', 'rx', 'r', 'x'];
const LOW = { min: 0x2000_0000, max: 0x2000_0400 };

interface Request {
  readonly start: number;
  readonly size: number;
  readonly minSize: number;
  readonly perms: Permissions;
}

const request = (address: fc.Arbitrary<number>): fc.Arbitrary<Request> =>
  fc
    .record({ start: address, size: fc.nat(0x200), minSize: fc.nat(0x200), perms: fc.constantFrom(...PERMS) })
    .map((r) => ({ ...r, size: Math.min(r.size, GiB4 - r.start) }));

const anywhere = fc.oneof(fc.integer(LOW), fc.integer({ min: GiB4 - 0x400, max: GiB4 - 1 }));
const aligned = anywhere.map((a) => a - (a % 32));

/** A configuration reached by app memory, allocations, some removed, and a break update. */
const history = (address: fc.Arbitrary<number>): fc.Arbitrary<CortexM33Config> =>
  fc
    .record({
      app: fc.option(fc.record({ start: address, appSize: fc.nat(0x200), kernelSize: fc.nat(0x100) })),
      requests: fc.array(fc.record({ request: request(address), remove: fc.boolean() }), { maxLength: 9 }),
      appBreak: fc.nat(0x300),
    })
    .map(({ app, requests, appBreak }) => {
      let c = empty;
      if (app !== null) {
        const size = Math.min(0x400, GiB4 - app.start);
        c = mpu.allocateAppMemoryRegion(c, app.start, size, 0, app.appSize, app.kernelSize, 'rw')?.config ?? c;
        const start = c.regions[0]?.location?.start ?? 0;
        c = mpu.updateAppMemoryRegion(c, Math.min(start + appBreak, GiB4 - 1), Math.min(start + 0x300, GiB4 - 1), 'rw') ?? c;
      }
      for (const { request: r, remove } of requests) {
        const a = mpu.allocateRegion(c, r.start, r.size, r.minSize, r.perms);
        if (a !== null) c = remove ? (mpu.removeRegion(a.config, a.region) ?? a.config) : a.config;
      }
      return c;
    });

/** The bytes where `after` grants a letter `before` did not. */
function gained(before: readonly AccessRange[], after: readonly AccessRange[]): Region[] {
  const cuts = [...new Set([...before, ...after].flatMap((r) => [r.start, r.end]))].sort((a, b) => a - b);
  const at = (ranges: readonly AccessRange[], addr: number) => ranges.find((r) => r.start <= addr && addr < r.end)?.perms ?? '';
  return cuts.slice(0, -1).flatMap((start, i) => {
    const end = cuts[i + 1] ?? start;
    const had = at(before, start);
    return [...at(after, start)].some((l) => !had.includes(l)) ? [{ start, size: end - start }] : [];
  });
}

const within = (bytes: readonly Region[], start: number, end: number) => bytes.every((b) => b.start >= start && b.start + b.size <= end);

/** After a successful allocation, every byte that gained access lies in [lo, hi) computed from the request and region. */
const gainsWithin = (address: fc.Arbitrary<number>, bounds: (r: Request, region: Region) => [number, number]) =>
  fc.property(history(address), request(address), (config, r) => {
    const result = mpu.allocateRegion(config, r.start, r.size, r.minSize, r.perms);
    if (result === null) return true;
    const [lo, hi] = bounds(r, result.region);
    return within(gained(mpu.accessRanges(config), mpu.accessRanges(result.config)), lo, hi);
  });

const roundUp32 = (n: number) => Math.ceil(n / 32) * 32;

describe('cortexM33: properties', () => {
  it('(a) with a 32-aligned start, no byte outside [start, start + size) gains access', () => {
    fc.assert(
      gainsWithin(aligned, (r) => [r.start, r.start + r.size]),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('(a) fails for unaligned starts: the region starts at the next boundary and is the rounded minimum long', () => {
    const outside = fc.check(
      gainsWithin(anywhere, (r) => [r.start, r.start + r.size]),
      { seed: SEED, numRuns: 2000 },
    );
    expect(outside.failed).toBe(true);
    const [, r] = outside.counterexample ?? [];
    expect(r && r.start % 32).not.toBe(0);
    fc.assert(
      gainsWithin(anywhere, (req, region) => {
        expect(region).toEqual({ start: roundUp32(req.start), size: roundUp32(req.minSize) });
        return [region.start, region.start + region.size];
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('(b) allocating then removing the returned region restores the configuration and access ranges', () => {
    const address = fc.integer(LOW);
    fc.assert(
      fc.property(history(address), request(address), (config, r) => {
        const result = mpu.allocateRegion(config, r.start, r.size, r.minSize, r.perms);
        if (result === null) return;
        const removed = mpu.removeRegion(result.config, result.region);
        expect(removed).toEqual(config);
        expect(removed && mpu.accessRanges(removed)).toEqual(mpu.accessRanges(config));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
