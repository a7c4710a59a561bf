import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';
import { COMMAND_SPECS, type CommandName, type FlagSpec } from '../../options/index.ts';

/**
 * Bad input, generated: whatever a user (or a corrupted file) hands any
 * command, the answer is one line on stderr naming the problem and exit 2,
 * or a normal result; never a stack trace, never an internal error, never
 * exit 1 for bad input.
 */

const SAVED = 'counterexamples/tock-2.2/isolation-2934590a.json';
const DIR = mkdtempSync(join(tmpdir(), 'garbage-'));

/** The CLI in this process, with `input` as stdin and `env` as the environment. */
async function cli(argv: readonly string[], input = '', env: Record<string, string> = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => input, env });
  return { code, out, err };
}

/** Refused as bad input should be: exit 2, nothing on stdout, one plain line on stderr. */
function expectRefused({ code, out, err }: { code: number; out: string[]; err: string[] }, what: string): void {
  expect(err, what).toHaveLength(1);
  expect(err[0], what).toMatch(/^tock-ipc-check: /);
  expect(err[0], what).not.toMatch(/internal error|[\n\r\u0000-\u001f]|\bat .*:\d+:\d+/);
  expect(code, `${what}: ${err[0]}`).toBe(2);
  expect(out, what).toEqual([]);
}

const COMMANDS = Object.keys(COMMAND_SPECS) as CommandName[];
const flagsOf = (name: CommandName) => Object.entries(COMMAND_SPECS[name].flags as Record<string, FlagSpec>);

/** Values no flag takes: out of every range, not integers, names nothing, control characters, huge. */
const junk = fc.oneof(
  fc.constantFrom('', '-1', '1.5', '1e400', '0x10', 'NaN', '99999999999999999999999', ' 3', '3 ', '٣', 'nope', 'tock-2.2\n', '\u0000', '../../etc/passwd', '--', '/proc/nope/x'),
  fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !/^[\w./-]*$/.test(s)),
);

/** A command's flags, given good values where one is easy to name: the context the bad one hides in. */
function goodUnits(name: CommandName): fc.Arbitrary<string[]> {
  const good: Record<string, string> = { design: 'tock-2.2', arch: 'cortex-m', format: name === 'replay' ? 'text' : 'mermaid', property: 'isolation', runs: '3', seed: '7' };
  const units = flagsOf(name).flatMap(([flag, spec]) =>
    spec.value === undefined ? [[`--${flag}`]] : good[flag] !== undefined && (spec.range === undefined || flag === 'runs' || flag === 'seed') ? [[`--${flag}`, good[flag]!]] : [],
  );
  return fc.subarray(units, { maxLength: Math.min(3, units.length) }).map((us) => us.flat().filter((t) => !(t === '--save' || t === '--progress')));
}

/** One thing that is certainly wrong for command `name`. */
function badUnit(name: CommandName): fc.Arbitrary<string[]> {
  const valued = flagsOf(name).filter(([, spec]) => spec.value !== undefined && spec.value !== 'FILE' && spec.value !== 'DIR');
  const switches = flagsOf(name).filter(([, spec]) => spec.value === undefined);
  return fc.oneof(
    fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !Object.hasOwn(COMMAND_SPECS[name].flags, s) && !['help', 'h', 'design', 'property-file'].includes(s) && !s.startsWith('-')).map((s) => [`--${s}`]),
    fc.constantFrom('-x', '-', '---', '--=3').map((s) => [s]),
    ...(valued.length === 0 ? [] : [fc.tuple(fc.constantFrom(...valued.map(([f]) => f)), junk).map(([f, v]) => [`--${f}=${v}`])]),
    ...(switches.length === 0 ? [] : [fc.constantFrom(...switches.map(([f]) => f)).map((f) => [`--${f}=yes`])]),
  );
}

