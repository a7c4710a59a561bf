import { getHeapStatistics } from 'node:v8';
import { actorOf, step, type Action, type Design, type WorldParams } from '../../model/index.ts';
import type { Property, Violation } from '../../properties/index.ts';
import type { Coverage } from '../coverage.ts';
import { messageOf } from '../model-threw.ts';
import type { Canonicalizer } from './canonical.ts';
import { ReadTrie } from './read-trie.ts';
import { EnabledColumns, oneColumn, SELF_LOOP, StepColumns, UNKNOWN } from './column-memo.ts';
import type { SharedMemo } from './shared-memo.ts';
import type { TailStep } from './trace-to.ts';
import { PART_COUNT, type SlotIds } from './slot-table.ts';
import { WorldViews } from './world-views.ts';

/** Numbers actions: the ids a search stores as the action that led to a state. */
export interface ActionIds {
  id(action: Action): number;
  action(id: number): Action;
}

/**
 * The model threw while an expander computed a successor of the world it
 * expanded last: `tail` is the steps from that world to the one it threw
 * on (none: listing that world's actions threw), as `traceTo` takes them.
 */
export class StepThrew extends Error {
  constructor(
    message: string,
    readonly tail: readonly TailStep[],
  ) {
    super(message);
  }
}

/** A memoised step: the slots it writes, each property's verdict on it, the properties whose witness it reaches (by position), and the one column it reads and writes (-1: several). */
interface StepLeaf {
  readonly writes: readonly SlotWrite[];
  readonly violations: readonly (Violation | null)[];
  readonly witnesses: readonly number[];
  readonly column: number;
}

/** A memoised list of the actions enabled for a slot, and the one column it read (-1: several). */
interface EnabledLeaf {
  readonly actions: readonly number[];
  readonly column: number;
}

/**
 * The parts a step writes in one slot (pairs of part and part id), with
 * the slot ids they lead to from each slot id seen so far: a leaf serves
 * many worlds, and this saves composing the parts again for each. The
 * last pair looked up is kept apart: worlds expanded one after another
 * mostly meet a leaf with the same slot id there, and comparing it costs
 * less than the map's lookup. Most leaves only ever meet one slot id
 * there (nine in ten at depth 4 of the default world), so the map is
 * made at the second: until then the last pair is all there is.
 */
interface SlotWrite {
  readonly slot: number;
  readonly parts: readonly number[];
  /** Every pair met, once a second slot id was met; null before. */
  from: Map<number, number> | null;
  /** The slot id last looked up (-1: none yet), and what it leads to. */
  lastBefore: number;
  lastAfter: number;
}

/** What an expander works on; one expander per thread. */
export interface ExpanderOptions {
  readonly design: Design;
  readonly params: WorldParams;
  readonly properties: readonly Property[];
  readonly coverage?: Coverage;
  readonly table: SlotIds;
  readonly actionIds: ActionIds;
  readonly canonical: Canonicalizer | null;
  /** Words per packed world: the slots, then the world column (`packedWidth`). */
  readonly width: number;
  /** Worker threads share one: a miss of this expander's memo is looked up there before it is computed, and what is computed goes there. */
  readonly shared?: SharedMemo;
}

/**
 * Expands packed worlds: the successors of a tuple of slot ids, packed into
 * `batch`, with the action and the symmetry permutation behind each. Each
 * design's `enabledAt` and each step (property verdicts included) still
 * run through the xstate machines, but once per distinct value of the slot
 * parts they read (a `ReadTrie` per slot and per action over the world
 * spelled out as part ids), not once per world; a step's leaf says which
 * parts it writes, and `SlotIds.withPart` turns that into slot ids.
 * Coverage is taken when a step is first computed: what a step reaches is
 * the same for every world that shares its memo entry.
 *
 * A self-loop is counted as a transition but yields no successor. The
 * first violation of each property is handed to `onViolation`, once.
 */
