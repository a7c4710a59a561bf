import fc from 'fast-check';
import { actorOf, statusAt, type Action, type Design, type World, type WorldParams } from '../model/index.ts';
import { applies, guideFor, inapplicableWhy, witnessUnreached, type Property, type PropertyId, type Violation } from '../properties/index.ts';
import type { Coverage } from './coverage.ts';
import type { Budget } from './budget.ts';
import { directedSearch } from './directed.ts';
import { minimizeTrace } from './minimize.ts';
import { messageOf, ModelThrew } from './model-threw.ts';
import { runTrace, runWith, type Chooser, type StepRecord } from './trace-run.ts';
import { hitOf, SharedWalks, type Walk, type WalkHit } from './shared-walks.ts';

/** What a random check explores: the model, its size, and fast-check's budget. */
export interface RandomOptions {
  readonly design: Design;
  readonly params: WorldParams;
  readonly properties: readonly Property[];
  /** fast-check seed: the same seed gives the same runs and the same counterexamples. */
  readonly seed: number;
  /** Random traces tried per property. */
  readonly runs: number;
  /** Longest trace tried. */
  readonly maxSteps: number;
  /** States a directed search may store per property and kind of violation (0: no directed search). */
  readonly directedStates: number;
  /** Called after each property is judged, for progress output. */
  readonly onResult?: (result: PropertyResult) => void;
  /** Called as each counterexample is found and shrunk (a property may have one per kind of violation), for timings. */
  readonly onCounterexample?: (property: PropertyId, counterexample: Counterexample) => void;
  /** Called after each random run (cheap: a caller throttles its output), for a progress line. */
  readonly onRun?: (progress: RunProgress) => void;
  /** Records every step of every random run and every directed-search expansion, if given. */
  readonly coverage?: Coverage;
  /**
   * Actions every random run takes first (`check --from`: a scenario's
   * trace), then `maxSteps` random ones; counterexamples keep them, and
   * shrinking may drop those a violation does not need. The directed
   * search still starts from the initial world.
   */
  readonly prefix?: readonly Action[];
  /**
   * A limit the caller keeps (`check --time-budget`): once `spent()`
   * is true no new run or directed state is begun, and a property not
   * searched to the end is `inconclusive`, its bound saying how far it got.
   */
  readonly budget?: Budget;
}

/** Where a check is: the property being searched (the `index`-th of `of`), and the runs its current search has done. */
export interface RunProgress {
  readonly property: PropertyId;
  readonly index: number;
  readonly of: number;
  readonly runsDone: number;
  readonly runs: number;
}

/** A violating trace, shrunk, with what reproduces the search that found it. */
export interface Counterexample {
  readonly trace: readonly Action[];
  readonly steps: readonly StepRecord[];
  readonly violation: Violation;
  /** The search that found it: a random run, or the directed search that follows when random runs find nothing new. */
  readonly engine: 'random' | 'directed';
  /** fast-check's replay path of the failing run (with the seed, it replays the unshrunk run); empty for `directed`. */
  readonly path: string;
  /** Length of the trace fast-check first reported, before our shrinking. */
  readonly foundLength: number;
  /** Which random run found it (1-based), or for `directed` every random run of its search and then some. */
  readonly foundAtRun: number;
}

/**
 * The verdict for one property. `held`: no violation in `runs` random
 * traces (nor in the directed search), which reached the situation the
 * property judges: evidence, not a proof. `inconclusive`: no violation,
 * but no run reached that situation (`bound` says so). `n/a`: the design
 * emits nothing the property judges; it was not searched.
 */
export type PropertyResult =
  | {
      readonly property: PropertyId;
      readonly status: 'held';
      readonly runs: number;
      /** The directed search's state budget when one ran too, else 0. */
      readonly directedStates: number;
    }
  | {
      readonly property: PropertyId;
      readonly status: 'inconclusive';
      readonly runs: number;
      readonly directedStates: number;
      /** What kept it from `held`: `witness unreached: <the situation>`. */
      readonly bound: string;
    }
  | { readonly property: PropertyId; readonly status: 'n/a'; readonly why: string }
  /** The model threw on the last action of `trace`: a bug of the design (or of the checker), never a violation. */
  | { readonly property: PropertyId; readonly status: 'error'; readonly message: string; readonly trace: readonly Action[] }
  | {
      readonly property: PropertyId;
      readonly status: 'violated';
      /** The first one found. */
      readonly counterexample: Counterexample;
      /** One per kind (`cause`) of violation found, the first included. */
      readonly counterexamples: readonly Counterexample[];
    };

