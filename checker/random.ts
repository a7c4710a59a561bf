import fc from 'fast-check';
import { ACTION_TYPES, type Action, type Design, type WorldParams } from '../model/index.ts';
import type { Property, PropertyId, Violation } from '../properties/index.ts';
import { minimizeTrace } from './minimize.ts';
import { runTrace, runWith, type Chooser, type StepRecord } from './trace-run.ts';

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
  /** Called after each property is judged, for progress output. */
  readonly onResult?: (result: PropertyResult) => void;
}

/** A violating trace, shrunk, with what reproduces the search that found it. */
export interface Counterexample {
  readonly trace: readonly Action[];
  readonly steps: readonly StepRecord[];
  readonly violation: Violation;
  /** fast-check's replay path of the failing run (with the seed, it replays the unshrunk run). */
  readonly path: string;
  /** Length of the trace fast-check first reported, before our shrinking. */
  readonly foundLength: number;
}

/** The verdict for one property. `held` means no violation in `runs` random traces, not a proof. */
export type PropertyResult =
  | { readonly property: PropertyId; readonly status: 'held'; readonly runs: number }
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
 * One random run: two swarm masks, then a choice per step. Bit i of
 * `kinds` leaves out kind ACTION_TYPES[i], bit p of `actors` leaves out the
 * actions of slot p, for the whole run, while something else is enabled
 * ("swarm testing": runs that never restart, or where one client stays
 * quiet, reach deep states that uniform runs rarely do). Masks shrink to 0.
 */
type Run = readonly [kinds: number, actors: number, choices: readonly Choice[]];

/** The slot whose action this is. */
function actorOf(action: Action): number {
  return 'by' in action ? action.by : action.process;
}

/**
 * Turns a run into actions. Picking the kind first keeps rare kinds
 * (deliver, restart) as likely as the many parameterised syscalls.
 */
function chooserOf([kindMask, actorMask, choices]: Run): Chooser {
  return (enabled, index) => {
    const choice = choices[index];
    if (choice === undefined) return null;
    const byActor = enabled.filter((a) => (actorMask & (1 << actorOf(a))) === 0);
    const pool = byActor.length > 0 ? byActor : enabled;
    const all = [...new Set(pool.map((a) => a.type))];
    const kept = all.filter((k) => (kindMask & (1 << ACTION_TYPES.indexOf(k))) === 0);
    const kinds = kept.length > 0 ? kept : all;
    const kind = kinds[choice[0] % kinds.length];
    const ofKind = pool.filter((a) => a.type === kind);
    return ofKind[choice[1] % ofKind.length] ?? null;
  };
}

/** At most this many kinds of violation are searched for per property. */
const MAX_CAUSES = 4;

/**
 * Random exploration with fast-check, property by property: traces of
 * enabled actions until the first violation, which `minimizeTrace` then
 * shrinks. A property whose violations carry a `cause` is searched again,
 * ignoring the causes already found, until a search finds no new one, so
 * each kind of violation gets its own counterexample. Deterministic for a
 * seed.
 */
export function checkRandom(options: RandomOptions): PropertyResult[] {
  const { design, params, seed, runs, maxSteps } = options;
  const choice = fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }));
  // No fast-check shrinking: replaying choices is costly and an index shift
  // scrambles the rest of the run; `minimizeTrace` shrinks the actions instead.
  const runArb = fc.noShrink(
    fc.tuple(
      fc.nat({ max: (1 << ACTION_TYPES.length) - 1 }),
      fc.nat({ max: (1 << (params.clients + 1)) - 1 }),
      fc.array(choice, { minLength: 1, maxLength: maxSteps, size: 'max' }),
    ),
  );

  /** One search for a violation of `property`; the shrunk counterexample, or null. */
  const search = (property: Property): Counterexample | null => {
    const holds = (run: Run) => runWith(design, params, [property], chooserOf(run)).kind !== 'violated';
    const details = fc.check(fc.property(runArb, holds), { seed, numRuns: runs });
    const failing = details.counterexample?.[0];
    if (!details.failed || failing === undefined) return null;
    const foundTrace = runWith(design, params, [property], chooserOf(failing)).steps.map((s) => s.action);
    const trace = minimizeTrace(design, params, property, foundTrace);
    const end = runTrace(design, params, [property], trace);
    if (end.kind !== 'violated') throw new Error(`internal: shrunk trace for ${property.id} no longer violates`);
    return { trace, steps: end.steps, violation: end.violation, path: details.counterexamplePath ?? '', foundLength: foundTrace.length };
  };

  return options.properties.map((property) => {
    const found: Counterexample[] = [];
    for (;;) {
      const known = new Set(found.map((c) => c.violation.cause));
      const unseen: Property = { ...property, check: (step) => keepUnseen(property.check(step), known) };
      const next = found.length < MAX_CAUSES ? search(unseen) : null;
      if (next === null) break;
      found.push(next);
      if (next.violation.cause === undefined) break;
    }
    const result: PropertyResult =
      found.length === 0
        ? { property: property.id, status: 'held', runs }
        : { property: property.id, status: 'violated', counterexample: found[0]!, counterexamples: found };
    options.onResult?.(result);
    return result;
  });
}

function keepUnseen(violation: Violation | null, known: ReadonlySet<string | undefined>): Violation | null {
  return violation !== null && !known.has(violation.cause) ? violation : null;
}
