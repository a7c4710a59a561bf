import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessRange, Permissions, Region } from '../../model/mpu/address-mpu.ts';
import { cortexM, type CortexMConfig, type CortexMRegion } from '../../model/mpu/cortex-m.ts';

const mpu = cortexM();
const FLASH = { start: 0x0004_0000, size: 0x8000 };
const RAM = 0x2000_4000;
const FLASH_RX: AccessRange = { start: 0x0004_0000, end: 0x0004_8000, perms: 'rx' };
const APP_RW: AccessRange = { start: RAM, end: RAM + 0x200, perms: 'rw' };
const rw = (start: number, end: number): AccessRange => ({ start, end, perms: 'rw' });
const EMPTY: CortexMRegion = { logical: null, enabled: false, base: 0, sizeField: 0, srd: 0, ap: 0, xn: false };

function present<T>(value: T | null): T {
  expect(value).not.toBeNull();
  return value as T;
}

/** A hardware slot as Tock programs it for read-write data. */
function rwRegion(logical: Region, base: number, sizeField: number, srd: number): CortexMRegion {
  return { logical, enabled: true, base, sizeField, srd, ap: 0b011, xn: true };
}

/** Flash in region 2, then app memory as process creation asks for it: 4 KiB requested, 32 bytes app, 1000 kernel. */
function booted(): CortexMConfig {
  const flash = present(mpu.allocateRegion(mpu.newConfig(), FLASH.start, FLASH.size, FLASH.size, 'rx'));
  return present(mpu.allocateAppMemoryRegion(flash.config, RAM, 0x1_0000, 5096, 32, 1000, 'rw')).config;
}

