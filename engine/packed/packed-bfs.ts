import { initialWorld, symmetric } from '../../model/index.ts';
import type { PropertyId, Violation } from '../../properties/index.ts';
import { addBeyond, ALL_VIOLATED, MODEL_THREW, inRealFrame, everyViolated, LEVEL_PROGRESS_EVERY, verdictsOf, type ExploreOptions, type ExploreResult, type Found } from '../bfs.ts';
import { IntColumn } from './int-column.ts';
import { PackedSet } from './packed-set.ts';
import { Canonicalizer } from './canonical.ts';
import { Expander, StepThrew } from './expander.ts';
import { ModelThrew } from '../model-threw.ts';
import { LocalActionIds } from './local-action-ids.ts';
import { packedWidth, packWorld, SlotTable } from './slot-table.ts';
import { traceTo, type FirstReached, type TailStep } from './trace-to.ts';
import { WorldViews } from './world-views.ts';
import { stateKey } from '../state-key.ts';

/** States expanded between two looks at the budget: a look costs a clock or memory read. */
const BUDGET_EVERY = 64;

/**
 * Breadth-first search on packed worlds, with the same results as
 * `exploreBfs` (test/engine/packed/packed-bfs.test.ts compares them). A world
 * is a tuple of interned slot ids; the visited set is a `PackedSet`; an
 * `Expander` computes successors through its memo. States are numbered in
 * BFS order, so each depth is a range of indices.
 */
export function explorePacked(options: ExploreOptions): ExploreResult {
  const { design, params, properties, coverage } = options;
  const maxStates = Math.min(options.maxStates, 2 ** 31 - 1);
  const table = new SlotTable();
  const root = initialWorld(params);
  coverage?.start(root);
  const width = packedWidth(root);
  const rootIds = packWorld(table, root);
  const canonical = options.symmetry === true && symmetric(design, params) ? new Canonicalizer(params, design, table, width) : null;
  const rootPerm = canonical?.canonicalize(rootIds, 0) ?? 0;
  const actionIds = new LocalActionIds();
  /** Plain worlds of packed ones, for a shard's partition (`ExploreOptions.partition`). */
  const views = new WorldViews(params, table);

  const visited = new PackedSet(width);
  visited.add(rootIds);
  const parent = new IntColumn(-1);
  const via = new IntColumn(-1);
  /** Per stored world, the permutation that canonicalized it (all 0 without symmetry). */
  const permOf = new IntColumn(rootPerm);
  const found = new Map<PropertyId, Found>();
  /** Violations one step past the depth bound, found by `lookahead` at the last level. */
  const further = new Map<PropertyId, Found>();
  const reached: FirstReached = { parent: (i) => parent.at(i), via: (i) => via.at(i), perm: (i) => permOf.at(i) };

  let state = 0;
  const expander = new Expander({ ...options, table, actionIds, canonical, width }, (p, action, violation) =>
    found.set(properties[p]!.id, { trace: traceTo(reached, state, [{ action, perm: 0 }], actionIds, canonical, rootPerm), violation }),
  );
  const onBeyond = (p: number, tail: readonly TailStep[], violation: Violation) =>
    further.set(properties[p]!.id, { trace: traceTo(reached, state, tail, actionIds, canonical, rootPerm), violation });
  const ids = new Int32Array(width);
  let fresh = new Uint8Array(64);
  let levelStart = 0;
  let levelEnd = 1;
  let depth = 0;
  let bound: string | null = null;
  let threw: ModelThrew | null = null;
  while (levelStart < levelEnd && bound === null) {
    if (depth >= options.maxDepth) {
      bound = `max-depth ${options.maxDepth}`;
      break;
    }
    /** The last level allowed: its successors are judged, not stored; whether any is new decides between held and the bound. */
    const last = depth + 1 === options.maxDepth;
    let beyond = false;
    for (state = levelStart; state < levelEnd && bound === null; state++) {
      if (((state - levelStart) & (LEVEL_PROGRESS_EVERY - 1)) === LEVEL_PROGRESS_EVERY - 1) {
        options.onLevel?.({ depth: depth + 1, expanded: state - levelStart, of: levelEnd - levelStart });
      }
      if ((state & (BUDGET_EVERY - 1)) === 0 && options.budget?.spent() === true) {
        bound = options.budget.bound;
        break;
      }
      visited.read(state, ids);
      if (options.partition?.depth === depth && !options.partition.mine(views.world(ids))) continue;
      try {
        expander.expand(ids);
        if (last) expander.lookBeyond(onBeyond);
      } catch (e) {
        if (!(e instanceof StepThrew)) throw e;
        threw = new ModelThrew(e.message, traceTo(reached, state, e.tail, actionIds, canonical, rootPerm));
        bound = MODEL_THREW;
        break;
      }
      const { batch, pending, batchActions, batchPerms } = expander;
      if (last) {
        for (let i = 0; i < pending && !beyond; i++) beyond = !visited.has(batch, i * width);
      } else if (visited.size + pending <= maxStates) {
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
      if (bound === null && everyViolated(properties, found)) bound = ALL_VIOLATED;
    }
    if (bound !== null) break;
    depth++;
    levelStart = levelEnd;
    levelEnd = visited.size;
    options.onDepth?.({ depth, states: visited.size, transitions: expander.transitions });
    if (beyond) bound = `max-depth ${options.maxDepth}`;
  }
  // Past the bound only once the last level is wholly judged: every shorter trace then was.
  if (depth === options.maxDepth) addBeyond(found, further);
  if (canonical !== null) inRealFrame(design, params, properties, found);
  if (options.partition !== undefined) {
    for (let i = 0; i < Math.min(visited.size, maxStates); i++) {
      visited.read(i, ids);
      options.partition.stored(stateKey(views.world(ids)));
    }
  }
  const witnessed = new Set(properties.filter((_, p) => expander.witnessed[p] === 1).map((p) => p.id));
  const verdicts = verdictsOf(properties, found, bound, depth, witnessed, threw);
  return { depth, depthCovered: depth, states: Math.min(visited.size, Math.max(maxStates, 1)), transitions: expander.transitions, bound, verdicts };
}