/** A choice per step: which action kind among those enabled, then which action of that kind. */
type Choice = readonly [kind: number, which: number];

/**
 * One random run: four swarm masks, then a choice per step. For the whole
 * run, bit i of `kinds` leaves out the design's i-th action kind; bit p of `actors`
 * leaves out the actions of slot p; bit p of `busy` keeps slot p from
 * yielding (no `deliver` while it runs: an app that never waits); bit t of
 * `targets` leaves out the actions whose `to` field names slot t (in
 * `tock-2.2`, sharing with and notifying it). An action is left
 * out only while something else is enabled. Swarm testing: runs that never
 * restart, or where one client stays quiet, reach deep states that uniform
 * runs rarely do. Masks shrink to 0.
 */
type Run = readonly [kinds: number, actors: number, busy: number, targets: number, choices: readonly Choice[]];

const has = (mask: number, bit: number) => (mask & (1 << bit)) !== 0;

/** Whether the run's masks leave an action out in a world; the masked kinds are found once per run, not once per enabled action. */
function leftOutBy(design: Design, [kinds, actors, busy, targets]: Run): (action: Action, world: World) => boolean {
  const masked = new Set(Object.keys(design.kinds).filter((_, i) => has(kinds, i)));
  return (action, world) => {
    if (masked.has(action.type) || has(actors, actorOf(design.kinds, action))) return true;
    if (action.type === 'deliver' && has(busy, action.process as number) && statusAt(world, action.process as number) === 'running') return true;
    return typeof action.to === 'number' && has(targets, action.to);
  };
}

/**
 * Turns a run into actions. Picking the kind first keeps rare kinds
 * (deliver, restart) as likely as the many parameterised syscalls. The
 * pool is the enabled actions the masks keep (all of them when they keep
 * none); the kind is drawn among the pool's kinds in order of first
 * appearance, then the action among the pool's actions of that kind. It
 * runs at every step of every walk, so it counts in place of filtering.
 */
function chooserOf(design: Design, run: Run, prefix: readonly Action[]): Chooser {
  const choices = run[4];
  const leftOut = leftOutBy(design, run);
  let kept = new Uint8Array(256);
  const kinds: string[] = [];
  return (enabled, index, world) => {
    if (index < prefix.length) return prefix[index]!;
    const choice = choices[index - prefix.length];
    if (choice === undefined) return null;
    if (kept.length < enabled.length) kept = new Uint8Array(enabled.length * 2);
    let keptCount = 0;
    for (let i = 0; i < enabled.length; i++) {
      kept[i] = leftOut(enabled[i]!, world) ? 0 : 1;
      keptCount += kept[i]!;
    }
    const inPool = (i: number) => keptCount === 0 || kept[i] === 1;
    kinds.length = 0;
    for (let i = 0; i < enabled.length; i++) if (inPool(i) && !kinds.includes(enabled[i]!.type)) kinds.push(enabled[i]!.type);
    const kind = pickKind(design, kinds, choice[0]);
    let ofKind = 0;
    for (let i = 0; i < enabled.length; i++) if (inPool(i) && enabled[i]!.type === kind) ofKind++;
    if (ofKind === 0) return null;
    let which = choice[1] % ofKind;
    for (let i = 0; i < enabled.length; i++) {
      if (inPool(i) && enabled[i]!.type === kind && which-- === 0) return enabled[i]!;
    }
    return null;
  };
}

/**
 * The kind a random step takes among the enabled `kinds`, from the number
 * `n` it drew: uniform, but a rare kind (`ActionKind.rare`) is among the
 * candidates in one step of RARE_ODDS; with none enabled the choice is as
 * it always was.
 */
export function pickKind(design: Design, kinds: readonly string[], n: number): string | undefined {
  const common = kinds.filter((k) => design.kinds[k]?.rare !== true);
  const candidates = common.length === kinds.length || common.length === 0 || n % RARE_ODDS === 0 ? kinds : common;
  return candidates.length === kinds.length ? kinds[n % kinds.length] : candidates[Math.floor(n / RARE_ODDS) % candidates.length];
}

/** A rare action kind (`ActionKind.rare`) competes with the others in one step of this many (measured: 32 finds isolation on cortex-m in 8 of 10 seeds at 300 runs where 8 found it in 4). */
const RARE_ODDS = 32;

/** Runs fast-check draws at a time for the shared walks (`check` accepts millions). */
const RUN_CHUNK = 256;

/** At most this many kinds of violation are searched for per property. */
const MAX_CAUSES = 6;