describe('garbage on the command line', () => {
  it.each(COMMANDS)('%s: a bad flag or value anywhere among good ones is one line, exit 2', async (name) => {
    await fc.assert(
      fc.asyncProperty(goodUnits(name), badUnit(name), fc.nat(), async (good, bad, at) => {
        // A flag given again after the bad one would win (the last one does): the good ones name other flags.
        const flag = /^--([^=]*)/.exec(bad[0]!)?.[1];
        const others = good.filter((t, k) => t !== `--${flag}` && good[k - 1] !== `--${flag}`);
        const i = at % (others.length + 1);
        const argv = [name, ...others.slice(0, i), ...bad, ...others.slice(i)];
        // A flag's value that begins with '--' may be read as the flag after it; keep the bad unit whole.
        fc.pre(!(others[i - 1]?.startsWith('--') && flagsOf(name).some(([f, s]) => `--${f}` === others[i - 1] && s.value !== undefined)));
        expectRefused(await cli(argv), argv.join(' '));
      }),
      { numRuns: 40, seed: 25 },
    );
  });

  it('an unknown command, or none, is one line, exit 2', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 12 }).filter((s) => !COMMANDS.includes(s as CommandName) && !['help', '--help', '-h', '--version'].includes(s)), async (command) => {
        expectRefused(await cli([command]), command);
      }),
      { numRuns: 50, seed: 25 },
    );
    expectRefused(await cli([]), '(none)');
  });

  it('a flag of one value given twice, or given no value, is refused naming it (the last one used to win silently)', async () => {
    for (const name of COMMANDS) {
      for (const [flag, spec] of flagsOf(name)) {
        if (spec.value === undefined || spec.repeatable === true) continue;
        const twice = await cli([name, `--${flag}`, 'a', `--${flag}=b`]);
        expectRefused(twice, `${name} --${flag} twice`);
        expect(twice.err[0]).toBe(`tock-ipc-check: --${flag} given twice ('a', then 'b'); it takes one value`);
      }
    }
    const [missing, followed] = [await cli(['check', '--seed']), await cli(['explore', '--max-depth', '--json'])];
    expectRefused(missing, 'check --seed');
    expect(missing.err[0]).toBe('tock-ipc-check: --seed needs a value');
    expectRefused(followed, 'explore --max-depth --json');
    expect(followed.err[0]).toBe("tock-ipc-check: --max-depth needs a value, but '--json' follows it (write --max-depth=VALUE for a value that starts with '-')");
  });
});

/** Ways a saved counterexample file goes bad. */
const mutation: fc.Arbitrary<{ readonly what: string; readonly apply: (text: string) => string | Uint8Array }> = fc.oneof(
  fc.nat().map((n) => ({ what: `truncated at ${n}`, apply: (t: string) => t.slice(0, n % t.length) })),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => ({ what: 'binary', apply: () => bytes })),
  fc.constantFrom('formatVersion', 'format', 'model', 'trace', 'property', 'cause', 'toolVersion').map((key) => ({
    what: `without ${key}`,
    apply: (t: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(t) as object).filter(([k]) => k !== key))),
  })),
  fc
    .tuple(
      fc.constantFrom(['formatVersion'], ['format'], ['property'], ['cause'], ['model', 'design'], ['model', 'params', 'clients'], ['model', 'params', 'arch'], ['trace'], ['trace', 0], ['trace', 0, 'type'], ['trace', 0, 'by'], ['trace', 1]),
      fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(2, -1, 1e308, 2 ** 53, 'frobnicate', null, [], {}, 'tock-2.2\n'),
        fc.integer({ min: 1000, max: 3000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown),
      ),
    )
    .map(([path, value]) => ({
      what: `${path.join('.')} := ${JSON.stringify(value).slice(0, 40)}`,
      apply: (t: string) => {
        const doc = JSON.parse(t) as Record<string, unknown>;
        let at: Record<string | number, unknown> = doc;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
        at[path.at(-1)!] = value;
        return JSON.stringify(doc);
      },
    })),
  fc.string({ minLength: 1, maxLength: 8 }).map((key) => ({ what: `unknown key ${key}`, apply: (t: string) => JSON.stringify({ ...(JSON.parse(t) as object), [`x-${key}`]: 1 }) })),
);

