import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';
import { designById } from '../model/index.ts';
import { processMachine } from '../model/process-machine.ts';

/** Runs the CLI in-process and captures what it prints. */
function cli(...argv: string[]): { code: number; out: string; err: string[] } {
  return cliWithInput('', ...argv);
}

function cliWithInput(input: string, ...argv: string[]): { code: number; out: string; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = synchronous(main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => input }));
  return { code, out: out.join('\n'), err };
}

describe('check', () => {
  it('exits 1 and prints each violation with numbered steps', () => {
    const { code, out } = cli('check', '--seed', '1', '--property', 'revocation');
    expect(code).toBe(1);
    expect(out).toMatch(/VIOLATED {2}revocation: /);
    expect(out).toMatch(/^ {3}1\. #\d .*-> SUCCESS/m);
    expect(out).toMatch(/1 of 1 properties violated; repeat: tock-ipc-check check --design tock-2.2 --arch cortex-m --seed 1 --property revocation$/m);
  });

  it("prints the README's example of 'Reading the output', and saves the file its sample shows", () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const example = readme.split('## Reading the output')[1]!.split('```')[1]!.trim();
    const sample = /"fingerprint": "([0-9a-f]+)"/.exec(readme.split('A file holds:')[1]!)![1];
    const dir = mkdtempSync(join(tmpdir(), 'readme-'));
    const { out } = cli('check', '--property', 'revocation', '--save', '--out', dir);
    expect(out).toContain(example);
    const [file] = readdirSync(join(dir, 'tock-2.2'));
    expect(JSON.parse(readFileSync(join(dir, 'tock-2.2', file!), 'utf8')).model.fingerprint).toBe(sample);
  });

  it('with --json prints one object with the design, seed and a result per property', () => {
    const { code, out } = cli('check', '--json', '--seed', '2');
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ design: 'tock-2.2', seed: 2 });
    expect(report.results.map((r: { property: string }) => r.property)).toEqual([
      'isolation',
      'stale-generation',
      'graceful-exhaustion',
      'revocation',
      'delivery',
      'response-matching',
      'fairness',
      'discovery',
    ]);
    expect(report.results.slice(5, 7).map((r: { status: string }) => r.status)).toEqual(['n/a', 'n/a']);
    for (const r of [...report.results.slice(0, 5), report.results[7]]) {
      expect(r.status).toBe('violated');
      expect(Array.isArray(r.counterexample.trace)).toBe(true);
      expect(r.counterexample.trace.length).toBeGreaterThan(0);
      expect(r.counterexample.trace.length).toBeLessThanOrEqual(12);
    }
    // Seconds to each violated property's first counterexample, none later than the end; none for n/a.
    const { seconds, firstCounterexample } = report.timings as { seconds: number; firstCounterexample: Record<string, number> };
    const violated = report.results.filter((r: { status: string }) => r.status === 'violated').map((r: { property: string }) => r.property);
    expect(Object.keys(firstCounterexample)).toEqual(violated);
    for (const t of Object.values(firstCounterexample)) expect(t).toBeGreaterThan(0), expect(t).toBeLessThanOrEqual(seconds);
  });

  it('exits 1 when the directed search finds what the random runs miss (six free regions, ten buffers shared with one process)', () => {
    const { code, out } = cli('check', '--arch', 'abstract', '--property', 'graceful-exhaustion', '--regions', '6', '--runs', '100');
    expect(code).toBe(1);
    expect(out).toMatch(/VIOLATED  graceful-exhaustion \[exhausted\]/);
    expect(out).toMatch(/\(directed search, shrunk from \d+\)/);
  });

  it('exits 0 when every checked property held', () => {
    const { code, out } = cli('check', '--arch', 'abstract', '--property', 'graceful-exhaustion', '--regions', '6', '--buffers', '2', '--runs', '100', '--directed-states', '3000');
    expect(code).toBe(0);
    expect(out).toMatch(/held {6}graceful-exhaustion: no violation in 100 random traces nor in a directed search of up to 3000 states/);
    expect(out).toMatch(/all 1 properties held \(random search, not a proof\)/);
  });
});