export class Expander {
  /** The successors of the last world expanded, `width` words each. */
  batch: Int32Array = new Int32Array(64);
  /** Per successor: the action id that led to it, and the permutation that canonicalized it (0 without symmetry). */
  readonly batchActions: number[] = [];
  readonly batchPerms: number[] = [];
  /** Successors in `batch`. */
  pending = 0;
  transitions = 0;
  /** Per property (by position), 1 once a step this expander expanded reached its witness. */
  readonly witnessed: Uint8Array;

  private readonly views: WorldViews;
  private enabledTries: ReadTrie<EnabledLeaf>[];
  private stepTries: ReadTrie<StepLeaf>[] = [];
  /** What the tries answered for leaves of one column, by the id there. */
  private enabledColumns: EnabledColumns;
  private stepColumns = new StepColumns();
  private expanded = 0;
  private readonly parts: Int32Array;
  private readonly reported: Uint8Array;
  /** The verdicts of a step that breaks no property: one array for every such leaf (nearly all of them). */
  private readonly clear: readonly null[];

  /** Per property, a memo of its `lookahead` (an action id, or -1 for none); null for a property without one. */
  private lookaheadTries: (ReadTrie<number> | null)[];
  /** The successor `lookBeyond` works on, as slot ids and spelled out. */
  private readonly beyondIds: Int32Array;
  private readonly beyondParts: Int32Array;
  private readonly reportedBeyond: Uint8Array;

  constructor(
    private readonly options: ExpanderOptions,
    private readonly onViolation: (property: number, action: number, violation: Violation) => void,
  ) {
    this.views = new WorldViews(options.params, options.table);
    this.enabledTries = Array.from({ length: options.width - 1 }, () => new ReadTrie<EnabledLeaf>());
    this.enabledColumns = new EnabledColumns(options.width - 1);
    this.lookaheadTries = options.properties.map((p) => (p.lookahead === undefined ? null : new ReadTrie<number>()));
    this.parts = new Int32Array(options.width * PART_COUNT);
    this.beyondIds = new Int32Array(options.width);
    this.beyondParts = new Int32Array(options.width * PART_COUNT);
    this.reported = new Uint8Array(options.properties.length);
    this.clear = Object.freeze(options.properties.map(() => null));
    this.witnessed = new Uint8Array(options.properties.length);
    this.reportedBeyond = new Uint8Array(options.properties.length);
    this.batch = new Int32Array(64 * options.width);
  }

  /**
   * Looks one step past each successor in `batch`: each property with a
   * `lookahead`, not yet reported broken by this expander, proposes an
   * action from it (memoised on the parts the lookahead reads); one that
   * is enabled there and whose step the property judges a violation goes
   * to `onBeyond` with the two steps from the world expanded last, once
   * per property. Counts no transition.
   */
  lookBeyond(onBeyond: (property: number, tail: readonly TailStep[], violation: Violation) => void): void {
    if (!this.lookaheadTries.some((trie, p) => trie !== null && this.reported[p] === 0 && this.reportedBeyond[p] === 0)) return;
    for (let successor = 0; successor < this.pending; successor++) this.lookBeyondOne(successor, onBeyond);
  }