describe('a saved counterexample file gone bad', () => {
  const original = readFileSync(SAVED, 'utf8');

  it.each(['replay', 'minimize'] as const)('%s: refused in one line naming the file, exit 2, or replayed as a file it still is; never a crash', async (command) => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async ({ what, apply }) => {
        const file = join(DIR, `${command}-${n++}.json`);
        writeFileSync(file, apply(original));
        const result = await cli([command, file]);
        if (result.code === 2) {
          expectRefused(result, what);
          expect(result.err[0], what).toContain(file);
        } else {
          expect([0, 1], `${what}: ${result.err.join(' | ')}`).toContain(result.code);
          expect(result.err, what).toEqual([]);
        }
      }),
      { numRuns: command === 'replay' ? 120 : 40, seed: 25 },
    );
  });

  it('a byte-order mark before the JSON is skipped, as editors write it', async () => {
    const file = join(DIR, 'bom.json');
    writeFileSync(file, `\uFEFF${original}`);
    const { code, err } = await cli(['replay', file]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
  });

  it('merge: shard parts gone bad are refused in one line, exit 2', async () => {
    for (const [what, text] of [
      ['empty', ''],
      ['not JSON', '{"kind": "check-shard",'],
      ['binary', '\u0000\u0001\u00ff\ufeff'],
      ['an empty object', '{}'],
      ['a counterexample, not a part', original],
      ['a part of another kind', '{"tool":"tock-ipc-check","kind":"explore-shard"}'],
    ] as const) {
      const file = join(DIR, `part-${what.replace(/\W/g, '-')}.json`);
      writeFileSync(file, text);
      expectRefused(await cli(['merge', file]), what);
    }
  });
});

describe('other inputs gone bad', () => {
  it('mpu: any text on stdin is answered line by line, as JSON, exit 0 or 2, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v))), { maxLength: 6 }), async (lines) => {
        const { code, out, err } = await cli(['mpu'], lines.join('\n'));
        expect(err).toEqual([]);
        expect([0, 2]).toContain(code);
        for (const line of out) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
      }),
      { numRuns: 60, seed: 25 },
    );
  });

  it('a design or property file that is binary, does not parse, or exports nothing usable is one line naming it, exit 2', async () => {
    for (const [name, text] of [
      ['binary.ts', '\u0000\u0001\u0002garbage\u00ff'],
      ['syntax.ts', 'export default {'],
      ['number.ts', 'export default 42;\n'],
      ['nothing.ts', 'export const x = 1;\n'],
      ['throws.ts', "throw new Error('loaded');\n"],
    ] as const) {
      const file = join(DIR, name);
      writeFileSync(file, text);
      expectRefused(await cli(['check', '--design', file]), `--design ${name}`);
      expectRefused(await cli(['list', '--property-file', file]), `--property-file ${name}`);
    }
  });

  it('$GITHUB_STEP_SUMMARY naming a place that cannot be written is refused before the search, one line, exit 2', async () => {
    for (const path of ['/proc/nope/summary.md', DIR]) {
      expectRefused(await cli(['check', '--runs', '1'], '', { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path }), path);
    }
  });
});

/** The real executable in a child process: exit code and stderr. */
function run(argv: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/tock-ipc-check.mjs', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('through the executable, in a child process', () => {
  it('every command given garbage prints one line on stderr, no stack trace, and exits 2', async () => {
    const binary = join(DIR, 'binary.json');
    writeFileSync(binary, Uint8Array.from({ length: 256 }, (_, i) => i));
    const cases = [
      ['check', '--runs', '1e3'],
      ['explore', '--max-depth'],
      ['compare', '--design', 'nope'],
      ['scenario', 'no-such-scenario'],
      ['merge', binary],
      ['replay', binary],
      ['replay', '--json', SAVED],
      ['minimize', '-x'],
      ['mpu', '--regions', '99'],
      ['machines', '--format', 'svg'],
      ['list', '--verbose=1'],
      ['frobnicate'],
    ];
    const results = await Promise.all(cases.map(run));
    results.forEach(({ status, stdout, stderr }, i) => {
      const what = cases[i]!.join(' ');
      expect(stderr.split('\n'), what).toEqual([expect.stringMatching(/^tock-ipc-check: /), '']);
      expect(stderr, what).not.toMatch(/\n\s+at |[\u0000-\u0009\u000b-\u001f]/);
      expect(stdout, what).toBe('');
      expect(status, what).toBe(2);
    });
  }, 120_000);
});
