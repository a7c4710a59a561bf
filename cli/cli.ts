import { TOOL_VERSION, itfTrace, mermaidDiagram, minimizeFile, readText, replayPath, resultLines, saveAll, saveFound, saveInFolder, savedLine } from '../trace/index.ts';
import { match } from 'ts-pattern';
import { counted, DEFAULT_REGIONS, DESIGNS, initialWorld, MPU_ARCH_IDS, paramValues } from '../model/index.ts';
import { applies, inapplicableWhy, PROPERTIES, type PropertyId } from '../properties/index.ts';
import { basename, dirname, resolve } from 'node:path';
import { checkScenario, checkShard, compare, Coverage, checkRandom, exploreWith, mergeExploreParts, mergeShards, partitionOf, type CoverageReport, type Budget, type ExploreOptions, type ExploreResult, type PropertyResult, type RunProgress, type Shard } from '../engine/index.ts';
import { machinesMarkdown } from './machine-diagram.ts';
import { crashLine } from './crash-report.ts';
import { DepthForecast } from './depth-forecast.ts';
import { checkCases, compareCases, exploreCases, junitXml, writeReport } from './junit-report.ts';
import { annotations, checkJudged, compareSummary, exploreJudged, summaryMarkdown } from './github-report.ts';
import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** A shard part as `merge` read it, with the file it came from. */
type ShardDocument = (ReturnType<typeof CHECK_SHARD_JSON.parse> | ReturnType<typeof EXPLORE_SHARD_JSON.parse>) & { readonly file: string };
type CheckShardDocument = Extract<ShardDocument, { kind: 'check-shard' }>;
type ExploreShardDocument = Extract<ShardDocument, { kind: 'explore-shard' }>;

/** How many states merged shards stored in all against how many distinct ones. */
interface ShardOverlap {
  readonly count: number;
  readonly splitDepth: number;
  readonly stored: number;
  readonly distinct: number;
}
import { namesUserModule, refuseDesignName, LOADS_USER_MODULES, withUserModules, DEFAULT_ARCH, COMMAND_SPECS, commandHelp, stepSummaryFile, writableFile, overallUsage, type CommandName, type CheckOptions, parseCheckOptions, parseExploreOptions, type ExploreCliOptions, parseCompareOptions, parseScenarioOptions, designNamed, archFlag, parseFlags, parseFlagsAndFiles, regionsFlag, UsageError } from '../options/index.ts';
import { compareJson, compareMarkdown, compareText, rowProgress } from './compare-report.ts';
import { CHECK_SHARD_JSON, checkJson, EXPLORE_SHARD_JSON } from '../api/index.ts';
import { coverageLines } from './coverage-report.ts';
import { exploreArgs, exploreHeader, exploreJson, exploreSummary, verdictLines, type Measured } from './explore-report.ts';
import { replayLines } from './replay-report.ts';
import { answerLine } from './mpu-command.ts';
import { checkHeader, repeatArgs, repeatCommand, summaryLine } from './check-report.ts';
import { scenarioLine, scenarioSummary } from './scenario-report.ts';
import { SCENARIOS } from '../scenarios/index.ts';
import { reportPage, ReportInputError } from '../report/index.ts';

/** Where the CLI reads and writes; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** All of standard input (read only by commands that take input). */
  input(): string;
  /**
   * A transient status line (bin/ draws it on stderr, over the last one,
   * when stderr is a terminal and CI is not set; '' clears it); absent,
   * progress is shown only when asked (`--progress`), as lines on stderr.
   */
  progress?(text: string): void;
  /** The environment the CLI reads (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY): bin/ passes process.env; absent, none is read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The signal (`SIGINT`, `SIGTERM`) that asked the search to stop, or
   * null: `check` and `explore` then stop as a spent budget stops them,
   * and report, save and exit by what they found. bin/ runs those two in a
   * worker thread so that a signal is heard during a synchronous search.
   */
  interrupted?(): string | null;
}

/** Exit codes a CI job can trust. */
export const EXIT = { held: 0, violated: 1, usage: 2, failed: 3, internal: 4 } as const;

/**
 * Runs one CLI invocation and returns its exit code; the only place results
 * become exit codes. Bad input is one line and exit 2; anything else thrown
 * is an internal error: one line naming a crash report, and exit 4.
 */
