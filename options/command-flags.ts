import { DEFAULT_DESIGN, MAX_REGIONS, MPU_ARCH_IDS, SIZE_PARAM_NAMES, SIZE_PARAMS } from '../model/index.ts';
import type { FlagSpec, FlagTable } from './flags.ts';
import { REPORTERS } from './report-file.ts';

/**
 * Every command's flags, declared once: the parser (`parseFlags`), the
 * integer bounds and defaults, each command's `--help` and the overall
 * usage all read this table. A flag added here is parsed, bounded and
 * documented; one missing here is an unknown option.
 */

/** Defaults of the random search: enough for the legacy design's hazards to show within seconds. */
export const DEFAULT_SEED = 1;
export const DEFAULT_RUNS = 2000;
export const DEFAULT_MAX_STEPS = 80;
/** States a directed search may store per property and kind of violation: a few seconds. */
export const DEFAULT_DIRECTED_STATES = 20_000;
/** Defaults of the exhaustive search: seconds on the default world. */
export const DEFAULT_MAX_DEPTH = 4;
export const DEFAULT_MAX_STATES = 1_000_000;
/** `compare`'s exhaustive search: shallow, so that every design on every architecture takes seconds. */
export const DEFAULT_COMPARE_DEPTH = 3;
/** The level the shards of an explore divide by default: a few thousand states on the default world. */
export const DEFAULT_SPLIT_DEPTH = 3;
/** Where `--save` writes when no `--out` is given. */
export const DEFAULT_OUT = 'counterexamples';

const design: FlagSpec = { value: 'NAME', help: 'the IPC design (list shows them), or a file holding one of your own (./my-design.ts)', default: DEFAULT_DESIGN };
const arch: FlagSpec = { value: 'NAME', help: `the MPU model: ${MPU_ARCH_IDS.join(', ')}`, default: 'cortex-m' };
const regions: FlagSpec = { value: 'N', help: "MPU regions: from what flash and app memory need, up to the architecture's maximum", default: 'per architecture', values: `up to ${MAX_REGIONS}` };
const param: FlagSpec = { value: 'NAME=VALUE', repeatable: true, help: "a parameter the design declares (list shows each design's, with its values)", default: "the design's own" };
const property: FlagSpec = { value: 'ID', repeatable: true, help: 'check only this property (list shows them)', default: 'all' };
const json: FlagSpec = { help: 'the results as one JSON document on stdout (schemas in docs/schema/)' };

/** The world's size flags, from the table that declares them. */
const sizes: FlagTable = Object.fromEntries(
  SIZE_PARAM_NAMES.map((k) => [k, { value: 'N', help: SIZE_PARAMS[k].doc, range: [SIZE_PARAMS[k].min, SIZE_PARAMS[k].max], default: SIZE_PARAMS[k].default } satisfies FlagSpec]),
);

const model: FlagTable = { design, arch, regions, ...sizes, param, property };

const randomSearch: FlagTable = {
  runs: { value: 'N', help: 'random traces per property and per kind of violation', range: [1, 10_000_000], default: DEFAULT_RUNS },
  seed: { value: 'N', help: 'the seed: the same seed gives the same results', range: [0, 2 ** 31 - 1], default: DEFAULT_SEED },
  'max-steps': { value: 'N', help: 'the longest random trace', range: [1, 10_000], default: DEFAULT_MAX_STEPS },
  'directed-states': {
    value: 'N',
    help: 'states a directed search may store per property and kind of violation, after random runs find nothing new; 0 turns it off',
    range: [0, 16_000_000],
    default: DEFAULT_DIRECTED_STATES,
  },
};

const maxStates: FlagSpec = { value: 'N', help: 'stop the exhaustive search once it stores this many states', range: [1, 1_000_000_000], default: DEFAULT_MAX_STATES };
const timeBudget: FlagSpec = { value: 'SECONDS', help: 'stop cleanly once spent: what no search decided is inconclusive', range: [1, 604_800], default: 'none' };
const save: FlagTable = {
  save: { help: 'write each counterexample as a file' },
  out: { value: 'DIR', help: 'the folder --save writes in', default: DEFAULT_OUT },
};
const reports: FlagTable = {
  reporter: { value: 'NAME', help: `also write the results for a CI system (with --output): ${REPORTERS.join(', ')}`, default: 'none' },
  output: { value: 'FILE', help: 'the file --reporter writes', default: 'none' },
  summary: { value: 'FILE', help: 'also write a Markdown summary, counterexamples as Mermaid diagrams (with GITHUB_ACTIONS set, appended to $GITHUB_STEP_SUMMARY)', default: 'none' },
};

