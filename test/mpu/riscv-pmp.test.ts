import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessRange, Permissions, Region } from '../../model/mpu/address-mpu.ts';
import { pmpEntries, riscvPmp, type RiscvPmpConfig } from '../../model/mpu/riscv-pmp.ts';

const mpu = riscvPmp();
const empty = mpu.newConfig();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Allocates and expects success; returns the new config and region. */
function alloc(config: RiscvPmpConfig, start: number, size: number, minSize: number, perms: Permissions) {
  const result = mpu.allocateRegion(config, start, size, minSize, perms);
  if (result === null) throw new Error(`allocation refused: ${start.toString(16)} ${size} ${minSize} ${perms}`);
  return result;
}

/** The app memory block of the examples: [0x80004000, 0x80005000), app-owned up to 0x80004800. */
function withApp(config: RiscvPmpConfig = empty): RiscvPmpConfig {
  const result = mpu.allocateAppMemoryRegion(config, 0x8000_4000, 0x4000, 0x1000, 0x800, 0x400, 'rw');
  if (result === null) throw new Error('app memory refused');
  return result.config;
}

const range = (start: number, end: number, perms: string): AccessRange => ({ start, end, perms });

describe('riscv-pmp: configuration', () => {
  it('defaults to the 4 TOR user regions of the HiFive1 Rev B, all OFF', () => {
    expect(mpu.id).toBe('riscv-pmp');
    expect(empty).toEqual({ regions: Array(4).fill({ pmpcfg: 0, start: 0, end: 0 }), appMemoryRegion: null });
    expect(mpu.accessRanges(empty)).toEqual([]);
    expect(pmpEntries(empty)).toHaveLength(8);
  });

  it('takes the region count as an option and rejects impossible ones', () => {
    expect(riscvPmp({ regions: 8 }).newConfig().regions).toHaveLength(8);
    expect(() => riscvPmp({ regions: 33 })).toThrow(RangeError);
    expect(() => riscvPmp({ regions: 1.5 })).toThrow(RangeError);
  });

  it('encodes each permission as a TOR pmpcfg octet granting its letters', () => {
    const cases: [Permissions, number][] = [['rwx', 0x0f], ['rw', 0x0b], ['rx', 0x0d], ['r', 0x09], ['x', 0x0c]];
    for (const [perms, octet] of cases) {
      const { config } = alloc(empty, 0x8000_1000, 64, 64, perms);
      expect(config.regions[0]!.pmpcfg).toBe(octet);
      expect(mpu.accessRanges(config)).toEqual([range(0x8000_1000, 0x8000_1040, perms)]);
    }
  });
});