export function main(argv: readonly string[], given: Io): number | Promise<number> {
  const io: Io = { ...given, err: (line) => given.err(oneLine(line)) };
  const failed = (e: unknown): number => {
    if (e instanceof UsageError) {
      io.err(`tock-ipc-check: ${e.message}`);
      return EXIT.usage;
    }
    io.err(crashLine(e, argv));
    return EXIT.internal;
  };
  try {
    const code = dispatch(argv, io);
    return typeof code === 'number' ? code : code.catch(failed);
  } catch (e) {
    return failed(e);
  }
}

/**
 * `line` as one line of plain text: a control character (a newline in a
 * parser's message, a byte of a binary file it quotes) is written as an
 * escape, so a message never breaks in two or drives the terminal.
 */
function oneLine(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Runs the command `argv` names; throws `UsageError` on bad input. */
function dispatch(argv: readonly string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  if (argv.includes('--help') || argv.includes('-h') || command === 'help') {
    const named = command === 'help' ? rest[0] : command;
    io.out(named !== undefined && Object.hasOwn(COMMAND_SPECS, named) ? commandHelp(named as CommandName) : overallUsage());
    return EXIT.held;
  }
  if (command === '--version') {
    io.out(TOOL_VERSION);
    return EXIT.held;
  }
  if (command === undefined) throw new UsageError('no command given (try --help)');
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
  const run = COMMANDS[command]!;
  // Where a summary will be appended (by the commands that write one), checked before a search rather than after it.
  if (Object.hasOwn(COMMAND_SPECS[command as CommandName].flags, 'summary')) stepSummaryFile(io.env ?? {});
  // Replay, minimize and report read the design from their input, list lists every design: there --design only loads a file.
  const keepDesign = Object.hasOwn(COMMAND_SPECS[command as CommandName].flags, 'design');
  if (!keepDesign && LOADS_USER_MODULES.includes(command as CommandName)) refuseDesignName(command, rest);
  if (!namesUserModule(rest)) return run(rest, io);
  // A user's design or property file: load it first, then run on its id.
  return withUserModules(rest, keepDesign).then((args) => run(args, io));
}

/** Every command, by name, in the order usage errors list them. */
const COMMANDS: Readonly<Record<string, (args: readonly string[], io: Io) => number | Promise<number>>> = {
  check: (args, io) => check(args, io),
  explore: (args, io) => explore(args, io),
  compare: (args, io) => compareCommand(args, io),
  scenario: (args, io) => scenario(args, io),
  replay: (args, io) => replay(args, io),
  minimize: (args, io) => minimize(args, io),
  mpu: (args, io) => mpu(args, io),
  machines: (args, io) => machines(args, io),
  merge: (args, io) => merge(args, io),
  report: (args, io) => reportCommand(args, io),
  list: (args, io) => list(parseFlags(args, COMMAND_SPECS.list.flags).verbose === true, io),
};

function check(args: readonly string[], io: Io): number {
  const options = parseCheckOptions(args);
  const started = process.hrtime.bigint();
  if (options.shard !== null) return checkShardCommand(options, options.shard, io, started);
  if (!options.json) checkHeader(options).forEach((l) => io.out(l));
  const coverage = new Coverage(options.design);
  const firstCounterexample: Partial<Record<PropertyId, number>> = {};
  const results = checkRandom({
    ...options,
    budget: budgetOf(io, options.timeBudget, started),
    onRun: runProgress(io, options, started),
    coverage,
    onResult: options.json ? undefined : (r) => resultLines(options.design.kinds, r).forEach((l) => io.out(l)),
    onCounterexample: (property) => (firstCounterexample[property] ??= roundedSeconds(started)),
  });
  io.progress?.('');
  return reportCheck(options, results, coverage.report(), io, started, { firstCounterexample });
}

/** `check --shard I/N`: this shard's part, as one JSON document on stdout, for `merge`. */
function checkShardCommand(options: CheckOptions, shard: Shard, io: Io, started: bigint): number {
  const coverage = new Coverage(options.design);
  const parts = checkShard({ ...options, onRun: runProgress(io, options, started), coverage }, shard);
  io.progress?.('');
  io.out(JSON.stringify({ tool: 'tock-ipc-check', version: TOOL_VERSION, kind: 'check-shard', shard, args: repeatArgs(options), parts, coverage: coverage.report() }, null, 2));
  return EXIT.held;
}

/**
 * `merge FILE...`: the parts `check --shard I/N` printed, for I from 1 to N,
 * made into the results one check of all runs gives, reported as `check`
 * reports them (text, `--json`, `--save`, `--reporter`, `--summary`).
 */
function merge(args: readonly string[], io: Io): number | Promise<number> {
  const { positionals } = parseFlagsAndFiles(args, COMMAND_SPECS.merge.flags);
  const shards = readShards(positionals);
  const flags = args.filter((a) => !positionals.includes(a));
  const run = (whole: readonly string[]) =>
    shards[0]!.kind === 'check-shard' ? mergeReport(shards as CheckShardDocument[], whole, flags, io) : mergeExploreReport(shards as ExploreShardDocument[], whole, flags, io);
  if (!namesUserModule(shards[0]!.args)) return run(shards[0]!.args);
  // A design or property file of the user's: loaded as the shards loaded it, then the check runs on its id.
  return withUserModules(shards[0]!.args).then(run);
}

/** The merged results of explore `shards`, for the explore `whole` names, reported with merge's own `flags`. */
function mergeExploreReport(shards: readonly ExploreShardDocument[], whole: readonly string[], flags: readonly string[], io: Io): number {
  const options = { ...parseExploreOptions([...whole.filter((a, i) => a !== '--split-depth' && whole[i - 1] !== '--split-depth'), ...flags]), shard: null };
  const coverage = new Coverage(options.design);
  for (const shard of shards) coverage.absorb(shard.coverage);
  const merged = mergeExploreParts(options.properties, shards.map((s) => ({ result: s.result as ExploreResult, hashes: s.hashes })));
  const measured = { seconds: shards.reduce((t, s) => t + s.seconds, 0), peakRssMiB: Math.max(...shards.map((s) => s.peakRssMiB)) };
  const split = Number(whole[whole.indexOf('--split-depth') + 1]);
  if (!options.json) io.out(`tock-ipc-check merge: ${shards.length} shard(s) of: tock-ipc-check explore ${whole.join(' ')}`);
  return exploreReport(options, merged.result, measured, coverage, io, { count: shards.length, splitDepth: split, stored: merged.stored, distinct: merged.distinct });
}

/** The merged results of check `shards`, for the check `whole` names, reported with merge's own `flags`. */
function mergeReport(shards: readonly CheckShardDocument[], whole: readonly string[], flags: readonly string[], io: Io): number {
  const options: CheckOptions = { ...parseCheckOptions([...whole, ...flags]), shard: null };
  const started = process.hrtime.bigint();
  const coverage = new Coverage(options.design);
  for (const shard of shards) coverage.absorb(shard.coverage);
  const results = mergeShards({ ...options, coverage }, shards.flatMap((s) => s.parts));
  if (!options.json) {
    io.out(`tock-ipc-check merge: ${shards.length} shard(s) of: tock-ipc-check check ${shards[0]!.args.join(' ')}`);
    results.forEach((r) => resultLines(options.design.kinds, r).forEach((l) => io.out(l)));
  }
  return reportCheck(options, results, coverage.report(), io, started);
}

/** The shard parts in `files`, checked to be the N parts of one check, each once; throws `UsageError` naming the file and the problem. */
function readShards(files: readonly string[]): ShardDocument[] {
  if (files.length === 0) throw new UsageError('merge needs the files check --shard I/N printed');
  const shards = files.map((file) => {
    let json: unknown;
    try {
      const text = readText(file);
      if (!text.ok) throw new UsageError(`${file}: ${text.problem}`);
      json = JSON.parse(text.text);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${file}: not JSON (${(e as Error).message})`);
    }
    const kind = (json as { kind?: unknown } | null)?.kind;
    const parsed = (kind === 'explore-shard' ? EXPLORE_SHARD_JSON : CHECK_SHARD_JSON).safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`${file}: not a ${kind === 'explore-shard' ? 'explore' : 'check'} --shard part (${issue.path.map(String).join('.') || '(file)'}: ${issue.message})`);
    }
    return { file, ...parsed.data } as ShardDocument;
  });
  const [first] = shards;
  for (const s of shards) {
    if (s.version !== TOOL_VERSION) throw new UsageError(`${s.file}: made by tock-ipc-check ${s.version}, not this ${TOOL_VERSION}`);
    if (s.kind !== first!.kind || s.shard.count !== first!.shard.count || s.args.join(' ') !== first!.args.join(' ')) throw new UsageError(`${s.file}: a part of another search than ${first!.file}`);
  }
  const count = first!.shard.count;
  for (let index = 1; index <= count; index++) {
    const of = shards.filter((s) => s.shard.index === index);
    if (of.length === 0) throw new UsageError(`shard ${index}/${count} is missing`);
    if (of.length > 1) throw new UsageError(`shard ${index}/${count} is given twice (${of.map((s) => s.file).join(', ')})`);
  }
  return shards;
}

/**
 * What `check` times for `--json`'s `timings` (with the seconds to the
 * end): wall-clock seconds from the start of the search to each violated
 * property's first counterexample. The one part of the document two runs
 * of a seed do not share; `merge` has none (its shards ran apart).
 */
interface CheckTimings {
  readonly firstCounterexample: Partial<Record<PropertyId, number>>;
}

/** Seconds since `started`, to the millisecond. */
function roundedSeconds(started: bigint): number {
  return Math.round(secondsSince(started) * 1000) / 1000;
}

/** Everything after a check's searches: files, reports, the output and the exit code. */
function reportCheck(options: CheckOptions, results: readonly PropertyResult[], coverage: CoverageReport, io: Io, started: bigint, timings?: CheckTimings): number {
  const saved = options.saveTo === null ? [] : saveAll(options, options.saveTo, results);
  if (options.report !== null) writeReport(options.report.path, junitXml(`check ${options.design.id} on ${options.params.arch}`, checkCases(options, results), secondsSince(started)));
  const judged = checkJudged(results);
  toGithub(io, options, annotations(options.design, options.params, judged, `repeat: ${repeatCommand(options)}`), () => summaryMarkdown(`tock-ipc-check check: ${options.design.id} on ${options.params.arch}`, options.design, options.params, judged));
  const timed = timings === undefined ? {} : { timings: { seconds: roundedSeconds(started), firstCounterexample: timings.firstCounterexample } };
  if (options.json) io.out(JSON.stringify({ ...checkJson(options, results, coverage), saved, ...interruption(io), ...timed }, null, 2));
  else {
    saved.forEach((s) => io.out(savedLine(s)));
    io.out('');
    coverageLines(coverage).forEach((l) => io.out(l));
    io.out(`\n${summaryLine(options, results)}`);
    interruptedLine(io);
  }
  if (results.some((r) => r.status === 'error')) return EXIT.failed;
  return results.some((r) => r.status === 'violated') ? EXIT.violated : EXIT.held;
}

/**
 * `compare`: every design named (all by default) on every architecture
 * named, against the properties; a row per design and architecture as it
 * is done, then the table. Exit 1 when an applicable property is violated.
 */
function compareCommand(args: readonly string[], io: Io): number {
  const options = parseCompareOptions(args);
  const begun = process.hrtime.bigint();
  let started = begun;
  const rows = compare(options, (row) => {
    const now = process.hrtime.bigint();
    if (options.format === 'text') io.out(rowProgress(row, Number(now - started) / 1e9));
    started = now;
  });
  match(options.format)
    .with('text', () => ['', ...compareText(options, rows)].forEach((l) => io.out(l)))
    .with('markdown', () => compareMarkdown(options, rows).forEach((l) => io.out(l)))
    .with('json', () => io.out(JSON.stringify(compareJson(options, rows), null, 2)))
    .exhaustive();
  if (options.report !== null) writeReport(options.report.path, junitXml('compare', compareCases(rows), secondsSince(begun)));
  toGithub(io, { json: options.format === 'json', summary: options.summary }, [], () => compareSummary(options, rows));
  return rows.some((r) => r.cells.some((c) => c.cell.status === 'violated')) ? EXIT.violated : EXIT.held;
}

/**
 * What a GitHub Actions run gets: with GITHUB_ACTIONS set, the `::error`
 * lines (on stderr under `--json`, so that stdout stays one document) and
 * the summary appended to $GITHUB_STEP_SUMMARY; with `--summary FILE`, the
 * summary written there, whatever the environment.
 */
function toGithub(io: Io, options: { readonly json: boolean; readonly summary: string | null }, errors: readonly string[], summary: () => string): void {
  const env = io.env ?? {};
  const actions = env.GITHUB_ACTIONS === 'true';
  if (actions) errors.forEach((l) => (options.json ? io.err(l) : io.out(l)));
  if (options.summary !== null) writeReport(options.summary, summary());
  else if (actions && env.GITHUB_STEP_SUMMARY !== undefined && env.GITHUB_STEP_SUMMARY !== '') appendFileSync(env.GITHUB_STEP_SUMMARY, summary());
}

/**
 * `check`'s progress: on a terminal (Io.progress), a line redrawn four
 * times a second; asked with `--progress`, a line on stderr every ten
 * seconds; otherwise, and under `--json` unless asked, nothing.
 */
function runProgress(io: Io, options: CheckOptions, started: bigint): ((p: RunProgress) => void) | undefined {
  const draw = options.progress ? (t: string) => io.err(t) : options.json ? undefined : io.progress?.bind(io);
  if (draw === undefined) return undefined;
  const every = options.progress ? 10_000_000_000n : 250_000_000n;
  let last = started;
  let total = 0;
  return (p) => {
    total++;
    const now = process.hrtime.bigint();
    if (now - last < every) return;
    last = now;
    const rate = total / secondsSince(started);
    const left = (p.runs - p.runsDone + (p.of - p.index) * p.runs) / rate;
    draw(`check: property ${p.index} of ${p.of} (${p.property}), run ${p.runsDone} of ${p.runs}, ${Math.round(rate)} runs/s, about ${Math.ceil(left)} s left`);
  };
}

/**
 * The JavaScript heap a search may use: most of V8's limit, less what that
 * limit counts beside the old space (the young generation's semi-spaces,
 * code), which a full old space never leaves room for.
 */
function heapCeiling(): number {
  return (getHeapStatistics().heap_size_limit - 64 * 2 ** 20) * 0.85;
}

/**
 * The limits a search keeps: a signal (`Io.interrupted`), `--time-budget`,
 * counted from `start` (process.hrtime.bigint()), and for `explore` a
 * memory ceiling (see `memoryCeiling`); undefined when there is none.
 * Memory is read on one look in 16, the signal and time on every one.
 */
function budgetOf(io: Io, seconds: number | null, start: bigint, maxMemoryMiB: number | null = null): Budget | undefined {
  const interrupted = io.interrupted?.bind(io);
  if (seconds === null && maxMemoryMiB === null && interrupted === undefined) return undefined;
  const end = seconds === null ? null : start + BigInt(seconds) * 1_000_000_000n;
  const heapLimit = heapCeiling();
  let looks = 0;
  let bound = '';
  return {
    spent: () => {
      const signal = interrupted?.() ?? null;
      if (signal !== null) bound = signal;
      else if (end !== null && process.hrtime.bigint() >= end) bound = `time budget of ${seconds} s spent`;
      else if (maxMemoryMiB !== null && (looks++ & 15) === 0) {
        const rss = process.memoryUsage.rss() / 2 ** 20;
        if (rss > maxMemoryMiB) bound = `memory ceiling of ${maxMemoryMiB} MiB reached (RSS ${Math.round(rss)} MiB)`;
        else if (process.memoryUsage().heapUsed > heapLimit) bound = `memory ceiling reached: the JavaScript heap is near its limit of ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MiB (node --max-old-space-size raises it)`;
      }
      return bound !== '';
    },
    get bound() {
      return bound;
    },
  };
}

/** `{ interrupted: true }` for a `--json` document when a signal stopped the search; `{}` otherwise. */
function interruption(io: Io): { interrupted?: true } {
  return (io.interrupted?.() ?? null) === null ? {} : { interrupted: true };
}

/** The last line of a text report when a signal stopped the search. */
function interruptedLine(io: Io): void {
  const signal = io.interrupted?.() ?? null;
  if (signal !== null) io.out(`interrupted by ${signal}: the results above are what the search found before it stopped; the exit code follows them`);
}

/** Seconds since `start` (process.hrtime.bigint()). */
function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Least time between two progress lines within a level. */
const PROGRESS_EVERY_NS = 10_000_000_000n;

/**
 * `explore`: breadth-first search with progress per depth (and every ten seconds within a long level). Exit 1 when a
 * property was violated; a search cut short by a bound, or one whose
 * properties' witnesses went unreached, exits 0 and says so on its last
 * line, or 1 with `--strict`.
 */
function explore(args: readonly string[], io: Io): number | Promise<number> {
  const options = parseExploreOptions(args);
  const holding = Math.ceil(process.memoryUsage.rss() / 2 ** 20);
  if (options.maxMemory < holding) throw new UsageError(`--max-memory ${options.maxMemory} is below what this process holds before searching (${holding} MiB): the search could not begin`);
  const cores = availableParallelism();
  if (options.workers > cores) io.err(`tock-ipc-check: warning: --workers ${options.workers} on ${cores} core(s): threads beyond the cores share them, each with a memo of its own, and only slow the search`);
  if (options.shard !== null) return exploreShardCommand(options, options.shard, io);
  if (!options.json) exploreHeader(options).forEach((l) => io.out(l));
  const started = process.hrtime.bigint();
  let peak = process.memoryUsage().rss;
  const coverage = new Coverage(options.design);
  let lastNote = started;
  const forecast = new DepthForecast(options.maxDepth, options.maxStates);
  const search: ExploreOptions = {
    ...options,
    budget: budgetOf(io, options.timeBudget, started, options.maxMemory),
    coverage,
    onDepth: (p) => {
      peak = Math.max(peak, process.memoryUsage().rss);
      const last = p.depth === options.maxDepth ? ` (depth ${p.depth} judged, its states not stored)` : '';
      if (!options.json) io.out(`depth ${p.depth}: ${counted(p.states, 'state')}, ${counted(p.transitions, 'transition')}${last}`);
      const warning = forecast.depthDone(p.depth, p.states);
      if (warning !== null) io.err(`tock-ipc-check: ${warning}`);
    },
    onLevel: (p) => {
      // The peak is sampled within levels too, where a search holds the most (even under --json, which prints no progress).
      peak = Math.max(peak, process.memoryUsage.rss());
      const now = process.hrtime.bigint();
      if (options.json || now - lastNote < PROGRESS_EVERY_NS) return;
      lastNote = now;
      io.out(`depth ${p.depth}: ${p.expanded} of ${p.of} states of depth ${p.depth - 1} expanded (${Math.floor((100 * p.expanded) / p.of)}%), RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
    },
  };
  const report = (result: ExploreResult) => {
    peak = Math.max(peak, process.memoryUsage().rss);
    return exploreReport(options, result, { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMiB: Math.round(peak / 2 ** 20) }, coverage, io);
  };
  const result = exploreWith({ ...search, workers: options.workers });
  if (!(result instanceof Promise)) return report(result);
  return result.then(report, (e: Error) => {
    io.err(`tock-ipc-check: the search stopped: ${e.message}`);
    return EXIT.failed;
  });
}

/** `explore --shard I/N`: this shard's search below its part of the split level, as one JSON document on stdout, for `merge`. */
function exploreShardCommand(options: ExploreCliOptions, shard: Shard, io: Io): number {
  const started = process.hrtime.bigint();
  const coverage = new Coverage(options.design);
  const { partition, hashes } = partitionOf(shard, options.splitDepth);
  const result = exploreWith({ ...options, coverage, partition, workers: 1 }) as ExploreResult;
  const { depth, depthCovered, states, transitions, bound, verdicts } = result;
  const document = { tool: 'tock-ipc-check', version: TOOL_VERSION, kind: 'explore-shard', shard, args: [...exploreArgs(options), '--split-depth', String(options.splitDepth)], result: { depth, depthCovered, states, transitions, bound, verdicts }, hashes, seconds: secondsSince(started), peakRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), coverage: coverage.report() };
  io.out(JSON.stringify(document));
  return EXIT.held;
}

/** Prints (or saves) what `explore` found; its exit code. `shards`, when it was merged of shards: their overlap. */
function exploreReport(options: ExploreCliOptions, result: ExploreResult, measured: Measured, coverage: Coverage, io: Io, shards?: ShardOverlap): number {
  const saved =
    options.saveTo === null
      ? []
      : saveFound(
          options.saveTo,
          options,
          result.verdicts.flatMap((v) => (v.status === 'violated' ? [{ ...v, search: { engine: 'bfs' as const, maxDepth: options.maxDepth } }] : [])),
        );
  if (options.report !== null) writeReport(options.report.path, junitXml(`explore ${options.design.id} on ${options.params.arch}`, exploreCases(options, result), measured.seconds));
  const judged = exploreJudged(options, result);
  toGithub(io, options, annotations(options.design, options.params, judged, `explore --max-depth ${options.maxDepth}`), () => summaryMarkdown(`tock-ipc-check explore: ${options.design.id} on ${options.params.arch}, to depth ${options.maxDepth}`, options.design, options.params, judged));
  if (options.json) io.out(JSON.stringify({ ...exploreJson(options, result, measured, coverage.report()), saved, ...(shards === undefined ? {} : { shards }), ...interruption(io) }, null, 2));
  else {
    io.out('');
    result.verdicts.forEach((v) => verdictLines(options, v).forEach((l) => io.out(l)));
    saved.forEach((s) => io.out(savedLine(s)));
    io.out('');
    coverageLines(coverage.report()).forEach((l) => io.out(l));
    exploreSummary(options, result, measured).forEach((l) => io.out(l));
    if (shards !== undefined) {
      const overlap = shards.stored - shards.distinct;
      io.out(`${shards.count} shards split at depth ${shards.splitDepth} stored ${shards.stored} states in all, ${shards.distinct} distinct: ${overlap} (${((100 * overlap) / Math.max(1, shards.stored)).toFixed(1)}%) stored by more than one shard (every shard stores the levels down to the split; below it, states reachable from several parts)`);
    }
    interruptedLine(io);
  }
  if (result.verdicts.some((v) => v.status === 'error')) return EXIT.failed;
  if (result.verdicts.some((v) => v.status === 'violated')) return EXIT.violated;
  return options.strict && result.verdicts.some((v) => v.status === 'inconclusive') ? EXIT.violated : EXIT.held;
}


/**
 * `report [--from RESULTS.json] [FILE...] --html OUT.html`: one
 * self-contained page of the results and counterexamples given. Every
 * input is read and checked before the page is written, whole or not at all.
 */
function reportCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseFlagsAndFiles(args, COMMAND_SPECS.report.flags);
  const out = writableFile('--html', values.html as string);
  const inputs = [...(values.from === undefined ? [] : [values.from as string]), ...positionals];
  if (inputs.length === 0) throw new UsageError('report needs --from RESULTS.json (check, explore or compare --json) or counterexample files');
  const overwritten = inputs.find((name) => resolve(name) === resolve(out));
  if (overwritten !== undefined) throw new UsageError(`--html ${out}: is the input ${overwritten}; the page would overwrite it`);
  const documents = inputs.map((name) => {
    const text = readText(name);
    if (!text.ok) throw new UsageError(`${name}: ${text.problem}`);
    return { name, text: text.text };
  });
  let page: string;
  try {
    page = reportPage(documents);
  } catch (e) {
    if (e instanceof ReportInputError) throw new UsageError(e.message);
    throw e;
  }
  writeReport(out, page);
  io.out(`wrote ${out}`);
  return EXIT.held;
}