describe('cortex-m allocateRegion', () => {
  it('maps flash with one plain region in slot 2', () => {
    const { config, region } = present(mpu.allocateRegion(mpu.newConfig(), FLASH.start, FLASH.size, FLASH.size, 'rx'));
    expect(region).toEqual(FLASH);
    const rx: CortexMRegion = { logical: FLASH, enabled: true, base: FLASH.start, sizeField: 14, srd: 0, ap: 0b010, xn: false };
    expect(config.regions[2]).toEqual(rx);
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX]);
  });

  it('maps an aligned power-of-two buffer exactly', () => {
    const { config, region } = present(mpu.allocateRegion(booted(), 0x2000_8000, 256, 256, 'rw'));
    expect(region).toEqual({ start: 0x2000_8000, size: 256 });
    expect(config.regions[3]).toEqual(rwRegion(region, 0x2000_8000, 7, 0));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2000_8000, 0x2000_8100)]);
  });

  it('maps a power-of-two buffer misaligned to its size through subregions 1-2 of a 512-byte region', () => {
    const { config, region } = present(mpu.allocateRegion(booted(), 0x2000_8040, 128, 128, 'rw'));
    expect(region).toEqual({ start: 0x2000_8040, size: 128 });
    expect(config.regions[3]).toEqual(rwRegion(region, 0x2000_8000, 8, 0b1111_1001));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2000_8040, 0x2000_80c0)]);
  });

  it('maps a 96-byte buffer exactly through subregions 1-3', () => {
    const { config, region } = present(mpu.allocateRegion(booted(), 0x2000_8020, 96, 96, 'rw'));
    expect(region).toEqual({ start: 0x2000_8020, size: 96 });
    expect(config.regions[3]).toEqual(rwRegion(region, 0x2000_8000, 7, 0b1111_0001));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2000_8020, 0x2000_8080)]);
  });

  it('rounds a misaligned start up to 32 bytes, so an exact-length request no longer fits', () => {
    expect(mpu.allocateRegion(booted(), 0x2000_8010, 64, 64, 'rw')).toBeNull();
    const { config, region } = present(mpu.allocateRegion(booted(), 0x2000_8010, 96, 64, 'rw'));
    expect(region).toEqual({ start: 0x2000_8020, size: 64 });
    expect(config.regions[3]).toEqual(rwRegion(region, 0x2000_8000, 7, 0b1111_1001));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2000_8020, 0x2000_8060)]);
  });

  it('raises a buffer under 32 bytes to 32, refused unless 32 bytes fit', () => {
    expect(mpu.allocateRegion(booted(), 0x2000_8000, 16, 16, 'rw')).toBeNull();
    const { config, region } = present(mpu.allocateRegion(booted(), 0x2000_8000, 64, 16, 'rw'));
    expect(region).toEqual({ start: 0x2000_8000, size: 32 });
    expect(config.regions[3]).toEqual(rwRegion(region, 0x2000_8000, 4, 0));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2000_8000, 0x2000_8020)]);
  });

  it('refuses a 100-byte buffer at its own length: subregions there are 32 KiB', () => {
    expect(mpu.allocateRegion(booted(), 0x2000_8000, 100, 100, 'rw')).toBeNull();
    const { config, region } = present(mpu.allocateRegion(booted(), 0x2000_8000, 0x8000, 100, 'rw'));
    expect(region).toEqual({ start: 0x2000_8000, size: 0x8000 });
    expect(config.regions[3]).toEqual(rwRegion(region, 0x2000_0000, 17, 0b1111_1101));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2000_8000, 0x2001_0000)]);
  });

  it('shifts a region up by a whole size when subregions cannot reach its end', () => {
    const { config, region } = present(mpu.allocateRegion(booted(), 0x2000_8020, 1024, 240, 'rw'));
    expect(region).toEqual({ start: 0x2000_8100, size: 256 });
    expect(config.regions[3]).toEqual(rwRegion(region, 0x2000_8100, 7, 0));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2000_8100, 0x2000_8200)]);
  });

  it('refuses overlap with flash and with the whole logical app region 0, enabled or not', () => {
    const config = booted();
    expect(mpu.allocateRegion(config, FLASH.start + 0x4000, 256, 256, 'rw')).toBeNull();
    expect(mpu.allocateRegion(config, RAM + 0x800, 256, 256, 'rw')).toBeNull();
  });

  it('lets a region into the upper half of the app block while region 1 is unused', () => {
    const { config, region } = present(mpu.allocateRegion(booted(), RAM + 0x1000, 256, 256, 'rw'));
    expect(region).toEqual({ start: RAM + 0x1000, size: 256 });
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(RAM + 0x1000, RAM + 0x1100)]);
  });

  it('uses slots 3-7 after app memory and flash, then refuses', () => {
    let config = booted();
    for (let i = 0; i < 5; i++) {
      const next = present(mpu.allocateRegion(config, 0x2001_0000 + i * 0x100, 256, 256, 'rw'));
      expect(next.config.regions[3 + i]?.logical).toEqual(next.region);
      config = next.config;
    }
    expect(config.regions[1]).toEqual(EMPTY);
    expect(mpu.allocateRegion(config, 0x2002_0000, 256, 256, 'rw')).toBeNull();
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2001_0000, 0x2001_0500)]);
  });

  it('removes by exact logical region and reuses the lowest free slot', () => {
    let config = booted();
    const regions: Region[] = [];
    for (let i = 0; i < 5; i++) {
      const next = present(mpu.allocateRegion(config, 0x2001_0000 + i * 0x100, 256, 256, 'rw'));
      regions.push(next.region);
      config = next.config;
    }
    expect(mpu.removeRegion(config, { start: 0x2001_0100, size: 255 })).toBeNull();
    config = present(mpu.removeRegion(config, { start: 0x2001_0100, size: 256 }));
    expect(config.regions[4]).toEqual(EMPTY);
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, APP_RW, rw(0x2001_0000, 0x2001_0100), rw(0x2001_0200, 0x2001_0500)]);
    const again = present(mpu.allocateRegion(config, 0x2002_0000, 256, 256, 'rw'));
    expect(again.config.regions[4]?.logical).toEqual({ start: 0x2002_0000, size: 256 });
    expect(mpu.accessRanges(again.config)).toContainEqual(rw(0x2002_0000, 0x2002_0100));
  });

  it('refuses to remove app memory but removes flash like any other region', () => {
    const config = booted();
    expect(mpu.removeRegion(config, { start: RAM, size: 0x1000 })).toBeNull();
    const withoutFlash = present(mpu.removeRegion(config, FLASH));
    expect(mpu.accessRanges(withoutFlash)).toEqual([APP_RW]);
  });

  it('panics, as Tock does, when a non-plain region starts on a multiple of 2^29', () => {
    expect(() => mpu.allocateRegion(mpu.newConfig(), 0x2000_0000, 48, 48, 'rw')).toThrow(/Tock panics/);
    const plain = present(mpu.allocateRegion(mpu.newConfig(), 0x2000_0000, 256, 256, 'rw'));
    expect(plain.region).toEqual({ start: 0x2000_0000, size: 256 });
  });

  it('translates each permission to unprivileged letters; execute-only grants nothing', () => {
    const lettersFor = (perms: Permissions): AccessRange[] =>
      mpu.accessRanges(present(mpu.allocateRegion(mpu.newConfig(), 0x2000_8000, 256, 256, perms)).config);
    const at = (perms: string): AccessRange[] => [{ start: 0x2000_8000, end: 0x2000_8100, perms }];
    expect(lettersFor('rwx')).toEqual(at('rwx'));
    expect(lettersFor('rw')).toEqual(at('rw'));
    expect(lettersFor('rx')).toEqual(at('rx'));
    expect(lettersFor('r')).toEqual(at('r'));
    expect(lettersFor('x')).toEqual([]);
  });

  it('never grants execute in the System region nor any access in the PPB', () => {
    const system = present(mpu.allocateRegion(mpu.newConfig(), 0xf000_0000, 0x1000, 0x1000, 'rx'));
    expect(mpu.accessRanges(system.config)).toEqual([{ start: 0xf000_0000, end: 0xf000_1000, perms: 'r' }]);
    const ppb = present(mpu.allocateRegion(mpu.newConfig(), 0xe000_1000, 0x1000, 0x1000, 'rw'));
    expect(ppb.config.regions[2]?.enabled).toBe(true);
    expect(mpu.accessRanges(ppb.config)).toEqual([]);
  });
});