describe('check coverage', () => {
  const oneStep = ['check', '--property', 'isolation', '--runs', '1', '--max-steps', '1'];
  const tock22 = designById('tock-2.2')!;
  const kinds = Object.keys(tock22.kinds).length;
  const results = tock22.results.length;
  const processStates = Object.keys(processMachine.config.states!);

  it('ends the text report, before the summary line, with what the search reached and the names of what it never did', () => {
    const { code, out } = cli(...oneStep);
    expect(code).toBe(0);
    const lines = out.split('\n');
    const table = lines.indexOf('coverage (what the search reached):');
    expect(table).toBeGreaterThan(0);
    expect(lines.slice(table + 1, table + 6)).toEqual([
      expect.stringMatching(new RegExp(`^ {2}action kinds {6}reached {2}1 of ${kinds}; unreached: ([\\w-]+, ){${kinds - 2}}[\\w-]+$`)),
      expect.stringMatching(new RegExp(`^ {2}process states {4}reached {2}[12] of ${processStates.length}; unreached: `)),
      expect.stringMatching(/^ {2}taskQueue states {2}reached {2}[12] of 3; unreached: /),
      '  mpu states        reached  1 of 2; unreached: extended',
      expect.stringMatching(new RegExp(`^ {2}results {11}reached {2}1 of ${results}; unreached: (\\w+, ){${results - 2}}\\w+$`)),
    ]);
    expect(lines.slice(table + 6)).toEqual(['', expect.stringMatching(/^no property violated, 1 inconclusive; repeat: /)]);
  });

  it('with --json gives the coverage object: reached and unreached per category and per machine', () => {
    const { coverage } = JSON.parse(cli(...oneStep, '--json').out);
    expect(Object.keys(coverage)).toEqual(['actions', 'states', 'results']);
    expect(coverage.actions.reached).toHaveLength(1);
    expect(coverage.actions.unreached).toHaveLength(kinds - 1);
    expect(coverage.states.process.reached).toContain('running');
    expect([...coverage.states.process.reached, ...coverage.states.process.unreached].sort()).toEqual([...processStates].sort());
    expect(Object.keys(coverage.states)).toEqual(['process', 'taskQueue', 'mpu']);
    expect([...coverage.results.reached, ...coverage.results.unreached].sort()).toEqual(
      [...tock22.results].sort(),
    );
  });
});