describe('riscv-pmp: allocate_region', () => {
  it('maps an aligned buffer exactly, as two PMP entries (OFF start, TOR end)', () => {
    const { config, region } = alloc(empty, 0x8000_1000, 64, 64, 'rw');
    expect(region).toEqual({ start: 0x8000_1000, size: 64 });
    expect(mpu.accessRanges(config)).toEqual([range(0x8000_1000, 0x8000_1040, 'rw')]);
    expect(pmpEntries(config).slice(0, 3)).toEqual([
      { pmpcfg: 0, pmpaddr: 0x2000_0400 },
      { pmpcfg: 0x0b, pmpaddr: 0x2000_0410 },
      { pmpcfg: 0, pmpaddr: 0 },
    ]);
  });

  it('refuses an IPC buffer (ptr, len, len) whose start or length is not a multiple of 4', () => {
    expect(mpu.allocateRegion(empty, 0x8000_1000, 21, 21, 'rw')).toBeNull();
    expect(mpu.allocateRegion(empty, 0x8000_1002, 20, 20, 'rw')).toBeNull();
    expect(mpu.allocateRegion(empty, 0x8000_1001, 23, 23, 'rw')).toBeNull();
  });

  it('maps a 20-byte buffer at a 4-aligned address exactly', () => {
    const { config, region } = alloc(empty, 0x8000_1204, 20, 20, 'rw');
    expect(region).toEqual({ start: 0x8000_1204, size: 20 });
    expect(mpu.accessRanges(config)).toEqual([range(0x8000_1204, 0x8000_1218, 'rw')]);
  });

  it('lets a region without write permission run up to 3 bytes past the buffer', () => {
    const long = alloc(empty, 0x8000_1000, 21, 21, 'r');
    expect(long.region).toEqual({ start: 0x8000_1000, size: 24 });
    expect(mpu.accessRanges(long.config)).toEqual([range(0x8000_1000, 0x8000_1018, 'r')]);
    const shifted = alloc(empty, 0x8000_1001, 20, 20, 'rx');
    expect(shifted.region).toEqual({ start: 0x8000_1004, size: 20 });
    expect(mpu.accessRanges(shifted.config)).toEqual([range(0x8000_1004, 0x8000_1018, 'rx')]);
    expect(mpu.allocateRegion(empty, 0x8000_1001, 21, 21, 'r')).toBeNull();
    expect(mpu.allocateRegion(empty, 0x8000_1000, 16, 21, 'x')).toBeNull();
  });

  it('sizes the region from min_region_size (rounded up, at least 4), bounded by the buffer', () => {
    expect(alloc(empty, 0x8000_1000, 0x100, 16, 'rw').region).toEqual({ start: 0x8000_1000, size: 16 });
    expect(alloc(empty, 0x8000_1000, 8, 0, 'rw').region).toEqual({ start: 0x8000_1000, size: 4 });
    expect(mpu.allocateRegion(empty, 0x8000_1000, 16, 32, 'rw')).toBeNull();
  });

  it('refuses an overlap with an enabled region and accepts neighbours', () => {
    const { config } = alloc(empty, 0x8000_1000, 64, 64, 'rw');
    expect(mpu.allocateRegion(config, 0x8000_1020, 64, 64, 'rw')).toBeNull();
    expect(mpu.allocateRegion(config, 0x8000_0ffc, 8, 8, 'r')).toBeNull();
    const above = alloc(config, 0x8000_1040, 64, 64, 'r').config;
    const below = alloc(above, 0x8000_0fc0, 64, 64, 'rw').config;
    expect(mpu.accessRanges(below)).toEqual([range(0x8000_0fc0, 0x8000_1040, 'rw'), range(0x8000_1040, 0x8000_1080, 'r')]);
  });

  it('refuses once every user region is in use', () => {
    let config = empty;
    for (let i = 0; i < 4; i++) config = alloc(config, 0x8000_1000 + i * 0x100, 16, 16, 'rw').config;
    expect(mpu.allocateRegion(config, 0x8000_2000, 16, 16, 'rw')).toBeNull();
    expect(mpu.freeRegions?.(config)).toBe(0);
    expect(mpu.freeRegions?.(withApp())).toBe(3);
    const two = riscvPmp({ regions: 2 });
    let small = two.newConfig();
    for (let i = 0; i < 2; i++) small = two.allocateRegion(small, 0x8000_1000 + i * 0x100, 16, 16, 'rw')!.config;
    expect(two.allocateRegion(small, 0x8000_2000, 16, 16, 'rw')).toBeNull();
  });

  it('wraps modulo 2^32: a start above 0xFFFFFFFC rounds up to 0', () => {
    const { config, region } = alloc(empty, 0xffff_fffd, 2, 0x1000, 'rw');
    expect(region).toEqual({ start: 0, size: 0x1000 });
    expect(mpu.accessRanges(config)).toEqual([range(0, 0x1000, 'rw')]);
  });

  it('wraps modulo 2^32: a region ending at 2^32 is stored with end 0 and grants nothing', () => {
    const { config, region } = alloc(empty, 0xffff_ff00, 0x100, 0x100, 'rw');
    expect(region).toEqual({ start: 0xffff_ff00, size: 0x100 });
    expect(config.regions[0]).toEqual({ pmpcfg: 0x0b, start: 0xffff_ff00, end: 0 });
    expect(mpu.accessRanges(config)).toEqual([]);
    const inside = alloc(config, 0xffff_ff80, 0x40, 0x40, 'rw').config;
    expect(mpu.accessRanges(inside)).toEqual([range(0xffff_ff80, 0xffff_ffc0, 'rw')]);
    const top = alloc(empty, 0xffff_ff00, 0xfc, 0xfc, 'rw').config;
    expect(mpu.accessRanges(top)).toEqual([range(0xffff_ff00, 0xffff_fffc, 'rw')]);
    expect(pmpEntries(top)[1]).toEqual({ pmpcfg: 0x0b, pmpaddr: 0x3fff_ffff });
  });
});

