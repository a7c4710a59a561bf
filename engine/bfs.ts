import { canonicalJson, initialWorld, type Action, type Design, type World, type WorldParams } from '../model/index.ts';
import { applies, inapplicableWhy, withCause, witnessUnreached, type Property, type PropertyId, type Violation } from '../properties/index.ts';
import { enabledOrThrew, ModelThrew, stepOrThrew } from './model-threw.ts';
import { runTrace } from './trace-run.ts';
import type { Coverage } from './coverage.ts';
import type { Budget } from './budget.ts';
import { stateKey } from './state-key.ts';

/** One shard's part of a level: see `ExploreOptions.partition`. */
export interface Partition {
  readonly depth: number;
  mine(world: World): boolean;
  stored(key: string): void;
}

/** What a breadth-first exploration covers and how far it may go. */
export interface ExploreOptions {
  readonly design: Design;
  readonly params: WorldParams;
  readonly properties: readonly Property[];
  /**
   * The longest traces judged (actions from the initial world). States at
   * this depth are judged on the transitions into them but not stored, so
   * the figures count states up to one level less. From each of them, the
   * properties with a `lookahead` still look one step further: what they
   * find there (a trace of `maxDepth + 1` steps) is reported only for a
   * property with no violation within the bound, and is then a shortest
   * counterexample too.
   */
  readonly maxDepth: number;
  /** Distinct states at which the search stops. */
  readonly maxStates: number;
  /**
   * A limit the caller keeps (`explore --time-budget`, `--max-memory`):
   * once `spent()` is true the search stops before its next state (with
   * worker threads, before its next level), `bound` naming why; the depth
   * reported is the last one wholly covered.
   */
  readonly budget?: Budget;
  /**
   * `explore --shard`: the states of depth `depth` that `mine` refuses are
   * stored but not expanded, so the search goes on below this shard's part
   * of that level only; once the search ends, `stored` hears the state key
   * of every state stored, so that shards' states can be counted together.
   */
  readonly partition?: Partition;
  /** Called after each depth is fully expanded. */
  readonly onDepth?: (progress: ExploreProgress) => void;
  /**
   * Called now and then while a level is expanded (every
   * `LEVEL_PROGRESS_EVERY` states the searching thread expands itself),
   * for progress on long levels: `expanded` of the level's `of` states
   * (by all threads), which lead to depth `depth`.
   */
  readonly onLevel?: (progress: LevelProgress) => void;
  /** Records every transition taken, if given. */
  readonly coverage?: Coverage;
  /**
   * Store one world per orbit of client permutations (`explorePacked` only,
   * and only where `symmetric(design, params)`; `exploreBfs` never reduces).
   */
  readonly symmetry?: boolean;
}

/** How far the expansion of one level got. */
export interface LevelProgress {
  readonly depth: number;
  readonly expanded: number;
  readonly of: number;
}

/** States the searching thread expands between two `onLevel` calls (a power of two, and a multiple of 32). */
export const LEVEL_PROGRESS_EVERY = 1 << 12;

/** Figures of a search so far. */
export interface ExploreProgress {
  readonly depth: number;
  readonly states: number;
  readonly transitions: number;
}

/**
 * The verdict for one property. `held`: no violation anywhere in the whole
 * (finite) state space, and some step reached the situation it judges
 * (its witness). `inconclusive`: none found before a bound stopped the
 * search, or none in the whole state space but its witness unreached
 * (`witnessUnreached`); `bound` names which, and `depth` is the last depth
 * fully covered.
 * `violated`: `trace` is a shortest counterexample (BFS order).
 */
export type ExploreVerdict =
  | { readonly property: PropertyId; readonly status: 'held' }
  /** The design emits nothing the property judges: not judged. */
  | { readonly property: PropertyId; readonly status: 'n/a'; readonly why: string }
  | { readonly property: PropertyId; readonly status: 'inconclusive'; readonly bound: string; readonly depth: number }
  | { readonly property: PropertyId; readonly status: 'violated'; readonly trace: readonly Action[]; readonly violation: Violation }
  /** The model threw before the search found a violation of it: `trace` makes it throw (a bug of the design or of the checker). */
  | { readonly property: PropertyId; readonly status: 'error'; readonly message: string; readonly trace: readonly Action[] };

/** The bound of a search stopped because the model threw: what was not found by then is an `error` verdict, never a violation. */
export const MODEL_THREW = 'the model threw';



/** A violation an explorer found, with the real trace to it. */
export interface Found {
  readonly trace: readonly Action[];
  readonly violation: Violation;
}