  /** `lookBeyond` for the successor `successor` of `batch`. */
  private lookBeyondOne(successor: number, onBeyond: (property: number, tail: readonly TailStep[], violation: Violation) => void): void {
    const { table, width, design, properties } = this.options;
    const ids = this.beyondIds;
    const parts = this.beyondParts;
    for (let k = 0; k < width; k++) ids[k] = this.batch[successor * width + k]!;
    let spelled = false;
    for (let p = 0; p < properties.length; p++) {
      const trie = this.lookaheadTries[p]!;
      if (trie === null || this.reported[p] !== 0 || this.reportedBeyond[p] !== 0) continue;
      if (!spelled) table.spell(ids, parts);
      spelled = true;
      let action = trie.lookup(parts);
      if (action === undefined) {
        const reads: number[] = [];
        const proposed = properties[p]!.lookahead!(design, this.views.tracked(ids, reads));
        action = proposed === null ? -1 : this.actionId(proposed);
        trie.insert(parts, reads, action);
      }
      if (action < 0) continue;
      const index = actorOf(design.kinds, this.options.actionIds.action(action));
      const first: TailStep = { action: this.batchActions[successor]!, perm: this.batchPerms[successor]! };
      const enabled = this.enabledTries[index]!.lookup(parts) ?? this.enabledMissOr(ids, parts, index, [first]);
      if (!enabled.actions.includes(action)) continue;
      const violation = (this.stepTries[action]!.lookup(parts) ?? this.stepMissOr(ids, parts, action, [first, { action, perm: 0 }])).violations[p]!;
      if (violation === null) continue;
      this.reportedBeyond[p] = 1;
      onBeyond(p, [first, { action, perm: 0 }], violation);
    }
  }

  /** Fills `batch` with the successors of the world `ids`. */
  expand(ids: Int32Array): void {
    if ((++this.expanded & (HEAP_CHECK_EVERY - 1)) === 0 && heapNearlyFull()) this.forget();
    const { table, canonical, width } = this.options;
    const parts = this.parts;
    table.spell(ids, parts);
    this.pending = 0;
    const slots = width - 1;
    const stepColumns = this.stepColumns;
    for (let index = 0; index < slots; index++) {
      let enabled = this.enabledColumns.at(index, ids[index]!);
      if (enabled === undefined) {
        const leaf = this.enabledTries[index]!.lookup(parts) ?? this.enabledMissOr(ids, parts, index, []);
        if (leaf.column === index) this.enabledColumns.keep(index, ids[index]!, leaf.actions);
        enabled = leaf.actions;
      }
      for (let a = 0; a < enabled.length; a++) {
        const action = enabled[a]!;
        this.transitions++;
        const column = stepColumns.columnOf(action);
        if (column >= 0) {
          // A step of one column seen before: its verdicts and witnesses were taken then.
          const next = stepColumns.next(action, ids[column]!);
          if (next === SELF_LOOP) continue;
          if (next !== UNKNOWN) {
            const base = this.reserve();
            for (let k = 0; k < width; k++) this.batch[base + k] = ids[k]!;
            this.batch[base + column] = next - 2;
            this.batchPerms[this.pending] = canonical?.canonicalize(this.batch, base) ?? 0;
            this.batchActions[this.pending++] = action;
            continue;
          }
        }
        const leaf = this.stepTries[action]!.lookup(parts) ?? this.stepMissOr(ids, parts, action, [{ action, perm: 0 }]);
        const witnesses = leaf.witnesses;
        for (let w = 0; w < witnesses.length; w++) this.witnessed[witnesses[w]!] = 1;
        const violations = leaf.violations;
        for (let p = 0; p < violations.length; p++) {
          const violation = violations[p]!;
          if (violation !== null && this.reported[p] === 0) {
            this.reported[p] = 1;
            this.onViolation(p, action, violation);
          }
        }
        const writes = leaf.writes;
        if (writes.length === 0) {
          // A self-loop: the state is already stored.
          if (leaf.column >= 0) stepColumns.keep(action, leaf.column, ids[leaf.column]!, null);
          continue;
        }
        const base = this.reserve();
        const batch = this.batch;
        for (let k = 0; k < width; k++) batch[base + k] = ids[k]!;
        for (let w = 0; w < writes.length; w++) {
          const write = writes[w]!;
          if (write.slot === slots) {
            // The world column holds its part id itself.
            batch[base + slots] = write.parts[1]!;
            continue;
          }
          const before = batch[base + write.slot]!;
          if (write.lastBefore !== before) {
            let after = write.from?.get(before);
            if (after === undefined) {
              after = before;
              for (let k = 0; k < write.parts.length; k += 2) after = table.withPart(write.slot, after, write.parts[k]!, write.parts[k + 1]!);
              if (write.lastBefore >= 0) (write.from ??= new Map([[write.lastBefore, write.lastAfter]])).set(before, after);
            }
            write.lastBefore = before;
            write.lastAfter = after;
          }
          batch[base + write.slot] = write.lastAfter;
        }
        if (leaf.column >= 0) stepColumns.keep(action, leaf.column, ids[leaf.column]!, batch[base + leaf.column]!);
        this.batchPerms[this.pending] = canonical?.canonicalize(batch, base) ?? 0;
        this.batchActions[this.pending++] = action;
      }
    }
  }