describe('riscv-pmp: remove_memory_region', () => {
  it('turns the matching slot OFF, and the first OFF slot is reused', () => {
    const a = alloc(empty, 0x8000_1000, 64, 64, 'rw');
    const b = alloc(a.config, 0x8000_1100, 64, 64, 'rw');
    const c = alloc(b.config, 0x8000_1200, 64, 64, 'rw');
    const removed = mpu.removeRegion(c.config, b.region)!;
    expect(removed.regions[1]).toEqual({ pmpcfg: 0, start: 0x8000_1100, end: 0x8000_1140 });
    expect(mpu.accessRanges(removed)).toEqual([range(0x8000_1000, 0x8000_1040, 'rw'), range(0x8000_1200, 0x8000_1240, 'rw')]);
    expect(mpu.removeRegion(removed, b.region)).toBeNull();
    expect(mpu.removeRegion(c.config, { start: 0x8000_1100, size: 32 })).toBeNull();
    const again = alloc(removed, 0x8000_1300, 32, 32, 'r').config;
    expect(again.regions[1]).toEqual({ pmpcfg: 0x09, start: 0x8000_1300, end: 0x8000_1320 });
    expect(alloc(removed, 0x8000_1100, 64, 64, 'rx').config.regions[1]).toEqual({ pmpcfg: 0x0d, start: 0x8000_1100, end: 0x8000_1140 });
  });

  it('matches the returned (rounded) region, not the request', () => {
    const { config, region } = alloc(empty, 0x8000_2000, 21, 21, 'r');
    expect(mpu.removeRegion(config, { start: 0x8000_2000, size: 21 })).toBeNull();
    expect(mpu.accessRanges(mpu.removeRegion(config, region)!)).toEqual([]);
  });
});