/** Whether every property (at least one) has its counterexample: nothing is left to find. */
export function everyViolated(properties: readonly Property[], found: ReadonlyMap<PropertyId, Found>): boolean {
  return properties.length > 0 && found.size === properties.length;
}

/**
 * The violations found under client symmetry, told about the real trace:
 * a search judges each step in the frame of the world it stored (slots
 * renamed), so a message may name `#2` over a trace about `#1`. Each is
 * replayed from the real initial world and its violation taken from
 * there; one that does not reproduce is a bug of the fast path, and
 * throws.
 */
export function inRealFrame(design: Design, params: WorldParams, properties: readonly Property[], found: Map<PropertyId, Found>): void {
  for (const property of properties) {
    const hit = found.get(property.id);
    if (hit === undefined) continue;
    const end = runTrace(design, params, [withCause(property, hit.violation.cause ?? null)], hit.trace);
    if (end.kind !== 'violated' || end.steps.length !== hit.trace.length) {
      throw new Error(`internal: the shortest counterexample of ${property.id} does not reproduce from the real initial world`);
    }
    found.set(property.id, { trace: hit.trace, violation: end.violation });
  }
}

/**
 * Each property's verdict at the end of a search stopped by `bound` (null:
 * the state space was exhausted) after `depth` levels; `witnessed` holds
 * the properties whose witness some judged step reached.
 */
export function verdictsOf(
  properties: readonly Property[],
  found: ReadonlyMap<PropertyId, Found>,
  bound: string | null,
  depth: number,
  witnessed: ReadonlySet<PropertyId>,
  threw: ModelThrew | null = null,
): ExploreVerdict[] {
  return properties.map((p): ExploreVerdict => {
    const hit = found.get(p.id);
    if (hit !== undefined) return { property: p.id, status: 'violated', trace: hit.trace, violation: hit.violation };
    if (threw !== null) return { property: p.id, status: 'error', message: threw.message, trace: threw.trace };
    if (bound !== null) return { property: p.id, status: 'inconclusive', bound, depth };
    return witnessed.has(p.id) ? { property: p.id, status: 'held' } : { property: p.id, status: 'inconclusive', bound: witnessUnreached(p), depth };
  });
}

/**
 * Adds to `found` the violations found one step past the depth bound (by
 * properties' `lookahead`) of the properties it has none of: one within
 * the bound is shorter, whichever was found first. Only for a search
 * that judged its whole last level.
 */
export function addBeyond(found: Map<PropertyId, Found>, beyond: ReadonlyMap<PropertyId, Found>): void {
  for (const [id, hit] of beyond) if (!found.has(id)) found.set(id, hit);
}

/**
 * Runs `search` (any explorer) with only the properties that apply to the
 * design, then gives every property its verdict in the original order:
 * `n/a` for those the design emits nothing for. A property the design
 * cannot break is not judged, so it cannot be reported `held`.
 */
export function exploreApplicable<R extends ExploreResult | Promise<ExploreResult>>(options: ExploreOptions, search: (options: ExploreOptions) => R): R {
  const judged = options.properties.filter((p) => applies(p, options.design));
  const complete = (result: ExploreResult): ExploreResult => ({
    ...result,
    verdicts: options.properties.map(
      (p) => result.verdicts.find((v) => v.property === p.id) ?? { property: p.id, status: 'n/a', why: inapplicableWhy(p, options.design) },
    ),
  });
  const result = search({ ...options, properties: judged });
  return (result instanceof Promise ? result.then(complete) : complete(result)) as R;
}

/** The bound of a search stopped because nothing is left to find: every property has its shortest counterexample. */
export const ALL_VIOLATED = 'every property violated';

export interface ExploreResult extends ExploreProgress {
  /** The last depth every state of which was expanded. */
  readonly depthCovered: number;
  /** What stopped the search (a bound, or `ALL_VIOLATED`), or null when the state space was exhausted. */
  readonly bound: string | null;
  readonly verdicts: readonly ExploreVerdict[];
  /** A parallel search's transitions by thread: its workers', then the searching thread's own (a worker that never joined judged 0). */
  readonly transitionsByThread?: readonly number[];
}

/**
 * Breadth-first search over `enabled`/`step` from the initial world, with a
 * visited set of state keys. Each transition is judged by every property
 * not yet violated; the first violation found of each is a shortest
 * counterexample. Deterministic: successors are taken in `enabled` order.
 * The visited set is a JS Map, so it stops short of V8's 2^24-entry limit.
 * The search ends when every property is violated (nothing is left to
 * find), after the state being expanded. At the last level, each new world
 * is also handed to the properties' `lookahead` (see `maxDepth`).
 *
 * The reference explorer: plain worlds and keys, no memo. `explore` runs
 * `explorePacked`, which must give exactly this result
 * (test/engine/packed/packed-bfs.test.ts).
 */