/** `scenario [NAME]...`: a line per scenario and design; exit 1 when any differs from its expectation. */
function scenario(args: readonly string[], io: Io): number {
  const options = parseScenarioOptions(args);
  const checks = options.runs.map(({ scenario, design }) => {
    const check = checkScenario(scenario, design);
    if (!options.json) io.out(scenarioLine(check));
    return check;
  });
  if (options.json) io.out(JSON.stringify({ scenarios: checks }, null, 2));
  else io.out(`\n${scenarioSummary(checks)}`);
  return checks.some((c) => c.status === 'differs') ? EXIT.violated : EXIT.held;
}

/**
 * `replay FILE...`: each file's trace step by step with what changed, then
 * whether the recorded violation reproduced. Exit 2 if any file was
 * unreadable or invalid, else 1 if any did not reproduce, else 0.
 */
function replay(args: readonly string[], io: Io): number {
  const { positionals, values } = parseFlagsAndFiles(args, COMMAND_SPECS.replay.flags);
  if (positionals.length === 0) throw new UsageError('replay needs at least one counterexample file');
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'mermaid' && format !== 'itf') {
    throw new UsageError(`unknown format '${format}' (formats: text, mermaid, itf)`);
  }
  // One diagram or one ITF document per run: several back to back would not parse as one.
  if (format !== 'text' && positionals.length > 1) throw new UsageError(`--format ${format} replays one file at a time (got ${positionals.length})`);
  let code: number = EXIT.held;
  for (const path of positionals) {
    const result = replayPath(path);
    if (result.kind === 'invalid') {
      io.err(`tock-ipc-check: ${path}: ${result.problem}`);
      code = EXIT.usage;
      continue;
    }
    const initial = initialWorld(result.file.model.params);
    match(format)
      .with('text', () => replayLines(path, result.file, result.replay).forEach((l) => io.out(l)))
      .with('mermaid', () => io.out(mermaidDiagram(result.file, initial, result.replay).trimEnd()))
      .with('itf', () =>
        io.out(JSON.stringify(itfTrace(result.file, basename(path), [initial, ...result.replay.steps.map((s) => s.world)], result.replay.steps), null, 2)),
      )
      .exhaustive();
    if (result.replay.kind !== 'reproduced' && code === EXIT.held) code = EXIT.violated;
  }
  return code;
}