  /**
   * Drops the memo, which is only a cache: a deep search can fill the heap
   * with memo entries for part combinations it will not meet again, and
   * the entries it needs are rebuilt on their next miss.
   */
  forget(): void {
    this.enabledTries = this.enabledTries.map(() => new ReadTrie<EnabledLeaf>());
    this.enabledColumns = new EnabledColumns(this.enabledTries.length);
    this.stepColumns = new StepColumns();
    this.stepTries = this.stepTries.map(() => new ReadTrie<StepLeaf>());
    this.lookaheadTries = this.lookaheadTries.map((trie) => trie && new ReadTrie<number>());
  }

  /** `leaf` with the shared `clear` for verdicts that hold no violation and `NO_WITNESSES` for no witness: nearly every leaf has both. */
  private compact(leaf: StepLeaf): StepLeaf {
    const clear = leaf.violations.every((v) => v === null);
    const none = leaf.witnesses.length === 0;
    return { ...leaf, violations: clear ? this.clear : leaf.violations, witnesses: none ? NO_WITNESSES : leaf.witnesses };
  }

  /** The offset in `batch` of one more successor, growing it if full. */
  private reserve(): number {
    const width = this.options.width;
    if ((this.pending + 1) * width > this.batch.length) this.batch = grownBatch(this.batch);
    return this.pending * width;
  }

  /** The id of `action`, with a step memo for it. */
  private actionId(action: Action): number {
    const id = this.options.actionIds.id(action);
    this.stepTries[id] ??= new ReadTrie<StepLeaf>();
    return id;
  }

  /** `enabledMiss`, or `StepThrew` with `tail` (the steps to the world `ids`) when the model throws. */
  private enabledMissOr(ids: Int32Array, parts: Int32Array, index: number, tail: readonly TailStep[]): EnabledLeaf {
    try {
      return this.enabledMiss(ids, parts, index);
    } catch (e) {
      throw new StepThrew(`listing the enabled actions: ${messageOf(e)}`, tail);
    }
  }

  /** `stepMiss`, or `StepThrew` with `tail` (its last step the one that threw) when the model throws. */
  private stepMissOr(ids: Int32Array, parts: Int32Array, action: number, tail: readonly TailStep[]): StepLeaf {
    try {
      return this.stepMiss(ids, parts, action);
    } catch (e) {
      throw new StepThrew(messageOf(e), tail);
    }
  }

  /** Fills a miss of `enabledTries[index]` for the world `ids`, spelled as `parts`. */
  private enabledMiss(ids: Int32Array, parts: Int32Array, index: number): EnabledLeaf {
    const { shared } = this.options;
    const hit = shared?.lookup(index, parts);
    if (hit) {
      const actions = Array.from(new Int32Array(hit.leaf.slice().buffer));
      for (const id of actions) this.stepTries[id] ??= new ReadTrie<StepLeaf>();
      const leaf = { actions, column: oneColumn(hit.reads, []) };
      this.enabledTries[index]!.insert(parts, hit.reads, leaf);
      return leaf;
    }
    const reads: number[] = [];
    const actions = this.options.design.enabledAt(this.views.tracked(ids, reads), index).map((a) => this.actionId(a));
    const leaf = { actions, column: oneColumn(reads, []) };
    this.enabledTries[index]!.insert(parts, reads, leaf);
    shared?.insert(index, parts, reads, new Uint8Array(Int32Array.from(actions).buffer));
    return leaf;
  }