describe('cortex-m allocateAppMemoryRegion', () => {
  it('places a power-of-two block in two half-size regions, with one subregion lit', () => {
    const { config, region } = present(mpu.allocateAppMemoryRegion(mpu.newConfig(), RAM, 0x1_0000, 5096, 32, 1000, 'rw'));
    expect(region).toEqual({ start: RAM, size: 0x2000 });
    expect(config.regions[0]).toEqual(rwRegion({ start: RAM, size: 0x1000 }, RAM, 11, 0b1111_1110));
    expect(config.regions[1]).toEqual(EMPTY);
    expect(mpu.accessRanges(config)).toEqual([APP_RW]);
  });

  it('lights one subregion more than an exact multiple of the app size needs; the update then shrinks it', () => {
    const { config } = present(mpu.allocateAppMemoryRegion(mpu.newConfig(), RAM, 0x1_0000, 5096, 512, 1000, 'rw'));
    expect(config.regions[0]?.srd).toBe(0b1111_1100);
    expect(mpu.accessRanges(config)).toEqual([rw(RAM, RAM + 0x400)]);
    const updated = present(mpu.updateAppMemoryRegion(config, RAM + 0x200, RAM + 0x2000 - 1000, 'rw'));
    expect(mpu.accessRanges(updated)).toEqual([APP_RW]);
  });

  it('doubles the block when app subregions would reach kernel memory', () => {
    const { config, region } = present(mpu.allocateAppMemoryRegion(mpu.newConfig(), 0x2000_0200, 0x1000, 0, 900, 100, 'rw'));
    expect(region).toEqual({ start: 0x2000_0400, size: 0x800 });
    expect(config.regions[0]).toEqual(rwRegion({ start: 0x2000_0400, size: 0x400 }, 0x2000_0400, 9, 0));
    expect(config.regions[1]).toEqual(EMPTY);
    expect(mpu.accessRanges(config)).toEqual([rw(0x2000_0400, 0x2000_0800)]);
  });

  it('makes the block at least 512 bytes', () => {
    const { config, region } = present(mpu.allocateAppMemoryRegion(mpu.newConfig(), 0x2000_0000, 0x1000, 0, 32, 100, 'rw'));
    expect(region).toEqual({ start: 0x2000_0000, size: 512 });
    expect(config.regions[0]).toEqual(rwRegion({ start: 0x2000_0000, size: 256 }, 0x2000_0000, 7, 0b1111_1100));
    expect(mpu.accessRanges(config)).toEqual([rw(0x2000_0000, 0x2000_0040)]);
  });

  it('refuses overlap with flash, a block that does not fit, and a start pushed out by alignment', () => {
    const flash = present(mpu.allocateRegion(mpu.newConfig(), FLASH.start, FLASH.size, FLASH.size, 'rx')).config;
    expect(mpu.allocateAppMemoryRegion(flash, FLASH.start + 0x1000, 0x1_0000, 5096, 32, 1000, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(flash, RAM, 0x1000, 5096, 32, 1000, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(flash, RAM + 0x100, 0x2000, 5096, 32, 1000, 'rw')).toBeNull();
    expect(present(mpu.allocateAppMemoryRegion(flash, RAM + 0x100, 0x2f00, 5096, 32, 1000, 'rw')).region).toEqual({
      start: RAM + 0x1000,
      size: 0x2000,
    });
  });
});

describe('cortex-m updateAppMemoryRegion', () => {
  const kernelBreak = RAM + 0x2000 - 1000;

  it('grows app memory into region 1', () => {
    const config = present(mpu.updateAppMemoryRegion(booted(), RAM + 4196, kernelBreak, 'rw'));
    expect(config.regions[0]).toEqual(rwRegion({ start: RAM, size: 0x1000 }, RAM, 11, 0));
    expect(config.regions[1]).toEqual(rwRegion({ start: RAM + 0x1000, size: 0x1000 }, RAM + 0x1000, 11, 0b1111_1110));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, rw(RAM, RAM + 0x1200)]);
  });

  it('refuses when the last subregion would pass the kernel break, or the app break does', () => {
    expect(mpu.updateAppMemoryRegion(booted(), RAM + 7180, kernelBreak, 'rw')).toBeNull();
    expect(mpu.updateAppMemoryRegion(booted(), kernelBreak + 1, kernelBreak, 'rw')).toBeNull();
    const config = present(mpu.updateAppMemoryRegion(booted(), RAM + 7168, kernelBreak, 'rw'));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX, rw(RAM, RAM + 7168)]);
  });

  it('refuses before app memory exists', () => {
    expect(mpu.updateAppMemoryRegion(mpu.newConfig(), RAM + 64, kernelBreak, 'rw')).toBeNull();
  });

  it('disables every app subregion when the app break is the block start', () => {
    const config = present(mpu.updateAppMemoryRegion(booted(), RAM, kernelBreak, 'rw'));
    expect(config.regions[0]).toEqual(rwRegion({ start: RAM, size: 0x1000 }, RAM, 11, 0xff));
    expect(mpu.accessRanges(config)).toEqual([FLASH_RX]);
  });
});