/**
 * Random exploration with fast-check, property by property: traces of
 * enabled actions until the first violation, which `minimizeTrace` then
 * shrinks. The traces are the runs fast-check draws for the seed, each
 * walked once and judged by every property at once (`SharedWalks`): each
 * property's search finds what it would find on runs of its own. When the random runs find nothing, a property with a `guide`
 * gets a directed search (deep violations random runs miss). A property
 * whose violations carry a `cause` is searched again, ignoring the causes
 * already found, until a search finds no new one or every declared cause
 * is found, so each kind of violation gets its own counterexample.
 * Deterministic for a seed.
 */
export function checkRandom(options: RandomOptions): PropertyResult[] {
  const { design, seed, runs } = options;
  const tools = toolsOf(options);
  const spent = () => options.budget?.spent() === true;
  /** Runs the current search began (not skipped for the budget); whether the budget cut the current property short. */
  let ran = 0;
  let cut = false;
  /** The position of the property being judged, for progress. */
  let judging = 0;

  const applicable = options.properties.filter((p) => applies(p, design));
  const walks = new SharedWalks((index) => tools.walk(applicable, runAt(index)));
  /** Run `index` (1-based) as fast-check draws it for the seed, drawn a chunk at a time: `check` accepts millions of runs. */
  let chunk: { from: number; runs: readonly Run[] } = { from: 1, runs: [] };
  const runAt = (index: number): Run => {
    if (index >= chunk.from + chunk.runs.length) chunk = { from: index, runs: fc.sample(tools.runArb, { seed, path: String(index - 1), numRuns: Math.min(RUN_CHUNK, runs - index + 1) }) };
    return chunk.runs[index - chunk.from]!;
  };

  const searches: Searches = {
    random: (property, known) => {
      const p = applicable.findIndex((q) => q.id === property.id);
      ran = 0;
      for (let index = 1; index <= runs; index++) {
        // Past the budget no walk is begun; walks another property's search played are free.
        if (index > walks.played && spent()) {
          cut = true;
          return null;
        }
        ran = index;
        options.onRun?.({ property: property.id, index: judging, of: options.properties.length, runsDone: ran, runs });
        const hit = walks.hitAt(index, p, known);
        if (hit !== null) return hit;
      }
      return null;
    },
    directed: (property) => {
      if (spent()) {
        cut = true;
        return null;
      }
      const hit = tools.directed(property, spent);
      if (hit === null && spent()) cut = true;
      return hit;
    },
  };

  return options.properties.map((property, index) => {
    judging = index + 1;
    cut = false;
    ran = 0;
    let result: PropertyResult;
    if (!applies(property, design)) result = { property: property.id, status: 'n/a', why: inapplicableWhy(property, design) };
    else {
      const judged = judgeProperty(options, tools, property, searches);
      const directedStates = guideFor(property, design) === null ? 0 : options.directedStates;
      result =
        cut && judged.threw === null && judged.found.length === 0
          ? { property: property.id, status: 'inconclusive', runs: ran, directedStates: 0, bound: `${options.budget!.bound}: ${ran} of ${runs} random runs${ran === runs && directedStates > 0 ? ', the directed search cut short' : ''}` }
          : verdictOf(options, property, judged, judged.witnessed || walks.witnessed(applicable.indexOf(property)));
    }
    options.onResult?.(result);
    return result;
  });
}

/**
 * One shard's part of a check (`check --shard I/N`): the random runs of its
 * slice of each property's runs, judged whole (a run goes on past a
 * violation, so that every kind of violation it shows is seen, in the order
 * it first shows). Kept are the runs that show a kind of violation no
 * earlier run of the slice showed, and the first that makes the model
 * throw: whatever causes a merged search ignores, the first run that breaks
 * it is among them. `mergeShards` makes one check's results of the parts.
 */
export function checkShard(options: RandomOptions, shard: Shard): ShardPart[] {
  const { design, seed, runs } = options;
  const tools = toolsOf(options);
  const from = Math.floor(((shard.index - 1) * runs) / shard.count);
  const to = Math.floor((shard.index * runs) / shard.count);
  return options.properties.filter((p) => applies(p, design)).map((property) => {
    let witnessed = false;
    const kept: ShardRun[] = [];
    const shown = new Set<string | null>();
    let threw = false;
    let index = 0;
    // fast-check draws runs 1..to exactly as one check of all runs draws its first `to`; the slice judges from+1..to.
    const holds = (run: Run) => {
      index++;
      if (index <= from) return true;
      options.onRun?.({ property: property.id, index: options.properties.indexOf(property) + 1, of: options.properties.length, runsDone: index - from, runs: to - from });
      const whole = tools.wholeRun(property, run, index);
      witnessed ||= whole.witnessed;
      const { record } = whole;
      if (record === null) return true;
      if (record.causes.some((c) => !shown.has(c)) || (record.threw !== undefined && !threw)) kept.push(record);
      record.causes.forEach((c) => shown.add(c));
      threw ||= record.threw !== undefined;
      return true;
    };
    if (to > from) fc.check(fc.property(tools.runArb, holds), { seed, numRuns: to });
    return { property: property.id, witnessed, runs: kept };
  });
}