  /** Fills a miss of `stepTries[action]` for the world `ids`, spelled as `parts`. */
  private stepMiss(ids: Int32Array, parts: Int32Array, action: number): StepLeaf {
    const { design, properties, coverage, actionIds, shared, width } = this.options;
    const tree = width + action;
    const hit = shared?.lookup(tree, parts);
    if (hit) {
      const leaf = this.compact(decodeLeaf(hit.leaf, hit.reads));
      this.stepTries[action]!.insert(parts, hit.reads, leaf);
      return leaf;
    }
    const reads: number[] = [];
    const before = this.views.tracked(ids, reads);
    const taken = actionIds.action(action);
    const result = step(design, before, taken);
    const view = { design, before, action: taken, after: result.world, outcome: result.outcome };
    const violations = properties.map((p) => p.check(view));
    const witnesses = properties.flatMap((p, i) => (p.witness(view) ? [i] : []));
    const pairs: number[] = [];
    this.views.writesOf(result.world, ids, reads, pairs);
    const bySlot: { slot: number; parts: number[] }[] = [];
    for (let w = 0; w < pairs.length; w += 2) {
      const slot = Math.floor(pairs[w]! / PART_COUNT);
      let write = bySlot.find((x) => x.slot === slot);
      if (write === undefined) bySlot.push((write = { slot, parts: [] }));
      write.parts.push(pairs[w]! % PART_COUNT, pairs[w + 1]!);
    }
    // Copied to arrays of their own length: grown by push, each would hold room for seventeen.
    const writes = bySlot.map((w) => slotWrite(w.slot, w.parts.slice()));
    const leaf = this.compact({ writes, violations, witnesses, column: oneColumn(reads, writes.map((w) => w.slot)) });
    this.stepTries[action]!.insert(parts, reads, leaf);
    shared?.insert(tree, parts, reads, encodeLeaf(leaf));
    // Coverage marks what was reached: the same for every world this leaf serves, so once is enough.
    coverage?.step(before, taken, result.outcome, result.world);
    return leaf;
  }
}

/** A step leaf as bytes for `SharedMemo`: its writes (slot, then part and part id pairs), verdicts and witnesses, as JSON. */
function encodeLeaf(leaf: StepLeaf): Uint8Array {
  return encoder.encode(JSON.stringify({ writes: leaf.writes.map((w) => [w.slot, w.parts]), violations: leaf.violations, witnesses: leaf.witnesses }));
}

/** The leaf `encodeLeaf` wrote, computed by a step that read `reads`, with empty caches of its own. */
function decodeLeaf(bytes: Uint8Array, reads: readonly number[]): StepLeaf {
  const { writes, violations, witnesses } = JSON.parse(decoder.decode(bytes)) as { writes: [number, number[]][]; violations: (Violation | null)[]; witnesses: number[] };
  return {
    writes: writes.map(([slot, parts]) => slotWrite(slot, parts)),
    violations,
    witnesses,
    column: oneColumn(reads, writes.map(([slot]) => slot)),
  };
}

/** A write of `parts` in `slot`, with empty caches. */
function slotWrite(slot: number, parts: readonly number[]): SlotWrite {
  return { slot, parts, from: null, lastBefore: -1, lastAfter: -1 };
}

/** The witnesses of a step that reaches none: one array for every such leaf. */
const NO_WITNESSES: readonly number[] = Object.freeze([]);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Expansions between two looks at the heap (a power of two). */
const HEAP_CHECK_EVERY = 1 << 16;

/** Whether this thread's heap is more than 60% of its limit. */
function heapNearlyFull(): boolean {
  const heap = getHeapStatistics();
  return heap.used_heap_size > 0.6 * heap.heap_size_limit;
}

function grownBatch(batch: Int32Array): Int32Array {
  const next = new Int32Array(batch.length * 2);
  next.set(batch);
  return next;
}
