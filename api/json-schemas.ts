import { z } from 'zod';
import { MPU_ARCH_IDS, SIZE_PARAM_NAMES, type SizeParam } from '../model/index.ts';

/**
 * The documents `--json` prints, one schema per command, as zod schemas
 * from which docs/schema/<command>.schema.json are made
 * (`npx tsx scripts/json-schemas.ts`). test/api/json-schemas.test.ts checks
 * that the files are current and that real output of every command
 * validates against them with an independent validator (ajv). Strict
 * objects: a field added to an output without its schema fails the test.
 */

const count = z.number().int().min(0);
const sizes = Object.fromEntries(SIZE_PARAM_NAMES.map((k) => [k, count])) as Record<SizeParam, typeof count>;

/** An action: its kind and the fields that kind declares. */
const Action = z.object({ type: z.string() }).catchall(z.union([z.string(), z.number()])).describe('an action: its kind (type) and the fields that kind declares');

/** A world's parameters: sizes, architecture, regions, the design's parameters set off their defaults. */
const Params = z.strictObject({ ...sizes, arch: z.enum(MPU_ARCH_IDS), regions: count, design: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

const Reach = z.strictObject({ reached: z.array(z.string()), unreached: z.array(z.string()) });
const Coverage = z.strictObject({ actions: Reach, states: z.record(z.string(), Reach), results: Reach }).describe('what the search reached, against what the model declares');
const Step = z.strictObject({ action: Action, result: z.string(), note: z.string() });
const Saved = z.strictObject({ path: z.string(), status: z.enum(['written', 'unchanged']) });
const Header = { tool: z.literal('tock-ipc-check'), version: z.string() };

const NotApplicable = z.strictObject({ property: z.string(), status: z.literal('n/a'), why: z.string() });
const ModelError = z.strictObject({ property: z.string(), status: z.literal('error'), message: z.string(), trace: z.array(Action) });

const RandomCounterexample = z.strictObject({
  cause: z.string().nullable(),
  message: z.string(),
  trace: z.array(Action),
  steps: z.array(Step),
  violatedAtStep: count,
  engine: z.enum(['random', 'directed']),
  foundLength: count,
  fastCheckPath: z.string(),
});

/** `check --json`. */
export const CHECK_JSON = z.strictObject({
  ...Header,
  design: z.string(),
  params: Params,
  seed: count,
  runs: count,
  maxSteps: count,
  results: z.array(
    z.discriminatedUnion('status', [
      z.strictObject({ property: z.string(), status: z.literal('held'), runs: count, directedStates: count }),
      z.strictObject({ property: z.string(), status: z.literal('inconclusive'), runs: count, directedStates: count, bound: z.string() }),
      NotApplicable,
      ModelError,
      z.strictObject({ property: z.string(), status: z.literal('violated'), message: z.string(), counterexample: RandomCounterexample, counterexamples: z.array(RandomCounterexample) }),
    ]),
  ),
  coverage: Coverage,
  saved: z.array(Saved),
  /** Present when SIGINT or SIGTERM stopped the search: the results are what it found before. */
  interrupted: z.literal(true).optional(),
  /**
   * `check` only, not `merge`: wall-clock seconds from the start of the
   * search to its end, and to each violated property's first counterexample.
   * The one part of the document that differs between two runs of a seed.
   */
  timings: z
    .strictObject({
      seconds: z.number().nonnegative(),
      firstCounterexample: z.record(z.string(), z.number().nonnegative()),
    })
    .optional(),
});

/** `explore --json`. */
export const EXPLORE_JSON = z.strictObject({
  ...Header,
  engine: z.literal('bfs'),
  design: z.string(),
  params: Params,
  maxDepth: count,
  maxStates: count,
  symmetry: z.boolean(),
  workers: count,
  states: count,
  transitions: count,
  depthCovered: count,
  bound: z.string().nullable(),
  seconds: z.number().min(0),
  peakRssMiB: count,
  results: z.array(
    z.discriminatedUnion('status', [
      z.strictObject({ property: z.string(), status: z.literal('held') }),
      z.strictObject({ property: z.string(), status: z.literal('inconclusive'), bound: z.string(), depth: count }),
      NotApplicable,
      ModelError,
      z.strictObject({ property: z.string(), status: z.literal('violated'), cause: z.string().nullable(), message: z.string(), counterexample: z.strictObject({ trace: z.array(Action), steps: z.array(Step) }) }),
    ]),
  ),
  coverage: Coverage,
  saved: z.array(Saved),
  /** Present when SIGINT or SIGTERM stopped the search: the results are what it found before. */
  interrupted: z.literal(true).optional(),
  /** Present when `merge` made it of shards: how many states they stored in all, and how many distinct. */
  shards: z.strictObject({ count: count, splitDepth: count, stored: count, distinct: count }).optional(),
});

const Cell = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('violated'), steps: count, cause: z.string().nullable() }),
  z.strictObject({ status: z.literal('held'), runs: count, exploredTo: z.union([count, z.literal('all'), z.null()]) }),
  z.strictObject({ status: z.literal('inconclusive'), bound: z.string() }),
  z.strictObject({ status: z.literal('n/a') }),
  z.strictObject({ status: z.literal('error'), message: z.string() }),
]);

