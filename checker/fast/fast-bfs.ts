import { canonicalJson, initialWorld, step, type Action } from '../../model/index.ts';
import type { PropertyId, Violation } from '../../properties/index.ts';
import type { ExploreOptions, ExploreResult, ExploreVerdict } from '../bfs.ts';
import { PackedSet } from './packed-set.ts';
import { ReadTrie } from './read-trie.ts';
import { symmetric } from '../../model/symmetry.ts';
import { Canonicalizer } from './canonical.ts';
import { PART_COUNT, SlotTable } from './slot-table.ts';
import { WorldViews } from './world-views.ts';

/** A memoised step: the slots it writes, and each property's verdict on it. */
interface StepLeaf {
  readonly writes: readonly SlotWrite[];
  readonly violations: readonly (Violation | null)[];
}

/**
 * The parts a step writes in one slot (pairs of part and part id), with
 * the slot ids they lead to from each slot id seen so far: a leaf serves
 * many worlds, and this saves composing the parts again for each.
 */
interface SlotWrite {
  readonly slot: number;
  readonly parts: readonly number[];
  readonly from: Map<number, number>;
}

/**
 * Breadth-first search on packed worlds, with the same results as
 * `exploreBfs` (test/checker/fast/fast-bfs.test.ts compares them). A world
 * is a tuple of interned slot ids; the visited set is a `PackedSet`. Each
 * design's `enabledAt` and each step (property verdicts included) still
 * run through the xstate machines, but once per distinct value of the slot
 * parts they read (a `ReadTrie` per slot and per action over the world
 * spelled out as part ids), not once per world; a step's leaf says which
 * parts it writes, and `SlotTable.withPart` turns that into slot ids.
 * States are numbered in BFS order, so each depth is a range of indices.
 * Coverage is taken when a step is first computed: what a step reaches is
 * the same for every world that shares its memo entry.
 */