describe('cortex-m configurations', () => {
  it('reset clears every region', () => {
    const config = present(mpu.allocateRegion(booted(), 0x2000_8000, 256, 256, 'rw')).config;
    expect(mpu.reset(config)).toEqual(mpu.newConfig());
    expect(mpu.accessRanges(mpu.reset(config))).toEqual([]);
  });

  it('lets the highest-numbered matching region decide, and a disabled subregion uncover the one below', () => {
    const low = rwRegion({ start: 0x1000, size: 0x1000 }, 0x1000, 11, 0);
    const high: CortexMRegion = { ...low, logical: null, base: 0x1000, sizeField: 10, srd: 0b0000_0010, ap: 0b010 };
    const config: CortexMConfig = { regions: [EMPTY, EMPTY, low, high, EMPTY, EMPTY, EMPTY, EMPTY] };
    expect(mpu.accessRanges(config)).toEqual([
      { start: 0x1000, end: 0x1100, perms: 'r' },
      rw(0x1100, 0x1200),
      { start: 0x1200, end: 0x1800, perms: 'r' },
      rw(0x1800, 0x2000),
    ]);
  });

  it('has 13 free slots on a 16-region MPU and a 256-byte minimum on an M0+ one', () => {
    const m7 = cortexM({ regions: 16 });
    let config = present(m7.allocateAppMemoryRegion(
      present(m7.allocateRegion(m7.newConfig(), FLASH.start, FLASH.size, FLASH.size, 'rx')).config,
      RAM, 0x1_0000, 5096, 32, 1000, 'rw',
    )).config;
    for (let i = 0; i < 13; i++) config = present(m7.allocateRegion(config, 0x2001_0000 + i * 0x100, 256, 256, 'rw')).config;
    expect(m7.allocateRegion(config, 0x2002_0000, 256, 256, 'rw')).toBeNull();
    const m0 = cortexM({ minRegionSize: 256 });
    expect(m0.allocateRegion(m0.newConfig(), 0x2000_8020, 96, 96, 'rw')).toBeNull();
    const raised = present(m0.allocateRegion(m0.newConfig(), 0x2000_8020, 0x200, 32, 'rw'));
    expect(raised.region).toEqual({ start: 0x2000_8100, size: 256 });
  });

  it('rejects region counts and minimum sizes Tock cannot have', () => {
    expect(() => cortexM({ regions: 1 })).toThrow(RangeError);
    expect(() => cortexM({ regions: 17 })).toThrow(RangeError);
    expect(() => cortexM({ minRegionSize: 48 })).toThrow(RangeError);
    expect(() => cortexM({ minRegionSize: 16 })).toThrow(RangeError);
  });
});