/** `minimize FILE`: exit 0 with the shorter file written, 1 if the file no longer reproduces, 2 if invalid. */
function minimize(args: readonly string[], io: Io): number {
  const { positionals } = parseFlagsAndFiles(args, COMMAND_SPECS.minimize.flags);
  if (positionals.length !== 1) throw new UsageError('minimize needs exactly one counterexample file');
  const path = positionals[0]!;
  const text = readText(path);
  if (!text.ok) {
    io.err(`tock-ipc-check: ${path}: ${text.problem}`);
    return EXIT.usage;
  }
  const result = minimizeFile(text.text, basename(path));
  if (result.kind === 'invalid') {
    io.err(`tock-ipc-check: ${path}: ${result.problem}`);
    return EXIT.usage;
  }
  if (result.kind === 'not-reproduced') {
    io.out(`NOT REPRODUCED: ${result.why}`);
    return EXIT.violated;
  }
  if (result.kind === 'minimal') {
    io.out(`${result.property}: ${counted(result.steps, 'step')}, as short as minimize makes it; nothing written`);
    return EXIT.held;
  }
  const saved = saveInFolder(dirname(path), result.file);
  io.out(`${result.file.property}: ${counted(result.from, 'step')} -> ${result.file.trace.length}; ${saved.status === 'written' ? 'wrote' : 'already there:'} ${saved.path}`);
  return EXIT.held;
}

