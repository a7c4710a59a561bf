import type { AccessRange, AddressMpu, HardwareRegion, Permissions, Region } from './address-mpu.ts';
import { mergeRanges } from './ranges.ts';

/**
 * The `abstract` MPU: an app-memory region plus N region slots (flash takes
 * one), with no address arithmetic. A region covers exactly the bytes asked
 * for; a request overlapping a region already there is refused (as Tock's
 * allocators refuse an overlap), and so is one when no slot is free. Fast
 * and simple, for big explorations; not a model of any hardware.
 */
export interface AbstractMpuConfig {
  /** Region slots left. */
  readonly free: number;
  /** Extra regions, by start address: the abstract MPU has no region priority, so the order of allocation is not state. */
  readonly regions: readonly AbstractRegion[];
  /** Flash (rx) and app memory (rw up to the break), set by the app-memory calls; null before. */
  readonly app: { readonly start: number; readonly size: number; readonly appBreak: number } | null;
}

interface AbstractRegion extends Region {
  readonly perms: Permissions;
}

const overlaps = (a: Region, start: number, size: number) => a.start < start + size && start < a.start + a.size;

/** The abstract allocator with `regions` slots besides app memory. */
export function abstractMpu(regions: number): AddressMpu<AbstractMpuConfig> {
  return {
    id: 'abstract',
    newConfig: () => ({ free: regions, regions: [], app: null }),
    reset: () => ({ free: regions, regions: [], app: null }),
    allocateRegion(config, start, size, _minSize, perms) {
      if (size === 0 || config.free === 0) return null;
      if (config.regions.some((r) => overlaps(r, start, size))) return null;
      if (config.app !== null && overlaps(config.app, start, size)) return null;
      const region = { start, size };
      const regions = [...config.regions, { ...region, perms }].sort((a, b) => a.start - b.start);
      return { config: { ...config, free: config.free - 1, regions }, region };
    },
    removeRegion(config, region) {
      const i = config.regions.findIndex((r) => r.start === region.start && r.size === region.size);
      if (i < 0) return null;
      return { ...config, free: config.free + 1, regions: config.regions.filter((_, j) => j !== i) };
    },
    allocateAppMemoryRegion(config, start, size, minSize, appSize, kernelSize) {
      const memorySize = Math.max(minSize, appSize + kernelSize);
      if (config.app !== null || memorySize > size) return null;
      const app = { start, size: memorySize, appBreak: start + appSize };
      return { config: { ...config, app }, region: { start, size: memorySize } };
    },
    updateAppMemoryRegion(config, appBreak, kernelBreak) {
      const app = config.app;
      if (app === null || appBreak > kernelBreak || appBreak < app.start || kernelBreak > app.start + app.size) return null;
      return { ...config, app: { ...app, appBreak } };
    },
    accessRanges(config) {
      const ranges: AccessRange[] = config.regions.map((r) => ({ start: r.start, end: r.start + r.size, perms: r.perms }));
      if (config.app !== null) ranges.push({ start: config.app.start, end: config.app.appBreak, perms: 'rw' });
      return mergeRanges(ranges);
    },
    hardwareRegions: (config) => [
      ...(config.app === null
        ? []
        : [{ label: 'app memory', start: config.app.start, end: config.app.appBreak, perms: 'rw', subregions: [] }]),
      ...config.regions.map((r, n): HardwareRegion => ({ label: `region ${n}`, start: r.start, end: r.start + r.size, perms: r.perms, subregions: [] })),
    ],
    freeRegions: (config) => config.free,
    relocated: (config, move) => ({
      free: config.free,
      regions: config.regions.map((r) => ({ ...r, start: move(r.start) })).sort((a, b) => a.start - b.start),
      app: config.app && { start: move(config.app.start), size: config.app.size, appBreak: config.app.appBreak - config.app.start + move(config.app.start) },
    }),
  };
}
