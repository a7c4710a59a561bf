import { canonicalJson, formatAction, initialWorld, step, type Action, DEFAULT_DESIGN, defaultParams, designById, designParamValues, DESIGNS, withDesignParams, SIZE_PARAM_NAMES, SIZE_PARAMS, type Design, type KindTable, type MpuArchId, type SizeParam, type WorldParams } from '../model/index.ts';
import { PROPERTIES, propertyById, type Property } from '../properties/index.ts';
import { archFlag, integerOf, parseFlags, regionsFlag, UsageError } from './flags.ts';
import { COMMAND_SPECS, DEFAULT_OUT, DEFAULT_SPLIT_DEPTH } from './command-flags.ts';
import { checkedSaveFolder } from './save-folder.ts';
import { reportAndSummary, type ReportFile } from './report-file.ts';
import { SCENARIOS, type Scenario } from '../scenarios/index.ts';
import { totalmem } from 'node:os';

/** The model a command checks: design, world size, properties. */
export interface ModelOptions {
  readonly design: Design;
  readonly params: WorldParams;
  readonly properties: readonly Property[];
}

/** Everything `check` needs, validated. */
export interface CheckOptions extends ModelOptions {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  readonly directedStates: number;
  readonly json: boolean;
  /** Folder to save counterexamples in, or null to save none. */
  readonly saveTo: string | null;
  /** `--from NAME`: the scenario whose trace every random run starts with, or null. */
  readonly from: string | null;
  /** That scenario's trace (empty without `--from`). */
  readonly prefix: readonly Action[];
  /** `--reporter junit --output FILE`: a report for a CI system, or null. */
  readonly report: ReportFile | null;
  /** `--summary FILE`: a Markdown summary (GitHub's job summary), or null. */
  readonly summary: string | null;
  /** `--time-budget SECONDS`: stop cleanly once spent, or null for no budget. */
  readonly timeBudget: number | null;
  /** `--progress`: progress lines on stderr even when it is not a terminal, or in CI. */
  readonly progress: boolean;
  /** `--shard I/N`: search only this shard's slice of the runs and print its part for `merge`, or null. */
  readonly shard: { readonly index: number; readonly count: number } | null;
}

const CHECK_FLAGS = COMMAND_SPECS.check.flags;
const EXPLORE_FLAGS = COMMAND_SPECS.explore.flags;
const COMPARE_FLAGS = COMMAND_SPECS.compare.flags;

/** The architecture `check` models when none is named. */
export const DEFAULT_ARCH: MpuArchId = 'cortex-m';

/** The integer flag `--name` as `check` and `explore` declare it (they agree on every flag they share). */
function integer(values: Record<string, unknown>, name: string, fallback?: number): number {
  return integerOf(values, Object.hasOwn(CHECK_FLAGS, name) ? CHECK_FLAGS : EXPLORE_FLAGS, name, fallback);
}

/** Parses `check`'s arguments; throws `UsageError` naming the first problem. */
export function parseCheckOptions(args: readonly string[]): CheckOptions {
  const values = parseFlags(args, CHECK_FLAGS);
  const from = values.from === undefined ? null : scenarioNamed(values.from as string);
  const model = modelOptions(values, from?.params);
  return {
    ...model,
    from: from?.id ?? null,
    prefix: from === null ? [] : replayablePrefix(from, model),
    seed: integer(values, 'seed'),
    runs: integer(values, 'runs'),
    maxSteps: integer(values, 'max-steps'),
    directedStates: integer(values, 'directed-states'),
    json: values.json === true,
    saveTo: saveFolder(values),
    ...reportAndSummary(values),
    timeBudget: values['time-budget'] === undefined ? null : integer(values, 'time-budget'),
    progress: values.progress === true,
    shard: shardOf(values, CHECK_MERGE_FLAGS),
  };
}

/** The flags a shard leaves to `merge` (and the budget, which would cut a shard short). */
const CHECK_MERGE_FLAGS = ['save', 'out', 'reporter', 'output', 'summary', 'json', 'time-budget'];