export function exploreFast(options: ExploreOptions): ExploreResult {
  const { design, params, properties, coverage } = options;
  const maxStates = Math.min(options.maxStates, 2 ** 31 - 1);
  const table = new SlotTable();
  const views = new WorldViews(params, table);
  const root = initialWorld(params);
  coverage?.start(root);
  const width = root.processes.length;
  const rootIds = new Int32Array(width);
  root.processes.forEach((slot, i) => (rootIds[i] = table.idOf(i, slot)));
  const canonical = options.symmetry === true && symmetric(params) ? new Canonicalizer(params, table, width) : null;
  const rootPerm = canonical?.canonicalize(rootIds, 0) ?? 0;

  const actionIds = new Map<string, number>();
  const actions: Action[] = [];
  const actionId = (action: Action) => {
    const key = canonicalJson(action);
    let id = actionIds.get(key);
    if (id === undefined) {
      id = actions.length;
      actionIds.set(key, id);
      actions.push(action);
      stepTries.push(new ReadTrie<StepLeaf>());
    }
    return id;
  };
  const enabledTries = Array.from({ length: width }, () => new ReadTrie<readonly number[]>());
  const stepTries: ReadTrie<StepLeaf>[] = [];

  /** Fills a miss of `enabledTries[index]` for the world `ids`, spelled out as `parts`. */
  const enabledMiss = (ids: Int32Array, parts: Int32Array, index: number): readonly number[] => {
    const trie = enabledTries[index]!;
    const reads: number[] = [];
    const value = design.enabledAt(views.tracked(ids, reads), index).map(actionId);
    trie.insert(parts, reads, value);
    return value;
  };
  /** Fills a miss of `stepTries[action]` for the world `ids`, spelled out as `parts`. */
  const stepMiss = (ids: Int32Array, parts: Int32Array, action: number): StepLeaf => {
    const trie = stepTries[action]!;
    const reads: number[] = [];
    const before = views.tracked(ids, reads);
    const result = step(design, before, actions[action]!);
    const view = { design, before, action: actions[action]!, after: result.world, outcome: result.outcome };
    const violations = properties.map((p) => p.check(view));
    const pairs: number[] = [];
    views.writesOf(result.world, ids, reads, pairs);
    const writes: SlotWrite[] = [];
    for (let w = 0; w < pairs.length; w += 2) {
      const slot = Math.floor(pairs[w]! / PART_COUNT);
      let write = writes.find((x) => x.slot === slot);
      if (write === undefined) writes.push((write = { slot, parts: [], from: new Map() }));
      (write.parts as number[]).push(pairs[w]! % PART_COUNT, pairs[w + 1]!);
    }
    const leaf = { writes, violations };
    trie.insert(parts, reads, leaf);
    // Coverage marks what was reached: the same for every world this leaf serves, so once is enough.
    coverage?.step(before, actions[action]!, result.outcome, result.world);
    return leaf;
  };

  const visited = new PackedSet(width);
  visited.add(rootIds);
  const parent: number[] = [-1];
  const via: number[] = [-1];
  /** Per stored world, the permutation that canonicalized it (all 0 without symmetry). */
  const permOf: number[] = [rootPerm];
  const found = new Map<PropertyId, { trace: Action[]; violation: Violation }>();
  /** The real trace to the world stored at `index`, then action `last` from it (`perm` 0: a violating step is not stored). */
  const traceTo = (index: number, last: number): Action[] => {
    const steps = [{ action: actions[last]!, perm: 0 }];
    for (let at = index; parent[at]! >= 0; at = parent[at]!) steps.unshift({ action: actions[via[at]!]!, perm: permOf[at]! });
    return canonical === null ? steps.map((s) => s.action) : canonical.realTrace(rootPerm, steps);
  };


  const ids = new Int32Array(width);
  const parts = new Int32Array(width * PART_COUNT);
  /** The successors of the state being expanded, packed, and the actions that lead to them. */
  let batch: Int32Array = new Int32Array(64 * width);
  const batchActions: number[] = [];
  const batchPerms: number[] = [];
  let pending = 0;
  let fresh = new Uint8Array(64);
  let levelStart = 0;
  let levelEnd = 1;
  let transitions = 0;
  let depth = 0;
  let bound: string | null = null;
  while (levelStart < levelEnd && bound === null) {
    if (depth >= options.maxDepth) {
      bound = `max-depth ${options.maxDepth}`;
      break;
    }
    for (let state = levelStart; state < levelEnd && bound === null; state++) {
      visited.read(state, ids);
      table.spell(ids, parts);
      for (let index = 0; index < width && bound === null; index++) {
        const enabled = enabledTries[index]!.lookup(parts) ?? enabledMiss(ids, parts, index);
        for (let a = 0; a < enabled.length; a++) {
          const action = enabled[a]!;
          transitions++;
          const leaf = stepTries[action]!.lookup(parts) ?? stepMiss(ids, parts, action);
          for (let p = 0; p < leaf.violations.length; p++) {
            const violation = leaf.violations[p]!;
            if (violation !== null && !found.has(properties[p]!.id)) found.set(properties[p]!.id, { trace: traceTo(state, action), violation });
          }
          const writes = leaf.writes;
          if (writes.length === 0) continue; // a self-loop: the state is already stored
          if ((pending + 1) * width > batch.length) batch = grownBatch(batch);
          const base = pending * width;
          for (let k = 0; k < width; k++) batch[base + k] = ids[k]!;
          for (let w = 0; w < writes.length; w++) {
            const write = writes[w]!;
            const before = batch[base + write.slot]!;
            let after = write.from.get(before);
            if (after === undefined) {
              after = before;
              for (let k = 0; k < write.parts.length; k += 2) after = table.withPart(write.slot, after, write.parts[k]!, write.parts[k + 1]!);
              write.from.set(before, after);
            }
            batch[base + write.slot] = after;
          }
          batchPerms[pending] = canonical?.canonicalize(batch, base) ?? 0;
          batchActions[pending++] = action;
        }
      }
      if (visited.size + pending <= maxStates) {
        if (fresh.length < pending) fresh = new Uint8Array(pending * 2);
        visited.addBatch(batch, pending, fresh);
        for (let i = 0; i < pending; i++) {
          if (fresh[i] === 0) continue;
          parent.push(state);
          via.push(batchActions[i]!);
          permOf.push(batchPerms[i]!);
        }
      } else {
        for (let i = 0; i < pending && bound === null; i++) {
          const full = visited.size >= maxStates;
          if (visited.add(batch, i * width) < 0) continue;
          if (full) bound = `max-states ${options.maxStates}`;
          else {
            parent.push(state);
            via.push(batchActions[i]!);
            permOf.push(batchPerms[i]!);
          }
        }
      }
      pending = 0;
    }
    if (bound !== null) break;
    depth++;
    levelStart = levelEnd;
    levelEnd = visited.size;
    options.onDepth?.({ depth, states: visited.size, transitions });
  }
  const verdicts = properties.map((p): ExploreVerdict => {
    const hit = found.get(p.id);
    if (hit !== undefined) return { property: p.id, status: 'violated', trace: hit.trace, violation: hit.violation };
    return bound === null ? { property: p.id, status: 'held' } : { property: p.id, status: 'inconclusive', bound, depth };
  });
  return { depth, depthCovered: depth, states: Math.min(visited.size, Math.max(maxStates, 1)), transitions, bound, verdicts };
}

function grownBatch(batch: Int32Array): Int32Array {
  const next = new Int32Array(batch.length * 2);
  next.set(batch);
  return next;
}