/**
 * The results one check of all runs gives, made of the parts of shards
 * 1..N: each search's first violating run is the earliest kept run of any
 * shard that shows a cause the search does not ignore (or throws first);
 * shrinking and the directed search are run here, as one check runs them.
 */
export function mergeShards(options: RandomOptions, parts: readonly ShardPart[]): PropertyResult[] {
  const tools = toolsOf(options);
  return options.properties.map((property) => {
    if (!applies(property, options.design)) return { property: property.id, status: 'n/a', why: inapplicableWhy(property, options.design) };
    const mine = parts.filter((p) => p.property === property.id);
    const runs = mine.flatMap((p) => p.runs).sort((a, b) => a.run - b.run);
    const searches: Searches = {
      random: (_, known) => {
        for (const r of runs) {
          const hit = hitOf(r, r.run, known);
          if (hit !== null) return hit;
        }
        return null;
      },
      directed: (unseen) => tools.directed(unseen, () => false),
    };
    const judged = judgeProperty(options, tools, property, searches);
    return verdictOf(options, property, judged, judged.witnessed || mine.some((p) => p.witnessed));
  });
}

/** Which shard of how many: `index` from 1 to `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A run a shard kept: its number (1-based, over all shards), each kind of violation it shows with the steps taken when it first did, and its actions. */
export interface ShardRun {
  readonly run: number;
  /** Causes in the order they first show; null for a violation without a cause. */
  readonly causes: readonly (string | null)[];
  /** For each of `causes`, how many actions the run had taken when it first showed. */
  readonly at: readonly number[];
  /** The run's actions, up to its last first-shown violation, or up to the one the model threw on. */
  readonly trace: readonly Action[];
  /** The model threw on the last action of `trace`, with this message. */
  readonly threw?: string;
}

/** What one shard found for one property it applies to. */
export interface ShardPart {
  readonly property: PropertyId;
  readonly witnessed: boolean;
  readonly runs: readonly ShardRun[];
}

/** The two searches of one property, ignoring the causes `known` already found. */
interface Searches {
  random(property: Property, known: ReadonlySet<string | undefined>): WalkHit | null;
  directed(property: Property): { readonly trace: readonly Action[] } | null;
}

/** What the searches of one property found: a counterexample per kind of violation, or the trace the model threw on. */
interface Judged {
  readonly found: readonly Counterexample[];
  readonly threw: ModelThrew | null;
  readonly witnessed: boolean;
}

/**
 * The searches of one property: random runs, then a directed search, again
 * for each kind of violation (`cause`) not yet found, until a search finds
 * none new or every declared one is found.
 */
function judgeProperty(options: RandomOptions, tools: Tools, property: Property, searches: Searches): Judged {
  let witnessed = false;
  const watched: Property = {
    ...property,
    check(step) {
      witnessed ||= property.witness(step);
      return property.check(step);
    },
  };
  const found: Counterexample[] = [];
  let threw: ModelThrew | null = null;
  // Only a property's own list of causes ends its searches early: delivery's, named per design, does not
  // (ending early leaves walks unplayed that a sharded check plays, and the coverage reported would differ).
  const allCauses = (known: ReadonlySet<string | undefined>) => Array.isArray(property.causes) && property.causes.every((c) => known.has(c));
  for (;;) {
    const known = new Set(found.map((c) => c.violation.cause));
    if (found.length >= MAX_CAUSES || allCauses(known)) break;
    const unseen: Property = { ...property, check: (step) => keepUnseen(watched.check(step), known) };
    const hit = searches.random(unseen, known);
    if (hit?.kind === 'threw') {
      threw = hit.error;
      break;
    }
    let next: Counterexample | null = null;
    if (hit !== null) next = tools.shrunk(unseen, hit.trace, 'random', hit.path, hit.foundAtRun);
    else if (options.directedStates > 0) {
      const directed = searches.directed(unseen);
      if (directed !== null) next = tools.shrunk(unseen, directed.trace, 'directed', '', options.runs + 1);
    }
    if (next === null) break;
    found.push(next);
    options.onCounterexample?.(property.id, next);
    if (next.violation.cause === undefined) break;
  }
  return { found, threw, witnessed };
}

