/**
 * What partial-order reduction could save on a design, at best. A
 * persistent set at a world must hold every enabled action that depends
 * on one of its members (taken first, that action would already break the
 * set), so it is a union of connected components of the dependency graph
 * over the enabled actions. Two measures of dependence, each taken in the
 * very world the actions run from (the most independence a sound
 * reduction could use: one whose relation holds in every world finds less):
 *
 * - footprints: one action writes a part (see `PARTS`) the other reads or
 *   writes, the properties' reads included; what a reduction built on the
 *   memo's read and write sets would use;
 * - commutation: taking the two in either order does not reach the same
 *   world, or one disables the other, or changes a property's verdict on it.
 *
 * Along deterministic random walks on the design's default world, prints
 * per depth the mean number of enabled actions, and for each measure the
 * mean size of the smallest component that holds an action which changes
 * the world, and in how many worlds only one such component exists (no
 * reduction there).
 *
 * Run: node --import tsx scripts/por-bound.ts [design] [property,...|none]
 * (default: tock-2.2 isolation).
 */
import { pathToFileURL } from 'node:url';
import { canonicalJson, defaultParams, designById, initialWorld, step, type Action, type Design, type StepResult, type World, type WorldParams } from '../model/index.ts';
import { findAmong, stateKey } from '../engine/index.ts';
import { PROPERTIES, type Property } from '../properties/index.ts';
import { packWorld, SlotTable } from '../engine/packed/index.ts';
import { WorldViews } from '../engine/packed/world-views.ts';

/** What the walks saw at one depth. */
export interface DepthBound {
  readonly depth: number;
  readonly worlds: number;
  /** Means over the worlds. */
  readonly enabled: number;
  readonly byFootprints: Smallest;
  readonly byCommutation: Smallest;
}

/** The smallest component that changes the world, in the mean, and the worlds where there was one such component. */
export interface Smallest {
  readonly size: number;
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
  const sums = Array.from({ length: depth }, () => ({ worlds: 0, enabled: 0, footprints: { size: 0, one: 0 }, commutation: { size: 0, one: 0 } }));
  const add = (into: { size: number; one: number }, sizes: readonly number[], enabled: number) => {
    into.size += sizes.length === 0 ? enabled : Math.min(...sizes);
    if (sizes.length <= 1) into.one++;
  };
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
      const byFootprint = (a: number, b: number) => {
        const [x, y] = [footprints[a]!, footprints[b]!];
        return [...x.writes].some((w) => y.reads.has(w) || y.writes.has(w)) || [...y.writes].some((w) => x.reads.has(w));
      };
      const after = actions.map((action) => step(design, world, action));
      const key = stateKey(world);
      const changes = after.map((r) => stateKey(r.world) !== key);
      const sum = sums[d]!;
      sum.worlds++;
      sum.enabled += actions.length;
      add(sum.footprints, changingComponents(actions.length, byFootprint, (a) => footprints[a]!.writes.size > 0), actions.length);
      add(sum.commutation, changingComponents(actions.length, notCommuting(design, properties, world, actions, after), (a) => changes[a]!), actions.length);
      world = step(design, world, actions[next(actions.length)]!).world;
    }
  }
  return sums
    .filter((s) => s.worlds > 0)
    .map((s, d) => ({
      depth: d,
      worlds: s.worlds,
      enabled: s.enabled / s.worlds,
      byFootprints: { size: s.footprints.size / s.worlds, oneComponent: s.footprints.one },
      byCommutation: { size: s.commutation.size / s.worlds, oneComponent: s.commutation.one },
    }));
}

/** Whether actions a and b (by position) of `world` fail to commute: see the module's doc. Memoised per pair. */
function notCommuting(design: Design, properties: readonly Property[], world: World, actions: readonly Action[], after: readonly StepResult[]): (a: number, b: number) => boolean {
  const verdicts = (before: World, action: Action, result: StepResult) =>
    canonicalJson(properties.map((p) => p.check({ design, before, action, after: result.world, outcome: result.outcome })));
  const first = actions.map((action, i) => verdicts(world, action, after[i]!));
  const known = new Map<number, boolean>();
  return (a, b) => {
    const pair = Math.min(a, b) * actions.length + Math.max(a, b);
    let answer = known.get(pair);
    if (answer !== undefined) return answer;
    const bAfterA = findAmong(actions[b]!, design.enabled(after[a]!.world));
    const aAfterB = findAmong(actions[a]!, design.enabled(after[b]!.world));
    if (bAfterA === undefined || aAfterB === undefined) answer = true;
    else {
      const ab = step(design, after[a]!.world, bAfterA);
      const ba = step(design, after[b]!.world, aAfterB);
      answer =
        stateKey(ab.world) !== stateKey(ba.world) ||
        verdicts(after[a]!.world, bAfterA, ab) !== first[b] ||
        verdicts(after[b]!.world, aAfterB, ba) !== first[a];
    }
    known.set(pair, answer);
    return answer;
  };
}

/** The sizes of the components of the graph over `count` actions with edges `depends` that hold an action which `changes` the world. */
function changingComponents(count: number, depends: (a: number, b: number) => boolean, changes: (a: number) => boolean): number[] {
  const component = new Array<number>(count).fill(-1);
  const sizes: number[] = [];
  for (let seedAction = 0; seedAction < count; seedAction++) {
    if (component[seedAction] !== -1) continue;
    const id = sizes.length;
    const stack = [seedAction];
    component[seedAction] = id;
    let size = 0;
    let changing = false;
    while (stack.length > 0) {
      const x = stack.pop()!;
      size++;
      changing ||= changes(x);
      for (let y = 0; y < count; y++) {
        if (component[y] === -1 && depends(x, y)) {
          component[y] = id;
          stack.push(y);
        }
      }
    }
    sizes.push(changing ? size : -1);
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
  const rows = porBound(design, defaultParams('cortex-m'), properties as Property[], 100, 8, 1);
  const cell = (r: DepthBound, m: Smallest) => `${m.size.toFixed(1)} (${((100 * m.size) / r.enabled).toFixed(0)}%), one in ${((100 * m.oneComponent) / r.worlds).toFixed(0)}%`;
  console.log(`${design.id}, default world (cortex-m), judged by ${propertyIds}: 100 walks of 8 steps, seed 1`);
  console.log('| depth | worlds | enabled | smallest persistent set, by footprints | by commutation |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.depth} | ${r.worlds} | ${r.enabled.toFixed(1)} | ${cell(r, r.byFootprints)} | ${cell(r, r.byCommutation)} |`);
}