describe('bad usage exits 2 with one line naming the problem', () => {
  it.each([
    [['check', '--design', 'nope'], /unknown design 'nope' \(known: tock-2\.2, tock-2\.2\/libtock-c, legacy-3, share-proposal, /],
    [['check', '--property', 'liveness'], /unknown property 'liveness'/],
    [['check', '--clients', 'two'], /--clients must be an integer from 1 to 6, got 'two'/],
    [['check', '--clients', '0'], /--clients must be an integer from 1 to 6, got '0'/],
    [['check', '--runs', '-5'], /--runs/],
    [['check', '--seed', '1.5'], /--seed must be an integer/],
    [['check', '--max-steps', '99999999'], /--max-steps must be an integer from 1 to 10000/],
    [['check', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['check', '--arch', 'cortex-m', '--regions', '2'], /--regions must be an integer from 3 to 16, got '2'/],
    [['check', '--arch', 'pdp-11'], /unknown architecture 'pdp-11'/],
    [['check', 'extra'], /positional argument/],
    [['explode'], /unknown command 'explode'/],
    [[], /no command given \(try --help\)/],
    [['list', '--json'], /Unknown option '--json'/],
    [['check', '--clients', '-1'], /--clients must be an integer from 1 to 6, got '-1'/],
    [['replay', '--json', 'file.json'], /: Unknown option '--json'$/],
    [['replay', 'file.json', '--format'], /: --format needs a value$/],
    [['minimize', '-x'], /: Unknown option '-x'$/],
    [['replay', 'file.json', '--design', 'tock-2.2'], /: --design on replay only loads a file holding a design of your own \(\.\/my-design\.ts, \.ts or \.js\), and 'tock-2\.2' is not one$/],
    [['minimize', 'file.json', '--design=nope'], /: --design on minimize only loads a file .*, and 'nope' is not one$/],
    [['list', '--design'], /: --design on list needs a file holding a design of your own/],
    [['check', '--design', 'share-proposal', '--heap', '1'], /--heap 1: share-proposal does not model memory that grows \(no sbrk kind\)/],
    [['check', '--heap', '2'], /--heap must be an integer from 0 to 1, got '2'/],
    [['explore', '--design', 'share-proposal', '--empty', '1'], /--empty 1: share-proposal does not take IPC numbers past the loaded processes \(no number field\)/],
    [['check', '--empty', '3'], /--empty must be an integer from 0 to 2, got '3'/],
    [['check', '--reporter', 'junit'], /--reporter junit needs --output FILE/],
    [['explore', '--output', 'x.xml'], /--output needs --reporter \(reporters: junit\)/],
    [['compare', '--reporter', 'tap', '--output', 'x'], /unknown reporter 'tap' \(reporters: junit\)/],
    [['check', '--reporter', 'junit', '--output', 'test'], /--output test: a folder, not a file/],
    [['explore', '--reporter', 'junit', '--output', 'x.xml', '--summary', './x.xml'], /: --output and --summary both name \.\/x\.xml: each writes a file of its own$/],
    [['check', '--reporter', 'junit', '--output', 'no/such/folder/x.xml'], /--output no\/such\/folder\/x.xml: no folder /],
  ])('%j', (argv, message) => {
    const { code, out, err } = cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^tock-ipc-check: /);
    expect(err[0]).toMatch(message);
  });
});

describe('help and version', () => {
  it.each([['--help'], ['help']])('%j prints the usage, naming --arch, and exits 0', (...argv) => {
    const { code, out, err } = cli(...argv);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toMatch(/^usage: tock-ipc-check/);
    expect(out).toMatch(/check .*\n.*--arch NAME/);
  });

  it("--version prints the package's version, from package.json", () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(cli('--version')).toEqual({ code: 0, out: version, err: [] });
  });
});

describe('the installed command', () => {
  const bin = fileURLToPath(new URL('../bin/tock-ipc-check.mjs', import.meta.url));

  it('runs through its bin script and exits with the CLI code', () => {
    const listed = execFileSync(process.execPath, [bin, 'list'], { encoding: 'utf8' });
    expect(listed).toMatch(/tock-2\.2/);
    const bad = spawnSync(process.execPath, [bin, 'check', '--queue', '0'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

/** The exit code of a command that runs synchronously (every command but `explore --workers`). */
function synchronous(code: number | Promise<number>): number {
  if (typeof code !== 'number') throw new Error('the command ran asynchronously');
  return code;
}

describe('--save --out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tock-ipc-check-out-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a folder');

  it.each([
    [file, /^tock-ipc-check: --out .*a-file: not a folder$/],
    [join(file, 'sub'), /^tock-ipc-check: --out .*a-file\/sub: .*a-file is not a folder$/],
    ...(existsSync('/proc/self') ? [['/proc/nope', /^tock-ipc-check: --out \/proc\/nope: cannot write in \/proc \(\w+\)$/] as [string, RegExp]] : []),
  ])('%s is refused before any search: one line, exit 2', (out, message) => {
    for (const command of ['check', 'explore']) {
      const { code, out: printed, err } = cli(command, '--save', '--out', out);
      expect(code).toBe(2);
      expect(printed).toBe('');
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
    }
  });

  it('writes each file whole under its own name, leaving no temporary file, and makes missing folders', () => {
    const target = join(dir, 'new', 'deeper');
    expect(cli('check', '--runs', '50', '--property', 'delivery', '--save', '--out', target).code).toBe(1);
    const written = readdirSync(join(target, 'tock-2.2'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((name) => /^delivery-[0-9a-f]{8}(-\d+)?\.json$/.test(name))).toBe(true);
  });
});
