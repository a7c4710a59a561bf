/**
 * What partial-order reduction built on read and write footprints could
 * save on a design, at best. A persistent set at a world must hold every
 * enabled action that depends on one of its members (taken first, that
 * action would already break the set), so it is a union of connected
 * components of the dependency graph over the enabled actions; here two
 * actions depend on each other when one writes a part (see `PARTS`) that
 * the other reads or writes, in that very world, its properties' reads
 * included. That is the most independence any footprint-based reduction
 * can use: one with footprints that hold in every world, as soundness
 * needs, finds less.
 *
 * Along deterministic random walks on the design's default world, prints
 * per depth the mean number of enabled actions, the mean size of the
 * smallest component that holds an action which changes the world, and
 * in how many worlds only one such component exists (no reduction there).
 *
 * Run: node --import tsx scripts/por-bound.ts [design] [property,...|none]
 * (default: tock-2.2 isolation).
 */
import { pathToFileURL } from 'node:url';
import { defaultParams, designById, initialWorld, step, type Design, type WorldParams } from '../model/index.ts';
import { PROPERTIES, type Property } from '../properties/index.ts';
import { packWorld, SlotTable } from '../engine/packed/index.ts';
import { WorldViews } from '../engine/packed/world-views.ts';

/** What the walks saw at one depth. */
export interface DepthBound {
  readonly depth: number;
  readonly worlds: number;
  /** Means over the worlds. */
  readonly enabled: number;
  readonly smallestSet: number;
  /** Worlds where every action that changes the world lies in one component. */
  readonly oneComponent: number;
}

/** The footprint of one step: part positions read (the properties' reads included) and written. */
interface Footprint {
  readonly reads: ReadonlySet<number>;
  readonly writes: ReadonlySet<number>;
}

/** Walks `walks` random traces of `depth` steps (a seeded generator), measuring at every world on them. */
export function porBound(design: Design, params: WorldParams, properties: readonly Property[], walks: number, depth: number, seed: number): DepthBound[] {
  const table = new SlotTable();
  const views = new WorldViews(params, table);
  let state = seed >>> 0 || 1;
  const next = (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const sums = Array.from({ length: depth }, () => ({ worlds: 0, enabled: 0, smallest: 0, one: 0 }));
  for (let walk = 0; walk < walks; walk++) {
    let world = initialWorld(params);
    for (let d = 0; d < depth; d++) {
      const actions = design.enabled(world);
      if (actions.length === 0) break;
      const ids = packWorld(table, world);
      const footprints = actions.map((action): Footprint => {
        const reads: number[] = [];
        const before = views.tracked(ids, reads);
        const result = step(design, before, action);
        for (const property of properties) property.check({ design, before, action, after: result.world, outcome: result.outcome });
        const writes: number[] = [];
        views.writesOf(result.world, ids, reads, writes);
        return { reads: new Set(reads), writes: new Set(writes.filter((_, i) => i % 2 === 0)) };
      });
      const sizes = changingComponents(footprints);
      const sum = sums[d]!;
      sum.worlds++;
      sum.enabled += actions.length;
      sum.smallest += sizes.length === 0 ? actions.length : Math.min(...sizes);
      if (sizes.length <= 1) sum.one++;
      world = step(design, world, actions[next(actions.length)]!).world;
    }
  }
  return sums
    .map((s, d) => ({ depth: d, worlds: s.worlds, enabled: s.enabled / s.worlds, smallestSet: s.smallest / s.worlds, oneComponent: s.one }))
    .filter((s) => s.worlds > 0);
}

/** The sizes of the components of the dependency graph that hold a step which writes something. */
function changingComponents(footprints: readonly Footprint[]): number[] {
  const depends = (a: Footprint, b: Footprint) => [...a.writes].some((w) => b.reads.has(w) || b.writes.has(w)) || [...b.writes].some((w) => a.reads.has(w));
  const component = footprints.map(() => -1);
  const sizes: number[] = [];
  for (let seedAction = 0; seedAction < footprints.length; seedAction++) {
    if (component[seedAction] !== -1) continue;
    const id = sizes.length;
    const stack = [seedAction];
    component[seedAction] = id;
    let size = 0;
    let changes = false;
    while (stack.length > 0) {
      const x = stack.pop()!;
      size++;
      changes ||= footprints[x]!.writes.size > 0;
      footprints.forEach((f, y) => {
        if (component[y] === -1 && depends(footprints[x]!, f)) {
          component[y] = id;
          stack.push(y);
        }
      });
    }
    sizes.push(changes ? size : -1);
  }
  return sizes.filter((s) => s > 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [designId = 'tock-2.2', propertyIds = 'isolation'] = process.argv.slice(2);
  const design = designById(designId);
  const named = propertyIds === 'none' ? [] : propertyIds.split(',');
  const properties = named.map((id) => PROPERTIES.find((p) => p.id === id));
  const unknown = named.find((_, i) => properties[i] === undefined);
  if (design === undefined || unknown !== undefined) {
    console.error(`por-bound: no ${design === undefined ? `design '${designId}'` : `property '${unknown}'`}`);
    process.exit(2);
  }
  const rows = porBound(design, defaultParams('cortex-m'), properties as Property[], 200, 8, 1);
  console.log(`${design.id}, default world (cortex-m), judged by ${propertyIds}: 200 walks of 8 steps, seed 1`);
  console.log('| depth | worlds | enabled | smallest persistent set at best | worlds with one component |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.depth} | ${r.worlds} | ${r.enabled.toFixed(1)} | ${r.smallestSet.toFixed(1)} (${((100 * r.smallestSet) / r.enabled).toFixed(0)}%) | ${((100 * r.oneComponent) / r.worlds).toFixed(0)}% |`);
}
