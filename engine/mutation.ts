import { match, P } from 'ts-pattern';
import { counted, designById, type Design } from '../model/index.ts';
import type { PropertyId } from '../properties/index.ts';
import { parseCheckOptions, parseExploreOptions } from '../options/index.ts';
import { SCENARIOS, type Scenario } from '../scenarios/index.ts';
import { exploreApplicable, type ExploreOptions, type ExploreVerdict } from './bfs.ts';
import { EQUIVALENT_MUTANTS } from './equivalent-mutants.ts';
import { messageOf } from './model-threw.ts';
import { mutantsOf, type Mutant } from './mutants.ts';
import { explorePacked } from './packed/index.ts';
import { checkRandom, type PropertyResult, type RandomOptions } from './random.ts';
import { checkScenario } from './scenario-run.ts';

/**
 * Mutation testing: how much of a design's rules the checker's own
 * searches pin down. A mutant (./mutants.ts) is killed when a search
 * tells it from its design; one that makes the model throw is killed too,
 * but counted apart as crashed. Deterministic: every search runs with the
 * CLI's defaults and its fixed seed.
 */

/** The searches a mutant faces: the scenarios that run on its design, the random check, the exhaustive explore. */
export type Search = 'scenario' | 'check' | 'explore';

/** A design whose mutants are judged, and how. */
export interface Subject {
  readonly design: Design;
  /**
   * What kills in check's and explore's verdicts: `new-violation`, a
   * property violated that the design itself does not violate (for a
   * design meant to hold them); `changed-verdict`, any property's verdict
   * or shortest-counterexample length changed (for a design that
   * violates many by design).
   */
  readonly kills: 'new-violation' | 'changed-verdict';
  /** The searches besides the scenarios (which every mutant faces). */
  readonly searches: readonly Exclude<Search, 'scenario'>[];
}

function designNamed(id: string): Design {
  const design = designById(id);
  if (design === undefined) throw new Error(`internal: no design '${id}'`);
  return design;
}

/** The designs `npm run mutate` mutates. */
export const SUBJECTS: readonly Subject[] = [
  { design: designNamed('share-proposal'), kills: 'new-violation', searches: ['check', 'explore'] },
  { design: designNamed('tock-2.2'), kills: 'changed-verdict', searches: ['explore'] },
];

/** One search's finding on a mutant. */
export type SearchOutcome =
  | { readonly search: Search; readonly result: 'kills'; readonly note: string }
  | { readonly search: Search; readonly result: 'spares' }
  | { readonly search: Search; readonly result: 'crashes'; readonly note: string };

/** What became of a mutant: each search's finding, and the reason it is declared equivalent, or null. */
export interface MutantResult {
  readonly mutant: Mutant;
  readonly outcomes: readonly SearchOutcome[];
  readonly equivalent: string | null;
}

/** A mutant's fate: a search crashed on it, one killed it, none did, or it is declared equivalent (and not counted). */
export type Fate = 'crashed' | 'killed' | 'survived' | 'equivalent';

/** The fate of a judged mutant: a declared equivalent first, then a crash in any search, then a kill. */
export function fateOf(result: MutantResult): Fate {
  if (result.equivalent !== null) return 'equivalent';
  if (result.outcomes.some((o) => o.result === 'crashes')) return 'crashed';
  return result.outcomes.some((o) => o.result === 'kills') ? 'killed' : 'survived';
}

/** Per property, a verdict as text: its status, and a violation's shortest length where the search gives one. */
type Verdicts = ReadonlyMap<PropertyId, string>;

/** A subject's verdicts, with which its mutants' are compared; null for a search not run. */
export interface Baseline {
  readonly subject: Subject;
  readonly check: Verdicts | null;
  readonly explore: Verdicts | null;
}

/** The model threw in a search: the mutant crashed it. */
class Crashed extends Error {}

/** The CLI's defaults for `check --design ID` and `explore --design ID`, without the design. */
function defaultsFor(design: Design): { check: Omit<RandomOptions, 'design'>; explore: Omit<ExploreOptions, 'design'> } {
  const { params, properties, seed, runs, maxSteps, directedStates } = parseCheckOptions(['--design', design.id]);
  const explore = parseExploreOptions(['--design', design.id]);
  return {
    check: { params, properties, seed, runs, maxSteps, directedStates },
    explore: { params: explore.params, properties: explore.properties, maxDepth: explore.maxDepth, maxStates: explore.maxStates, symmetry: explore.symmetry },
  };
}

/** A check result as a verdict text; a model that threw is a crash, never a verdict. */
function checkVerdict(r: PropertyResult): string {
  return match(r)
    .with({ status: 'violated' }, (v) => `violated (${counted(v.counterexample.steps.length, 'step')})`)
    .with({ status: 'error' }, (e) => {
      throw new Crashed(e.message);
    })
    .with({ status: P.union('held', 'inconclusive', 'n/a') }, (v) => v.status)
    .exhaustive();
}

/** An explore verdict as text, its shortest length kept; a model that threw is a crash. */
function exploreVerdict(v: ExploreVerdict): string {
  return match(v)
    .with({ status: 'violated' }, (x) => `violated (${counted(x.trace.length, 'step')})`)
    .with({ status: 'error' }, (e) => {
      throw new Crashed(e.message);
    })
    .with({ status: P.union('held', 'inconclusive', 'n/a') }, (x) => x.status)
    .exhaustive();
}