/**
 * `mpu`: one JSON answer per input line, in order: an array with a result
 * per op, or `{"error": ...}` for a malformed line. Exits 2 if any line was
 * malformed, after answering them all.
 */
function mpu(args: readonly string[], io: Io): number {
  const values = parseFlags(args, COMMAND_SPECS.mpu.flags);
  const arch = archFlag(values, DEFAULT_ARCH);
  const regions = regionsFlag(values, arch);
  let malformed = 0;
  io.input()
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const answer = answerLine(arch, regions, line, i + 1);
      if ('error' in answer) malformed++;
      io.out(JSON.stringify(answer));
    });
  return malformed > 0 ? EXIT.usage : EXIT.held;
}

/** `machines`: every machine of the designs named (all by default), drawn from xstate's definitions as Mermaid in Markdown. */
function machines(args: readonly string[], io: Io): number {
  const values = parseFlags(args, COMMAND_SPECS.machines.flags);
  if (values.format !== undefined && values.format !== 'mermaid') throw new UsageError(`--format must be mermaid, got '${String(values.format)}'`);
  const ids = (values.design as string[] | undefined) ?? [];
  const designs = ids.length === 0 ? DESIGNS : ids.map(designNamed);
  machinesMarkdown(designs).forEach((l) => io.out(l));
  return EXIT.held;
}