/** `compare --json`. */
export const COMPARE_JSON = z.strictObject({
  ...Header,
  world: z.strictObject(sizes),
  seed: count,
  runs: count,
  maxSteps: count,
  directedStates: count,
  maxDepth: count,
  maxStates: count,
  rows: z.array(z.strictObject({ design: z.string(), arch: z.enum(MPU_ARCH_IDS), cells: z.record(z.string(), Cell) })),
});

/** `scenario --json`. */
export const SCENARIO_JSON = z.strictObject({
  scenarios: z.array(
    z.discriminatedUnion('status', [
      z.strictObject({ scenario: z.string(), design: z.string(), status: z.literal('matched'), steps: count }),
      z.strictObject({ scenario: z.string(), design: z.string(), status: z.literal('no-expectation') }),
      z.strictObject({ scenario: z.string(), design: z.string(), status: z.literal('differs'), step: count, action: z.string(), expected: z.string(), actual: z.string() }),
    ]),
  ),
});

/** `check --shard I/N`: one shard's part of a check, which `merge` reads. */
export const CHECK_SHARD_JSON = z.strictObject({
  ...Header,
  kind: z.literal('check-shard'),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  /** The arguments of the whole check: every shard of one check has the same. */
  args: z.array(z.string()),
  parts: z.array(
    z.strictObject({
      property: z.string(),
      witnessed: z.boolean(),
      runs: z.array(z.strictObject({ run: z.number().int().min(1), causes: z.array(z.string().nullable()), at: z.array(count), trace: z.array(Action), threw: z.string().optional() })),
    }),
  ),
  coverage: Coverage,
});

const Violation = z.strictObject({ property: z.string(), message: z.string(), cause: z.string().optional() });

/** `explore --shard`: one shard's search below its part of the split level, which `merge` reads. */
export const EXPLORE_SHARD_JSON = z.strictObject({
  ...Header,
  kind: z.literal('explore-shard'),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  /** The arguments of the whole explore: every shard of one explore has the same. */
  args: z.array(z.string()),
  result: z.strictObject({
    depth: count,
    depthCovered: count,
    states: count,
    transitions: count,
    bound: z.string().nullable(),
    verdicts: z.array(
      z.discriminatedUnion('status', [
        z.strictObject({ property: z.string(), status: z.literal('held') }),
        z.strictObject({ property: z.string(), status: z.literal('inconclusive'), bound: z.string(), depth: count }),
        NotApplicable,
        ModelError,
        z.strictObject({ property: z.string(), status: z.literal('violated'), trace: z.array(Action), violation: Violation }),
      ]),
    ),
  }),
  /** A 52-bit hash of each state it stored, so that `merge` counts the distinct states of all shards. */
  hashes: z.array(z.number().int().min(0)),
  seconds: z.number().min(0),
  peakRssMiB: count,
  coverage: Coverage,
});

/** Every command that prints `--json` (and the parts `--shard` prints), with its schema. */
export const JSON_SCHEMAS = { check: CHECK_JSON, 'check-shard': CHECK_SHARD_JSON, explore: EXPLORE_JSON, 'explore-shard': EXPLORE_SHARD_JSON, compare: COMPARE_JSON, scenario: SCENARIO_JSON } as const;

/** The JSON Schema document of `command`'s output, as docs/schema/<command>.schema.json holds it. */
export function jsonSchemaText(command: keyof typeof JSON_SCHEMAS): string {
  const schema = z.toJSONSchema(JSON_SCHEMAS[command], { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  const document = { $schema, title: `tock-ipc-check ${command} --json`, ...rest };
  return `${JSON.stringify(document, null, 2)}\n`;
}