describe('riscv-pmp: app memory', () => {
  it('allocates the block and maps only the rounded app-owned part', () => {
    const result = mpu.allocateAppMemoryRegion(empty, 0x8000_4000, 0x4000, 0x1000, 0x800, 0x400, 'rw')!;
    expect(result.region).toEqual({ start: 0x8000_4000, size: 0x1000 });
    expect(result.config.appMemoryRegion).toBe(0);
    expect(result.config.regions[0]).toEqual({ pmpcfg: 0x0b, start: 0x8000_4000, end: 0x8000_4800 });
    expect(mpu.accessRanges(result.config)).toEqual([range(0x8000_4000, 0x8000_4800, 'rw')]);
  });

  it('maps 4 bytes for an initial app size of 0 and sizes the block as max(min, app + kernel)', () => {
    const zero = mpu.allocateAppMemoryRegion(empty, 0x8000_4000, 0x4000, 0x1000, 0, 0x400, 'rw')!;
    expect(mpu.accessRanges(zero.config)).toEqual([range(0x8000_4000, 0x8000_4004, 'rw')]);
    const grown = mpu.allocateAppMemoryRegion(empty, 0x8000_4000, 0x4000, 0x100, 0x7ff, 0x400, 'rw')!;
    expect(grown.region).toEqual({ start: 0x8000_4000, size: 0xc00 });
  });

  it('refuses a second app region, a block past the memory, a shifted start, or an overlap', () => {
    expect(mpu.allocateAppMemoryRegion(withApp(), 0x8000_8000, 0x4000, 0x1000, 0x800, 0x400, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(empty, 0x8000_4000, 0x4000, 0x5000, 0x800, 0x400, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(empty, 0x8000_4000, 0x1000, 0, 0xc00, 0x401, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(empty, 0x8000_4002, 0x1000, 0x1000, 0x800, 0x400, 'rw')).toBeNull();
    expect(mpu.allocateAppMemoryRegion(empty, 0x8000_4002, 0x1002, 0x1000, 0x800, 0x400, 'rw')!.region).toEqual({
      start: 0x8000_4004,
      size: 0x1000,
    });
    const taken = alloc(empty, 0x8000_4f00, 0x40, 0x40, 'r').config;
    expect(mpu.allocateAppMemoryRegion(taken, 0x8000_4000, 0x4000, 0x1000, 0x800, 0x400, 'rw')).toBeNull();
  });

  it('moves the end to the app break rounded up to 4, refusing only a break past the kernel break', () => {
    const app = withApp();
    expect(mpu.updateAppMemoryRegion(empty, 0x8000_4a00, 0x8000_4c00, 'rw')).toBeNull();
    const moved = mpu.updateAppMemoryRegion(app, 0x8000_4a01, 0x8000_4c00, 'rw')!;
    expect(mpu.accessRanges(moved)).toEqual([range(0x8000_4000, 0x8000_4a04, 'rw')]);
    expect(mpu.updateAppMemoryRegion(app, 0x8000_4bfd, 0x8000_4bff, 'rw')).toBeNull();
    const full = mpu.updateAppMemoryRegion(app, 0x8000_4bfd, 0x8000_4c00, 'r')!;
    expect(full.regions[0]).toEqual({ pmpcfg: 0x09, start: 0x8000_4000, end: 0x8000_4c00 });
    const below = mpu.updateAppMemoryRegion(app, 0x8000_3000, 0x8000_4c00, 'rw')!;
    expect(mpu.accessRanges(below)).toEqual([]);
  });

  it('lets a region land in the kernel-owned part, and the app region grow over it (lowest slot wins)', () => {
    const inGrant = alloc(withApp(), 0x8000_4c00, 0x100, 0x100, 'r').config;
    expect(mpu.accessRanges(inGrant)).toEqual([range(0x8000_4000, 0x8000_4800, 'rw'), range(0x8000_4c00, 0x8000_4d00, 'r')]);
    const grown = mpu.updateAppMemoryRegion(inGrant, 0x8000_4d00, 0x8000_4e00, 'rw')!;
    expect(mpu.accessRanges(grown)).toEqual([range(0x8000_4000, 0x8000_4d00, 'rw')]);
    const first = alloc(empty, 0x8000_5000, 0x100, 0x100, 'r').config;
    const under = mpu.updateAppMemoryRegion(withApp(first), 0x8000_5080, 0x8000_5080, 'rw')!;
    expect(under.appMemoryRegion).toBe(1);
    expect(mpu.accessRanges(under)).toEqual([range(0x8000_4000, 0x8000_5000, 'rw'), range(0x8000_5000, 0x8000_5100, 'r')]);
  });

  it('removes the app region like any other; an update then writes into whatever holds its slot', () => {
    const removed = mpu.removeRegion(withApp(), { start: 0x8000_4000, size: 0x800 })!;
    expect(mpu.accessRanges(removed)).toEqual([]);
    expect(removed.appMemoryRegion).toBe(0);
    const back = mpu.updateAppMemoryRegion(removed, 0x8000_4900, 0x8000_4c00, 'rw')!;
    expect(mpu.accessRanges(back)).toEqual([range(0x8000_4000, 0x8000_4900, 'rw')]);
    const reused = alloc(removed, 0x8000_6000, 0x40, 0x40, 'r').config;
    const clobbered = mpu.updateAppMemoryRegion(reused, 0x8000_4900, 0x8000_4c00, 'rw')!;
    expect(clobbered.regions[0]).toEqual({ pmpcfg: 0x0b, start: 0x8000_6000, end: 0x8000_4900 });
    expect(mpu.accessRanges(clobbered)).toEqual([]);
  });
});

describe('riscv-pmp: reset_config', () => {
  it('turns every slot OFF and forgets the app region', () => {
    const busy = alloc(withApp(), 0x8000_1000, 64, 64, 'rw').config;
    const reset = mpu.reset(busy);
    expect(reset).toEqual(empty);
    expect(mpu.accessRanges(reset)).toEqual([]);
    expect(mpu.allocateAppMemoryRegion(reset, 0x8000_4000, 0x4000, 0x1000, 0x800, 0x400, 'rw')).not.toBeNull();
  });
});

// ---- properties ----

const PERMS: readonly Permissions[] = ['rwx', 'rw', 'rx', 'r', 'x'];
const perm = fc.constantFrom(...PERMS);
const u32 = fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([hi, lo]) => hi * 0x10000 + lo);
const address = fc.oneof(
  { weight: 4, arbitrary: fc.nat(0x3ff).map((n) => 0x8000_0000 + n) },
  { weight: 1, arbitrary: fc.nat(0xff).map((n) => 0xffff_ff00 + n) },
  { weight: 1, arbitrary: u32 },
);
const length = fc.oneof({ weight: 4, arbitrary: fc.nat(0x80) }, { weight: 1, arbitrary: u32 });

interface Request {
  readonly start: number;
  readonly size: number;
  readonly minSize: number;
  readonly perms: Permissions;
}

/** A buffer inside the address space; the minimum size is the length itself (as IPC asks) or another. */
const request: fc.Arbitrary<Request> = fc
  .tuple(address, length, fc.option(length), perm)
  .map(([start, raw, min, perms]) => {
    const size = Math.min(raw, 2 ** 32 - start);
    return { start, size, minSize: min ?? size, perms };
  });

type Op =
  | { readonly kind: 'alloc'; readonly req: Request }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'app'; readonly req: Request; readonly appSize: number; readonly kernelSize: number }
  | { readonly kind: 'update'; readonly appBreak: number; readonly kernelBreak: number; readonly perms: Permissions };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: request.map((req): Op => ({ kind: 'alloc', req })) },
  { weight: 1, arbitrary: fc.nat(7).map((pick): Op => ({ kind: 'remove', pick })) },
  { weight: 1, arbitrary: fc.tuple(request, length, length).map(([req, appSize, kernelSize]): Op => ({ kind: 'app', req, appSize, kernelSize })) },
  { weight: 1, arbitrary: fc.tuple(address, address, perm).map(([appBreak, kernelBreak, perms]): Op => ({ kind: 'update', appBreak, kernelBreak, perms })) },
);