/** `search`'s verdicts on `design`, with the defaults of the subject `of`. */
function verdictsOf(search: Exclude<Search, 'scenario'>, design: Design, of: Design): Verdicts {
  const defaults = defaultsFor(of);
  return match(search)
    .with('check', () => new Map(checkRandom({ ...defaults.check, design }).map((r) => [r.property, checkVerdict(r)] as const)))
    .with('explore', () => new Map(exploreApplicable({ ...defaults.explore, design }, explorePacked).verdicts.map((v) => [v.property, exploreVerdict(v)] as const)))
    .exhaustive();
}

/** The subject's own verdicts; `quick` leaves out explore. Throws if the unmutated design crashes. */
export function baselineOf(subject: Subject, quick: boolean): Baseline {
  const run = (search: Exclude<Search, 'scenario'>) => (subject.searches.includes(search) && !(quick && search === 'explore') ? verdictsOf(search, subject.design, subject.design) : null);
  return { subject, check: run('check'), explore: run('explore') };
}

/** The scenarios that state what `design` does, each stating it for `as` instead. */
function scenariosFor(design: Design, as: Design): Scenario[] {
  return SCENARIOS.filter((s) => s.expected[design.id] !== undefined).map((s) => ({
    ...s,
    expected: { [as.id]: s.expected[design.id]! },
    results: s.results?.[design.id] === undefined ? undefined : { [as.id]: s.results[design.id]! },
  }));
}

/** Whether the scenarios that run on the subject still give, on the mutant, the results they expect there. */
function scenarioOutcome(mutant: Mutant): SearchOutcome {
  const differing = scenariosFor(mutant.of, mutant.design).flatMap((s) => {
    const c = checkScenario(s, mutant.design);
    return c.status === 'differs' ? [`${c.scenario} at step ${c.step} (${c.action}): expected ${c.expected}; got ${c.actual}`] : [];
  });
  if (differing.length === 0) return { search: 'scenario', result: 'spares' };
  return { search: 'scenario', result: 'kills', note: `${differing.length} scenario(s) differ; first: ${differing[0]}` };
}

/** Whether the mutant's verdicts in `search` kill it, by the subject's rule. */
function verdictOutcome(search: Exclude<Search, 'scenario'>, mutant: Mutant, baseline: Baseline): SearchOutcome {
  const base = baseline[search]!;
  const mutated = verdictsOf(search, mutant.design, mutant.of);
  const kills = (was: string, now: string) =>
    match(baseline.subject.kills)
      .with('new-violation', () => now.startsWith('violated') && !was.startsWith('violated'))
      .with('changed-verdict', () => now !== was)
      .exhaustive();
  const changed = [...mutated].flatMap(([property, now]) => {
    const was = base.get(property) ?? '(none)';
    return kills(was, now) ? [`${property}: ${was} -> ${now}`] : [];
  });
  return changed.length === 0 ? { search, result: 'spares' } : { search, result: 'kills', note: changed.join('; ') };
}

/** One search's outcome, a throw of the model (or a search's `error` verdict) made into `crashes`. */
function guarded(search: Search, run: () => SearchOutcome): SearchOutcome {
  try {
    return run();
  } catch (e) {
    return { search, result: 'crashes', note: messageOf(e) };
  }
}

/** Every search of the baseline on `mutant`, each run whatever the others found (so the report shows what each contributes). */
export function judgeMutant(mutant: Mutant, baseline: Baseline): MutantResult {
  const outcomes: SearchOutcome[] = [guarded('scenario', () => scenarioOutcome(mutant))];
  for (const search of ['check', 'explore'] as const) {
    if (baseline[search] !== null) outcomes.push(guarded(search, () => verdictOutcome(search, mutant, baseline)));
  }
  return { mutant, outcomes, equivalent: EQUIVALENT_MUTANTS[mutant.id] ?? null };
}

/** The mutants of every subject, in subject order. */
export function allMutants(): Mutant[] {
  return SUBJECTS.flatMap((s) => mutantsOf(s.design));
}

/** Ids the equivalents table names that no subject's mutants have: each is a mistake in the table. */
export function unknownEquivalents(): string[] {
  const ids = new Set(allMutants().map((m) => m.id));
  return Object.keys(EQUIVALENT_MUTANTS).filter((id) => !ids.has(id));
}

/** What one search contributes: the mutants (not equivalent) it told from their design, by a kill or a crash, and those no other search did. */
export interface Contribution {
  readonly search: Search;
  readonly detected: number;
  readonly alone: number;
}

/** Each search's contribution, in the order scenario, check, explore. */
export function contributionsOf(results: readonly MutantResult[]): Contribution[] {
  const judged = results.filter((r) => r.equivalent === null);
  const detecting = (r: MutantResult) => r.outcomes.filter((o) => o.result !== 'spares').map((o) => o.search);
  return (['scenario', 'check', 'explore'] as const).map((search) => ({
    search,
    detected: judged.filter((r) => detecting(r).includes(search)).length,
    alone: judged.filter((r) => detecting(r).length === 1 && detecting(r)[0] === search).length,
  }));
}

/** The mutation score: killed (crashed included) over mutants generated less those declared equivalent, in percent. */
export interface Score {
  readonly generated: number;
  readonly equivalent: number;
  readonly killed: number;
  readonly crashed: number;
  readonly survived: number;
  readonly percent: number;
}

/** The score of `results`; 100 when every mutant is equivalent. */
export function scoreOf(results: readonly MutantResult[]): Score {
  const count = (fate: Fate) => results.filter((r) => fateOf(r) === fate).length;
  const [killed, crashed, survived, equivalent] = [count('killed'), count('crashed'), count('survived'), count('equivalent')];
  const judged = results.length - equivalent;
  return { generated: results.length, equivalent, killed, crashed, survived, percent: judged === 0 ? 100 : (100 * (killed + crashed)) / judged };
}