export function exploreBfs(options: ExploreOptions): ExploreResult {
  const { design, params, properties, coverage } = options;
  const maxStates = Math.min(options.maxStates, 16_000_000);
  const root = initialWorld(params);
  coverage?.start(root);
  const index = new Map<string, number>([[stateKey(root), 0]]);
  const parent: number[] = [-1];
  const via: (Action | null)[] = [null];
  const found = new Map<PropertyId, Found>();
  const further = new Map<PropertyId, Found>();
  const witnessed = new Set<PropertyId>();
  let frontier: { id: number; world: World }[] = [{ id: 0, world: root }];
  let transitions = 0;
  let depth = 0;
  let bound: string | null = null;

  /** The actions from the initial world to state `id`, then `last` (if given). */
  const traceTo = (id: number, last: Action | null): Action[] => {
    const trace = last === null ? [] : [last];
    for (let at = id; parent[at]! >= 0; at = parent[at]!) trace.unshift(via[at]!);
    return trace;
  };

  /** One step past the bound: the action each property's `lookahead` proposes from `world`, if enabled and its step breaks the property. */
  const lookBeyond = (world: World, traceToWorld: () => Action[]) => {
    for (const property of properties) {
      if (property.lookahead === undefined || found.has(property.id) || further.has(property.id)) continue;
      const proposed = property.lookahead(design, world);
      if (proposed === null || !design.enabled(world).some((a) => canonicalJson(a) === canonicalJson(proposed))) continue;
      const { world: after, outcome } = stepOrThrew(design, world, proposed, () => [...traceToWorld(), proposed]);
      const violation = property.check({ design, before: world, action: proposed, after, outcome });
      coverage?.step(world, proposed, outcome, after);
      if (violation !== null) further.set(property.id, { trace: [...traceToWorld(), proposed], violation });
    }
  };

  let threw: ModelThrew | null = null;
  try {
    while (frontier.length > 0 && bound === null) {
      if (depth >= options.maxDepth) {
        bound = `max-depth ${options.maxDepth}`;
        break;
      }
      /** The last level allowed: its successors are judged, not stored; whether any is new decides between held and the bound. */
      const last = depth + 1 === options.maxDepth;
      let beyond = false;
      const next: { id: number; world: World }[] = [];
      for (const { id, world } of frontier) {
        if (options.budget?.spent() === true) {
          bound = options.budget.bound;
          break;
        }
        if (options.partition?.depth === depth && !options.partition.mine(world)) continue;
        const here = last ? stateKey(world) : null;
        for (const action of enabledOrThrew(design, world, () => traceTo(id, null))) {
          transitions++;
          const { world: after, outcome } = stepOrThrew(design, world, action, () => traceTo(id, action));
          coverage?.step(world, action, outcome, after);
          for (const property of properties) {
            if (found.has(property.id)) continue;
            const view = { design, before: world, action, after, outcome };
            if (!witnessed.has(property.id) && property.witness(view)) witnessed.add(property.id);
            const violation = property.check(view);
            if (violation !== null) found.set(property.id, { trace: traceTo(id, action), violation });
          }
          const key = stateKey(after);
          if (last && key !== here) lookBeyond(after, () => traceTo(id, action));
          if (index.has(key) || bound !== null) continue;
          if (last) {
            beyond = true;
            continue;
          }
          if (index.size >= maxStates) {
            // The bound: store nothing more, but finish this state's transitions, so every state is expanded wholly or not at all.
            bound = `max-states ${options.maxStates}`;
            continue;
          }
          index.set(key, parent.length);
          parent.push(id);
          via.push(action);
          next.push({ id: parent.length - 1, world: after });
        }
        if (bound === null && everyViolated(properties, found)) bound = ALL_VIOLATED;
        if (bound !== null) break;
      }
      if (bound !== null) break;
      depth++;
      frontier = next;
      options.onDepth?.({ depth, states: index.size, transitions });
      if (beyond) bound = `max-depth ${options.maxDepth}`;
    }
  } catch (e) {
    if (!(e instanceof ModelThrew)) throw e;
    threw = e;
    bound = MODEL_THREW;
  }
  // Past the bound only once the last level is wholly judged: every shorter trace then was.
  if (depth === options.maxDepth) addBeyond(found, further);
  if (options.partition !== undefined) for (const key of index.keys()) options.partition.stored(key);
  const verdicts = verdictsOf(properties, found, bound, depth, witnessed, threw);
  return { depth, depthCovered: depth, states: index.size, transitions, bound, verdicts };
}