/** Runs the ops from a new config (skipping refusals), freezing every config so a mutation would throw. */
function build(ops: readonly Op[]): RiscvPmpConfig {
  let config = deepFreeze(mpu.newConfig());
  const regions: Region[] = [];
  for (const o of ops) {
    let next: RiscvPmpConfig | null = null;
    if (o.kind === 'alloc') {
      const r = mpu.allocateRegion(config, o.req.start, o.req.size, o.req.minSize, o.req.perms);
      if (r !== null) regions.push(r.region);
      next = r?.config ?? null;
    } else if (o.kind === 'remove') {
      const region = regions[o.pick % Math.max(regions.length, 1)];
      next = region === undefined ? null : mpu.removeRegion(config, region);
    } else if (o.kind === 'app') {
      const { start, size, minSize, perms } = o.req;
      next = mpu.allocateAppMemoryRegion(config, start, size, minSize, o.appSize, o.kernelSize, perms)?.config ?? null;
    } else {
      next = mpu.updateAppMemoryRegion(config, o.appBreak, o.kernelBreak, o.perms);
    }
    if (next !== null) config = deepFreeze(next);
  }
  return config;
}

const prior = fc.array(op, { maxLength: 10 }).map(build);

/** The letters `ranges` grants at `addr`. */
function permsAt(ranges: readonly AccessRange[], addr: number): string {
  return ranges.find((r) => r.start <= addr && addr < r.end)?.perms ?? '';
}