/** The verdict of what a property's searches found. */
function verdictOf(options: RandomOptions, property: Property, judged: Judged, witnessed: boolean): PropertyResult {
  const directedStates = guideFor(property, options.design) === null ? 0 : options.directedStates;
  if (judged.threw !== null) return { property: property.id, status: 'error', message: judged.threw.message, trace: judged.threw.trace };
  if (judged.found.length > 0) return { property: property.id, status: 'violated', counterexample: judged.found[0]!, counterexamples: judged.found };
  return witnessed ? { property: property.id, status: 'held', runs: options.runs, directedStates } : { property: property.id, status: 'inconclusive', runs: options.runs, directedStates, bound: witnessUnreached(property) };
}

type Tools = ReturnType<typeof toolsOf>;

/** The machinery every kind of check shares: the runs fast-check draws, running one, shrinking, the directed search. */
function toolsOf(options: RandomOptions) {
  const { design, params, maxSteps, coverage } = options;
  const prefix = options.prefix ?? [];
  const choice = fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }));
  // No fast-check shrinking: replaying choices is costly and an index shift
  // scrambles the rest of the run; `minimizeTrace` shrinks the actions instead.
  const runArb: fc.Arbitrary<Run> = fc.noShrink(
    fc.tuple(
      fc.nat({ max: (1 << Object.keys(design.kinds).length) - 1 }),
      fc.nat({ max: (1 << (params.clients + 1)) - 1 }),
      fc.nat({ max: (1 << (params.clients + 1)) - 1 }),
      fc.nat({ max: (1 << (params.clients + 1)) - 1 }),
      fc.array(choice, { minLength: 1, maxLength: maxSteps, size: 'max' }),
    ),
  );
  return {
    runArb,
    /** `run` played to its end and judged by every property of `properties` (by position), whatever breaks: see `Walk`. */
    walk(properties: readonly Property[], run: Run): Walk {
      const shown = properties.map(() => ({ causes: [] as (string | null)[], at: [] as number[] }));
      const witnessed = properties.map(() => false);
      const taken: Action[] = [];
      let last = 0;
      const seeing: Property = {
        ...properties[0]!,
        check(step) {
          for (let p = 0; p < properties.length; p++) {
            const property = properties[p]!;
            witnessed[p] ||= property.witness(step);
            const violation = property.check(step);
            const key = violation?.cause ?? null;
            const { causes, at } = shown[p]!;
            if (violation !== null && !causes.includes(key)) {
              causes.push(key);
              at.push(taken.length);
              last = taken.length;
            }
          }
          return null;
        },
      };
      const choose = chooserOf(design, run, prefix);
      try {
        runWith(design, params, [seeing], (enabled, i, world) => {
          const action = choose(enabled, i, world);
          if (action !== null) taken.push(action);
          return action;
        }, coverage);
      } catch (error) {
        return { shown, witnessed, trace: taken, threw: messageOf(error) };
      }
      return { shown, witnessed, trace: taken.slice(0, last) };
    },
    /** `run` played to its end, whatever breaks: each kind of violation at its first showing; null when none did and the model did not throw. */
    wholeRun(property: Property, run: Run, index: number): { record: ShardRun | null; witnessed: boolean } {
      const { shown, witnessed, trace, threw } = this.walk([property], run);
      const { causes, at } = shown[0]!;
      if (threw !== undefined) return { record: { run: index, causes, at, trace, threw }, witnessed: witnessed[0]! };
      return { record: causes.length === 0 ? null : { run: index, causes, at, trace }, witnessed: witnessed[0]! };
    },
    /** The found trace of `property`, shrunk and replayed. */
    shrunk(property: Property, foundTrace: readonly Action[], engine: Counterexample['engine'], path: string, foundAtRun: number): Counterexample {
      const trace = minimizeTrace(design, params, property, foundTrace);
      const end = runTrace(design, params, [property], trace);
      if (end.kind !== 'violated') throw new Error(`internal: shrunk trace for ${property.id} no longer violates`);
      return { trace, steps: end.steps, violation: end.violation, engine, path, foundLength: foundTrace.length, foundAtRun };
    },
    directed: (property: Property, spent: () => boolean) => directedSearch({ design, params, property, maxStates: options.directedStates, coverage, spent }),
  };
}

function keepUnseen(violation: Violation | null, known: ReadonlySet<string | undefined>): Violation | null {
  return violation !== null && !known.has(violation.cause) ? violation : null;
}