/** Designs, properties, architectures and scenarios; `verbose` adds, under each design, the properties n/a for it and why. */
function list(verbose: boolean, io: Io): number {
  const width = Math.max(20, ...DESIGNS.map((d) => d.id.length), ...PROPERTIES.map((p) => p.id.length));
  io.out('designs:');
  DESIGNS.forEach((d) => {
    io.out(`  ${d.id.padEnd(width)} ${d.summary}`);
    for (const p of d.params ?? []) io.out(`  ${''.padEnd(width)}   --param ${p.name}=${paramValues(p)} (default ${p.default}): ${p.doc}`);
    if (verbose) for (const p of PROPERTIES.filter((q) => !applies(q, d))) io.out(`  ${''.padEnd(width)}   n/a ${p.id}: ${inapplicableWhy(p, d)}`);
  });
  io.out('properties:');
  PROPERTIES.forEach((p) => io.out(`  ${p.id.padEnd(width)} ${p.description}`));
  io.out('MPU architectures (--arch):');
  MPU_ARCH_IDS.forEach((a) => io.out(`  ${a.padEnd(width)} default --regions ${DEFAULT_REGIONS[a]}`));
  io.out('scenarios (tock-ipc-check scenario NAME):');
  SCENARIOS.forEach((s) => io.out(`  ${s.id.padEnd(width)} ${s.summary} [${Object.keys(s.expected).join(', ')}]`));
  return EXIT.held;
}