/** The stretches where `after` grants a letter `before` does not. */
function gained(before: readonly AccessRange[], after: readonly AccessRange[]): { start: number; end: number }[] {
  const cuts = [...new Set([...before, ...after].flatMap((r) => [r.start, r.end]))].sort((a, b) => a - b);
  const out: { start: number; end: number }[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const was = permsAt(before, cuts[k]!);
    if ([...permsAt(after, cuts[k]!)].some((p) => !was.includes(p))) out.push({ start: cuts[k]!, end: cuts[k + 1]! });
  }
  return out;
}

/** What the PMP decides at `addr` in U-mode, walking the entries one by one: first match wins, none denies. */
function walkEntries(config: RiscvPmpConfig, addr: number): string {
  const entries = pmpEntries(config);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const lo = i === 0 ? 0 : entries[i - 1]!.pmpaddr * 4;
    if ((e.pmpcfg & 0x18) === 0x08 && lo <= addr && addr < e.pmpaddr * 4) {
      return (e.pmpcfg & 1 ? 'r' : '') + (e.pmpcfg & 2 ? 'w' : '') + (e.pmpcfg & 4 ? 'x' : '');
    }
  }
  return '';
}

const SEED = { seed: 0x7c0c, numRuns: 400 };

describe('riscv-pmp: properties', () => {
  it('a granted allocation opens nothing outside the buffer (plus up to 3 bytes when not writeable)', () => {
    fc.assert(
      fc.property(prior, request, (config, req) => {
        fc.pre(req.start <= 0xffff_fffc); // above it the start wraps to 0 (see the wrapping test)
        const result = mpu.allocateRegion(config, req.start, req.size, req.minSize, req.perms);
        if (result === null) return;
        const slack = req.perms.includes('w') ? 0 : 3;
        for (const g of gained(mpu.accessRanges(config), mpu.accessRanges(result.config))) {
          expect(g.start).toBeGreaterThanOrEqual(req.start);
          expect(g.end).toBeLessThanOrEqual(req.start + req.size + slack);
        }
      }),
      SEED,
    );
  });

  it('allocating then removing the returned region restores the access ranges, and the same allocation succeeds again', () => {
    fc.assert(
      fc.property(prior, request, (config, req) => {
        const result = mpu.allocateRegion(config, req.start, req.size, req.minSize, req.perms);
        if (result === null) return;
        const removed = mpu.removeRegion(result.config, result.region);
        expect(removed).not.toBeNull();
        expect(mpu.accessRanges(removed!)).toEqual(mpu.accessRanges(config));
        expect(mpu.allocateRegion(removed!, req.start, req.size, req.minSize, req.perms)).toEqual(result);
      }),
      SEED,
    );
  });

  it('access ranges agree with walking the PMP entries address by address', () => {
    fc.assert(
      fc.property(prior, fc.array(u32, { maxLength: 8 }), (config, extra) => {
        const ranges = mpu.accessRanges(config);
        const probes = [...ranges.flatMap((r) => [r.start - 1, r.start, r.end - 1, r.end]), ...extra].filter((a) => a >= 0 && a < 2 ** 32);
        for (const addr of probes) expect(permsAt(ranges, addr)).toBe(walkEntries(config, addr));
        for (let k = 1; k < ranges.length; k++) expect(ranges[k - 1]!.end).toBeLessThanOrEqual(ranges[k]!.start);
      }),
      SEED,
    );
  });
});