const PERMS: Permissions[] = ['rwx', 'rw', 'rx', 'r', 'x'];
const SEED = 20_240_601;

/** Addresses below the System region, often aligned to a random power of two as real buffers are. */
const address = fc.oneof(
  fc.integer({ min: 0, max: 0xdfff_ffff }),
  fc.tuple(fc.integer({ min: 0, max: 0xdfff_ffff }), fc.integer({ min: 5, max: 16 })).map(([a, k]) => a - (a % 2 ** k)),
  fc.integer({ min: 0, max: 0xffff }).map((a) => 0x2000_0000 + a),
);
const length = fc.oneof(fc.integer({ min: 0, max: 0x1_0000 }), fc.integer({ min: 0, max: 20 }).map((k) => 2 ** k));
const request = fc.record({ start: address, size: length, minSize: length, perms: fc.constantFrom(...PERMS) });

/** A configuration Tock could build: optionally app memory, then a few regions, some refused. */
const setup = fc
  .record({
    app: fc.option(fc.record({ start: address, size: length, min: length, app: length, kernel: length })),
    regions: fc.array(request, { maxLength: 6 }),
  })
  .map(({ app, regions }) => {
    let config = mpu.newConfig();
    if (app !== null) {
      config = mpu.allocateAppMemoryRegion(config, app.start, app.size, app.min, app.app, app.kernel, 'rw')?.config ?? config;
    }
    for (const r of regions) config = tryAllocate(config, r)?.config ?? config;
    return deepFreeze(config);
  });

type Request = { start: number; size: number; minSize: number; perms: Permissions };