/** One command: what it does, the operands it takes, its flags. */
export interface CommandSpec {
  readonly summary: string;
  /** Its positional arguments as usage shows them (`FILE...`), or '' for none. */
  readonly operands: string;
  readonly flags: FlagTable;
}

/** Every command, in the order usage lists them. */
export const COMMAND_SPECS = {
  check: {
    summary: 'random search for property violations, then a directed search for deep ones',
    operands: '',
    flags: {
      ...model,
      ...randomSearch,
      json,
      'time-budget': timeBudget,
      progress: { help: 'progress lines on stderr every 10 s, even when it is not a terminal or CI is set' },
      shard: { value: 'I/N', help: 'only the I-th of N slices of the runs; prints its part for merge (a CI matrix job)', default: 'none', values: '1 <= I <= N <= 1024' },
      from: { value: 'SCENARIO', help: "every random run starts with that scenario's steps, in its world unless flags say otherwise", default: 'none' },
      ...save,
      ...reports,
    },
  },
  explore: {
    summary: 'exhaustive breadth-first search up to a bound; shortest counterexamples',
    operands: '',
    flags: {
      ...model,
      'max-depth': { value: 'N', help: 'the longest trace searched', range: [1, 1000], default: DEFAULT_MAX_DEPTH },
      'max-states': maxStates,
      workers: { value: 'N', help: 'threads expanding each level', range: [1, 64], default: 1 },
      'no-symmetry': { help: 'store every world, not one per orbit of client permutations' },
      strict: { help: 'exit 1, not 0, when a bound cut the search short' },
      json,
      'time-budget': timeBudget,
      'max-memory': { value: 'MIB', help: 'stop cleanly before the process holds more', range: [64, 16 * 1024 * 1024], default: "3/4 of the machine's memory" },
      shard: { value: 'I/N', help: 'search below the I-th of N parts of the level at --split-depth; prints its part for merge', default: 'none', values: '1 <= I <= N <= 1024' },
      'split-depth': { value: 'D', help: 'the level --shard divides, below --max-depth', range: [1, 999], default: `${DEFAULT_SPLIT_DEPTH}, or --max-depth - 1 if lower` },
      ...save,
      ...reports,
    },
  },
  compare: {
    summary: 'designs against properties, on one or more architectures: a table of verdicts',
    operands: '',
    flags: {
      design: { ...design, repeatable: true, help: 'a design to compare', default: 'every design' },
      arch: { ...arch, repeatable: true, help: `an architecture to compare on: ${MPU_ARCH_IDS.join(', ')}` },
      ...sizes,
      param,
      property,
      ...randomSearch,
      'max-depth': { value: 'N', help: 'the depth of the exhaustive search after the random one; 0: none', range: [0, 1000], default: DEFAULT_COMPARE_DEPTH },
      'max-states': maxStates,
      json,
      markdown: { help: 'the table as Markdown' },
      ...reports,
    },
  },
  scenario: {
    summary: 'run named scenarios (all by default) and compare each with what it expects; for each run that differs, the first step that does',
    operands: '[NAME]...',
    flags: {
      design: { ...design, help: 'run each on this design, whether or not it expects something there', default: 'the designs each expects something of' },
      arch: { ...arch, help: 'only the scenarios on this architecture', default: 'all' },
      json,
    },
  },
  merge: {
    summary: 'the parts check --shard I/N (or explore --shard I/N) printed, every I of one N, as one search\'s results',
    operands: 'FILE...',
    flags: { json, ...save, ...reports },
  },
  replay: {
    summary: 're-run saved counterexample files step by step on the current model',
    operands: 'FILE...',
    flags: { format: { value: 'FORMAT', help: 'text, mermaid (a sequence diagram) or itf (an ITF trace); mermaid and itf take one file', default: 'text' } },
  },
  minimize: {
    summary: 'shrink a saved counterexample against the current model; writes the shorter file beside it (nothing when it is already as short)',
    operands: 'FILE',
    flags: {},
  },
  mpu: {
    summary: "run MPU call sequences (JSON Lines on stdin) on one architecture's allocator",
    operands: '',
    flags: { arch, regions },
  },
  machines: {
    summary: 'every machine of the designs (all by default), drawn from their xstate definitions as Mermaid in Markdown',
    operands: '',
    flags: { design: { ...design, repeatable: true, help: 'a design whose machines to draw', default: 'every design' }, format: { value: 'FORMAT', help: 'mermaid', default: 'mermaid' } },
  },
  report: {
    summary: "one self-contained HTML page: the results matrix, and each counterexample stepped through with every process's state and a memory map",
    operands: '[FILE...]',
    flags: {
      from: { value: 'RESULTS.json', help: 'the --json output of check, explore or compare (counterexample files may be given beside it, or instead)', default: 'none' },
      html: { value: 'OUT.html', help: 'the page to write, whole or not at all', required: true },
    },
  },
  list: {
    summary: 'the designs (with their parameters), properties, MPU architectures and scenarios',
    operands: '',
    flags: { verbose: { help: 'under each design, the properties that cannot apply to it, and why' } },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMAND_SPECS;

/** Commands whose `--design` may name a file, and which take `--property-file FILE` (loaded before the flags are parsed). */
export const LOADS_USER_MODULES: readonly CommandName[] = ['check', 'explore', 'compare', 'replay', 'minimize', 'report', 'list'];

/** A flag as usage shows it: `--runs N`, `--param NAME=VALUE...`. */
function synopsis(name: string, spec: FlagSpec): string {
  return `--${name}${spec.value === undefined ? '' : ` ${spec.value}`}${spec.repeatable === true ? '...' : ''}`;
}

/** The default and the range, as help shows them: `(default 2000; 1-10000000)`. */
function defaultAndRange(spec: FlagSpec): string {
  const parts = [
    ...(spec.default === undefined ? [] : [`default ${spec.default}`]),
    ...(spec.range === undefined ? [] : [`${spec.range[0]}-${spec.range[1]}`]),
    ...(spec.values === undefined ? [] : [spec.values]),
  ];
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

/** `tock-ipc-check COMMAND --help`: what it does and each of its flags, with its default and range. */
export function commandHelp(name: CommandName): string {
  const spec: CommandSpec = COMMAND_SPECS[name];
  const rows = Object.entries(spec.flags).map(([flag, f]) => [synopsis(flag, f), `${f.help}${defaultAndRange(f)}`] as const);
  if (LOADS_USER_MODULES.includes(name)) {
    // Where --design names a built-in design, its table entry says so; elsewhere it only loads a file.
    if (!Object.hasOwn(spec.flags, 'design')) rows.push(['--design FILE', 'a file holding a design of your own, loaded so that files and results naming it can be read']);
    rows.push(['--property-file FILE...', 'a file holding a property of your own, loaded beside the built-in ones']);
  }
  const width = Math.max(0, ...rows.map(([s]) => s.length));
  return [
    `tock-ipc-check ${name}: ${spec.summary}`,
    '',
    `usage: tock-ipc-check ${name}${spec.operands === '' ? '' : ` ${spec.operands}`}${rows.length === 0 ? '' : ' [options]'}`,
    ...(rows.length === 0 ? [] : ['', 'options:', ...rows.map(([s, h]) => `  ${s.padEnd(width)}  ${h}`)]),
  ].join('\n');
}

/** `tock-ipc-check --help`: every command with its flags, and the exit codes. */
export function overallUsage(): string {
  const commands = (Object.keys(COMMAND_SPECS) as CommandName[]).flatMap((name) => {
    const spec: CommandSpec = COMMAND_SPECS[name];
    const flags = [spec.operands, ...Object.entries(spec.flags).map(([flag, f]) => (f.required === true ? synopsis(flag, f) : `[${synopsis(flag, f)}]`))].filter((s) => s !== '');
    return [`  ${name.padEnd(9)} ${spec.summary}`, ...wrap(flags, 12, 100)];
  });
  return [
    'usage: tock-ipc-check <command> [options]',
    '       tock-ipc-check <command> --help   (its options, with their defaults and ranges)',
    '',
    'commands:',
    ...commands,
    '',
    'a design or property of your own: --design ./my-design.ts (wherever a design is named; replay and minimize',
    '            load it too) and --property-file ./my-property.ts (repeatable); see the README, "Write your own design"',
    '',
    'exit codes: 0 every checked property held, 1 a property was violated, 2 bad usage or input,',
    '            3 a search failed (check: the model threw; explore --workers N > 1: a thread ran out of memory, or a shared table filled),',
    '            4 an internal error: one line naming a crash report in the temporary folder',
  ].join('\n');
}

/** `words` joined by spaces into lines of at most `width` characters, each indented by `indent`. */
function wrap(words: readonly string[], indent: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && indent + line.length + 1 + w.length > width) {
      lines.push(`${' '.repeat(indent)}${line}`);
      line = w;
    } else {
      line = line === '' ? w : `${line} ${w}`;
    }
  }
  if (line !== '') lines.push(`${' '.repeat(indent)}${line}`);
  return lines;
}