/** `--shard I/N`: I from 1 to N, N from 1 to 1024; alone, without the flags `forbidden` names. */
function shardOf(values: Record<string, unknown>, forbidden: readonly string[]): { readonly index: number; readonly count: number } | null {
  const text = values.shard as string | undefined;
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = m === null ? [0, 0] : [Number(m[1]), Number(m[2])];
  if (m === null || count < 1 || count > 1024 || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 <= I <= N <= 1024, got '${text}'`);
  for (const flag of forbidden) {
    if (values[flag] === undefined) continue;
    if (flag === 'workers') throw new UsageError('--shard searches in one thread; --workers belongs to a whole explore');
    throw new UsageError(`--shard prints a part for merge; --${flag} belongs to ${flag === 'time-budget' || flag === 'max-memory' ? 'a whole search (a shard cut short cannot merge exactly)' : 'merge'}`);
  }
  return { index, count };
}

/** Everything `explore` needs, validated. */
export interface ExploreCliOptions extends ModelOptions {
  readonly maxDepth: number;
  readonly maxStates: number;
  /** Exit 1, not 0, when a bound cut the search short. */
  readonly strict: boolean;
  /** Store one world per orbit of client permutations, where the model allows it (`--no-symmetry` turns it off). */
  readonly symmetry: boolean;
  /** Worker threads expanding each level; 1 searches in this thread. */
  readonly workers: number;
  readonly json: boolean;
  /** Folder to save shortest counterexamples in, or null to save none. */
  readonly saveTo: string | null;
  /** `--reporter junit --output FILE`: a report for a CI system, or null. */
  readonly report: ReportFile | null;
  /** `--summary FILE`: a Markdown summary (GitHub's job summary), or null. */
  readonly summary: string | null;
  /** `--time-budget SECONDS`: stop cleanly once spent, or null for no budget. */
  readonly timeBudget: number | null;
  /** `--shard I/N`: search below this shard's part of the level at `splitDepth` and print its part for `merge`, or null. */
  readonly shard: { readonly index: number; readonly count: number } | null;
  /** `--split-depth D`: the level the shards divide (below `maxDepth`). */
  readonly splitDepth: number;
  /** `--max-memory MIB`: the search stops cleanly before the process holds more (RSS), or before the JavaScript heap nears its limit. */
  readonly maxMemory: number;
}

/** Parses `explore`'s arguments; throws `UsageError` naming the first problem. */
export function parseExploreOptions(args: readonly string[]): ExploreCliOptions {
  const values = parseFlags(args, EXPLORE_FLAGS);
  return {
    ...modelOptions(values),
    maxDepth: integer(values, 'max-depth'),
    maxStates: integer(values, 'max-states'),
    strict: values.strict === true,
    symmetry: values['no-symmetry'] !== true,
    workers: integer(values, 'workers'),
    json: values.json === true,
    saveTo: saveFolder(values),
    ...reportAndSummary(values),
    timeBudget: values['time-budget'] === undefined ? null : integer(values, 'time-budget'),
    shard: shardOf(values, [...CHECK_MERGE_FLAGS, 'workers', 'max-memory']),
    splitDepth: splitDepthOf(values),
    maxMemory: integer(values, 'max-memory', defaultMaxMemory()),
  };
}

/** The level the shards of an explore divide: `--split-depth`, default DEFAULT_SPLIT_DEPTH, below `--max-depth`. */
function splitDepthOf(values: Record<string, unknown>): number {
  const maxDepth = integer(values, 'max-depth');
  const split = integer(values, 'split-depth', Math.min(DEFAULT_SPLIT_DEPTH, maxDepth - 1));
  if (values['split-depth'] !== undefined && values.shard === undefined) throw new UsageError('--split-depth needs --shard');
  if (values.shard !== undefined && split >= maxDepth) throw new UsageError(`--split-depth ${split} must be below --max-depth ${maxDepth}`);
  return split;
}

/** `--max-memory`'s default: three quarters of the machine's memory, in MiB. */
export function defaultMaxMemory(): number {
  return Math.floor((totalmem() * 0.75) / 2 ** 20);
}

/** What `compare` runs: every design on every architecture, against the properties, with one budget. */
export interface CompareOptions {
  readonly designs: readonly Design[];
  readonly archs: readonly MpuArchId[];
  /** The world beside its architecture; each architecture gets its default `regions`. */
  readonly world: Omit<WorldParams, 'arch' | 'regions' | 'design'>;
  /** Design parameters by name (`--param`): each design takes those it declares. */
  readonly designParams?: Readonly<Record<string, string>>;
  readonly properties: readonly Property[];
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  readonly directedStates: number;
  /** Depth of the exhaustive search after the random one; 0: none. */
  readonly maxDepth: number;
  readonly maxStates: number;
}

/** Everything `compare` needs, validated, and how to print it. */
export interface CompareCliOptions extends CompareOptions {
  readonly format: 'text' | 'json' | 'markdown';
  /** `--reporter junit --output FILE`: a report for a CI system, or null. */
  readonly report: ReportFile | null;
  /** `--summary FILE`: a Markdown summary (GitHub's job summary), or null. */
  readonly summary: string | null;
}

/** Parses `compare`'s arguments; throws `UsageError` naming the first problem. */
export function parseCompareOptions(args: readonly string[]): CompareCliOptions {
  const values = parseFlags(args, COMPARE_FLAGS);
  if (values.json === true && values.markdown === true) throw new UsageError('--json and --markdown exclude each other');
  const designIds = (values.design as string[] | undefined) ?? [];
  const archIds = (values.arch as string[] | undefined) ?? [];
  const defaults = defaultParams(DEFAULT_ARCH);
  const designs = designIds.length === 0 ? DESIGNS : [...new Set(designIds.map(designNamed))];
  const world = sizesOf(values, defaults);
  refuseUnsupported(world, designs);
  return {
    designs,
    archs: archIds.length === 0 ? [DEFAULT_ARCH] : [...new Set(archIds.map((a) => archFlag({ arch: a }, DEFAULT_ARCH)))],
    world,
    designParams: paramsGiven(values, designIds.length === 0 ? DESIGNS : designIds.map(designNamed)),
    properties: propertiesNamed(values),
    seed: integer(values, 'seed'),
    runs: integer(values, 'runs'),
    maxSteps: integer(values, 'max-steps'),
    directedStates: integer(values, 'directed-states'),
    maxDepth: integerOf(values, COMPARE_FLAGS, 'max-depth'),
    maxStates: integer(values, 'max-states'),
    format: values.json === true ? 'json' : values.markdown === true ? 'markdown' : 'text',
    ...reportAndSummary(values),
  };
}

/** Each size parameter from its flag, or its default. */
function sizesOf(values: Record<string, unknown>, defaults: WorldParams): Record<SizeParam, number> {
  return Object.fromEntries(SIZE_PARAM_NAMES.map((k) => [k, integer(values, k, defaults[k])])) as Record<SizeParam, number>;
}

/**
 * Throws `UsageError` when `world` asks for memory that grows (`--heap 1`)
 * of designs that do not model it: a design does iff it has the sbrk
 * kind; for the others the flag would change nothing they do.
 */
/** Refuses a world parameter set away from its default that a named design cannot model (its `needs`). */
function refuseUnsupported(world: Pick<WorldParams, SizeParam>, designs: readonly Design[]): void {
  for (const name of SIZE_PARAM_NAMES) {
    const spec: { default: number; needs?: { kinds: (kinds: KindTable) => boolean; lacking: string } } = SIZE_PARAMS[name];
    if (spec.needs === undefined || world[name] === spec.default) continue;
    const { kinds, lacking } = spec.needs;
    const unable = designs.filter((d) => !kinds(d.kinds)).map((d) => d.id);
    if (unable.length > 0) throw new UsageError(`--${name} ${world[name]}: ${unable.join(', ')} ${unable.length > 1 ? 'do' : 'does'} not ${lacking}; name designs that do with --design`);
  }
}

/** The design with this id; throws `UsageError` listing the known ones. */
export function designNamed(id: string): Design {
  const design = designById(id);
  if (design === undefined) throw new UsageError(`unknown design '${id}' (known: ${DESIGNS.map((d) => d.id).join(', ')})`);
  return design;
}

/** The scenario with this id; throws `UsageError` listing the known ones. */
export function scenarioNamed(id: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (scenario === undefined) throw new UsageError(`unknown scenario '${id}' (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
  return scenario;
}

function propertiesNamed(values: Record<string, unknown>): readonly Property[] {
  const ids = (values.property as string[] | undefined) ?? [];
  const properties = ids.length === 0 ? PROPERTIES : ids.map((id) => propertyById(id) ?? unknownProperty(id));
  return [...new Set(properties)];
}

/**
 * The model the flags name. `base`, a scenario's world (`check --from`),
 * gives the defaults in place of the built-in ones: its architecture, its
 * sizes, its regions on its architecture, its design parameters.
 */
function modelOptions(values: Record<string, unknown>, base?: WorldParams): ModelOptions {
  const design = designNamed((values.design as string | undefined) ?? DEFAULT_DESIGN);
  const properties = propertiesNamed(values);
  const archId = archFlag(values, base?.arch ?? DEFAULT_ARCH);
  const defaults = base?.arch === archId ? base : defaultParams(archId);
  const regions = values.regions === undefined ? defaults.regions : regionsFlag(values, archId);
  const sizes: WorldParams = { ...sizesOf(values, defaults), arch: archId, regions };
  refuseUnsupported(sizes, [design]);
  const given = { ...(base?.design ?? {}), ...paramsGiven(values, [design]) };
  const params = withDesignParams(sizes, usage(() => designParamValues(design.id, design.params ?? [], given)));
  return { design, params, properties };
}

/** The scenario's trace, checked to replay on the model the flags name: every step enabled when taken, else `UsageError` naming it. */
function replayablePrefix(scenario: Scenario, { design, params }: ModelOptions): readonly Action[] {
  let world = initialWorld(params);
  scenario.trace.forEach((action, i) => {
    const key = canonicalJson(action);
    if (!design.enabled(world).some((a) => canonicalJson(a) === key)) {
      const what = Object.hasOwn(design.kinds, action.type) ? formatAction(design.kinds, action) : `a ${action.type} action, which ${design.id} lacks`;
      throw new UsageError(`--from ${scenario.id}: its step ${i + 1} (${what}) is not enabled on ${design.id} in this world`);
    }
    world = step(design, world, action).world;
  });
  return scenario.trace;
}

/**
 * The `--param NAME=VALUE` flags, by name; each must name a parameter one
 * of `designs` declares (its value is checked against that design's table
 * where it applies). Throws `UsageError` naming the first bad flag.
 */
function paramsGiven(values: Record<string, unknown>, designs: readonly Design[]): Record<string, string> {
  const given: Record<string, string> = {};
  for (const flag of (values.param as string[] | undefined) ?? []) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new UsageError(`--param must be NAME=VALUE, not '${flag}'`);
    const name = flag.slice(0, at);
    if (name in given) throw new UsageError(`--param ${name} given twice`);
    if (!designs.some((d) => d.params?.some((p) => p.name === name))) {
      const declared = [...new Set(designs.flatMap((d) => (d.params ?? []).map((p) => p.name)))];
      const ids = designs.length === 1 ? `design ${designs[0]!.id}` : 'the designs compared';
      const declare = designs.length === 1 ? 'declares' : 'declare';
      throw new UsageError(`--param ${name}: ${ids} ${declared.length === 0 ? `${declare} no parameters` : `${declare} no parameter '${name}' (known: ${declared.join(', ')})`}`);
    }
    given[name] = flag.slice(at + 1);
    for (const d of designs) if (d.params?.some((p) => p.name === name)) usage(() => designParamValues(d.id, d.params!, { [name]: given[name]! }));
  }
  return given;
}

/** `f()`, its Error turned into a `UsageError` (one line for the user). */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--out DIR` (default `counterexamples`) when `--save` is given; `--out` alone is a mistake. */
function saveFolder(values: Record<string, unknown>): string | null {
  const out = values.out as string | undefined;
  if (values.save !== true) {
    if (out !== undefined) throw new UsageError('--out needs --save');
    return null;
  }
  if (out === '') throw new UsageError('--out must name a folder');
  return checkedSaveFolder(out ?? DEFAULT_OUT);
}


function unknownProperty(id: string): never {
  throw new UsageError(`unknown property '${id}' (known: ${PROPERTIES.map((p) => p.id).join(', ')})`);
}