/** allocateRegion, with Tock's panic checked to happen only where its region size wraps. */
function tryAllocate(config: CortexMConfig, r: Request): ReturnType<typeof mpu.allocateRegion> {
  try {
    return mpu.allocateRegion(config, r.start, r.size, r.minSize, r.perms);
  } catch (error) {
    const rounded = r.start + ((32 - (r.start % 32)) % 32);
    expect(String(error)).toMatch(/Tock panics/);
    expect(rounded % 2 ** 29 === 0 && rounded !== 0).toBe(true);
    return null;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

const permsAt = (ranges: readonly AccessRange[], a: number): string =>
  ranges.find((r) => r.start <= a && a < r.end)?.perms ?? '';

/** The stretches where two range lists disagree. */
function changed(before: readonly AccessRange[], after: readonly AccessRange[]): { start: number; end: number }[] {
  const cuts = [...new Set([0, 2 ** 32, ...[...before, ...after].flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  return cuts
    .slice(0, -1)
    .map((start, i) => ({ start, end: cuts[i + 1] as number }))
    .filter(({ start }) => permsAt(before, start) !== permsAt(after, start));
}

/** Per-address reading of the registers: the highest enabled region whose subregion holds `a` decides. */
function hardwarePerms(config: CortexMConfig, a: number): string {
  for (const r of [...config.regions].reverse()) {
    const size = 2 ** (r.sizeField + 1);
    if (!r.enabled || a < r.base || a >= r.base + size || (r.srd >> Math.floor(((a - r.base) * 8) / size)) & 1) continue;
    const read = [0b010, 0b011, 0b110, 0b111].includes(r.ap);
    return (read ? 'r' : '') + (r.ap === 0b011 ? 'w' : '') + (read && !r.xn ? 'x' : '');
  }
  return '';
}

describe('cortex-m properties', () => {
  it('gives access only inside the request and inside the returned region', () => {
    fc.assert(
      fc.property(setup, request, (config, r) => {
        const result = tryAllocate(config, r);
        if (result === null) return;
        const { start, size } = result.region;
        expect(start >= r.start && start + size <= r.start + r.size).toBe(true);
        for (const c of changed(mpu.accessRanges(config), mpu.accessRanges(result.config))) {
          expect(c.start >= start && c.end <= start + size).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('restores the configuration and its access exactly when the returned region is removed', () => {
    fc.assert(
      fc.property(setup, request, (config, r) => {
        const result = tryAllocate(config, r);
        if (result === null) return;
        const removed = present(mpu.removeRegion(result.config, result.region));
        expect(removed).toEqual(config);
        expect(mpu.accessRanges(removed)).toEqual(mpu.accessRanges(config));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('keeps app memory within the trait contract through allocation and updates', () => {
    // Blocks stay clear of the PPB, where no region grants anything.
    const appRequest = fc.record({ start: address.map((a) => a % 0xc000_0000), min: length, app: length, kernel: length });
    fc.assert(
      fc.property(appRequest, fc.nat(), fc.nat(), (q, x, y) => {
        const result = mpu.allocateAppMemoryRegion(mpu.newConfig(), q.start, 0x10_0000, q.min, q.app, q.kernel, 'rw');
        if (result === null) return;
        const block = result.region;
        const end = block.start + block.size;
        expect(block.size).toBeGreaterThanOrEqual(Math.max(q.min, q.app + q.kernel));
        expect(block.start >= q.start && end <= q.start + 0x10_0000).toBe(true);
        const ranges = mpu.accessRanges(result.config);
        expect(covered(ranges, block.start, block.start + q.app)).toBe(true);
        expect(changed([], ranges).every((c) => c.end <= end - q.kernel)).toBe(true);
        const kernelBreak = end - (y % (block.size + 1));
        const appBreak = block.start + (x % (kernelBreak - block.start + 1));
        const updated = mpu.updateAppMemoryRegion(result.config, appBreak, kernelBreak, 'rw');
        if (updated === null) return;
        const after = mpu.accessRanges(updated);
        expect(covered(after, block.start, appBreak)).toBe(true);
        expect(changed([], after).every((c) => c.end <= kernelBreak)).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reports access ranges sorted, merged and equal to a per-address reading of the registers', () => {
    fc.assert(
      fc.property(setup, fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 20 }), (config, probes) => {
        const ranges = mpu.accessRanges(config);
        ranges.forEach((r, i) => {
          expect(r.start).toBeLessThan(r.end);
          const next = ranges[i + 1];
          if (next) expect(next.start > r.end || next.perms !== r.perms).toBe(next.start >= r.end);
        });
        const edges = ranges.flatMap((r) => [r.start - 1, r.start, r.end - 1, r.end]).filter((a) => a >= 0 && a < 2 ** 32);
        for (const a of [...edges, ...probes]) expect(permsAt(ranges, a)).toBe(hardwarePerms(config, a));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('keeps every enabled hardware region aligned to its size', () => {
    fc.assert(
      fc.property(setup, (config) => {
        for (const r of config.regions) if (r.enabled) expect(r.base % 2 ** (r.sizeField + 1)).toBe(0);
        expect(JSON.parse(JSON.stringify(config))).toEqual(config);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

/** True iff every byte of [start, end) has some access in the sorted `ranges`. */
function covered(ranges: readonly AccessRange[], start: number, end: number): boolean {
  let reached = start;
  for (const r of ranges) if (r.start <= reached && reached < r.end) reached = r.end;
  return reached >= end;
}
