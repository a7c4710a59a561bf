import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';

/** Runs the CLI in-process, awaiting commands that load files or start workers. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' });
  return { code, out: out.join('\n'), err };
}

const DESIGN = './examples/lend-design.ts';
const PROPERTY = './examples/no-fault-property.ts';
const mine = ['--design', DESIGN, '--property-file', PROPERTY];
const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tock-ipc-check-examples-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the example design and property in examples/, with no change to the project', () => {
  it('check finds the bugs the example design has, the example property among them, and repeats with the files', async () => {
    const { code, out } = await cli('check', ...mine, '--runs', '200');
    expect(code).toBe(1);
    expect(out).toMatch(/^VIOLATED {2}revocation: /m);
    expect(out).toMatch(/^VIOLATED {2}example-no-fault: #0@0 faulted touching/m);
    expect(out).toMatch(/^n\/a {7}delivery: example\/lend has no step where a notification, request or response reached its target \(it emits none of: /m);
    expect(out).toMatch(/repeat: tock-ipc-check check --design \.\/examples\/lend-design\.ts --arch cortex-m --property-file \.\/examples\/no-fault-property\.ts --runs 200 --seed 1$/m);
  });

  it('explore --workers 2 gives the verdicts one thread gives: the workers load the same files', async () => {
    const one = JSON.parse((await cli('explore', ...mine, '--max-depth', '3', '--json')).out);
    const two = JSON.parse((await cli('explore', ...mine, '--max-depth', '3', '--json', '--workers', '2')).out);
    // Every applicable property is violated, so both stop early, each at a state boundary of its own threads: figures differ, verdicts not.
    expect(two.bound).toBe(one.bound);
    expect(two.results.map((r: { property: string; status: string }) => [r.property, r.status])).toEqual(
      one.results.map((r: { property: string; status: string }) => [r.property, r.status]),
    );
    expect(one.results.find((r: { property: string }) => r.property === 'example-no-fault').status).toBe('violated');
  });

  it('compare puts it beside a built-in design', async () => {
    const { code, out } = await cli('compare', ...mine, '--design', 'share-proposal', '--runs', '100', '--max-depth', '2');
    expect(code).toBe(1);
    expect(out).toMatch(/^example\/lend +cortex-m +violated .* violated \(2 steps\)$/m);
    expect(out).toMatch(/^share-proposal +cortex-m +held .* n\/a +held .* +violated \(\d+ steps\)$/m);
  });

  it('replay and minimize read its saved counterexamples once the files are loaded', async () => {
    const dir = temp();
    await cli('check', ...mine, '--runs', '200', '--property', 'example-no-fault', '--save', '--out', dir);
    const [name] = readdirSync(join(dir, 'example', 'lend'));
    const file = join(dir, 'example', 'lend', name!);
    const replayed = await cli('replay', file, ...mine);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toMatch(/^REPRODUCED at step \d+: example-no-fault: /m);
    const minimized = await cli('minimize', file, ...mine);
    expect(minimized.code).toBe(0);
    expect(minimized.out).toMatch(/^example-no-fault: (\d+ steps -> \d+; wrote |\d+ steps, as short as minimize makes it; nothing written$)/m);
    // A fresh process knows only the built-in designs.
    const without = spawnSync(process.execPath, ['bin/tock-ipc-check.mjs', 'replay', file], { encoding: 'utf8' });
    expect(without.status).toBe(2);
    expect(without.stderr).toMatch(/unknown design 'example\/lend' \(a design of your own: load its file with --design FILE\)/);
  });
});

describe("the example design's parameter (--param on-restart=unmap)", () => {
  it('changes what the design does: revocation, broken by default, holds; the repeat command names the parameter', async () => {
    const { code, out } = await cli('check', ...mine, '--runs', '300', '--param', 'on-restart=unmap');
    expect(out).toMatch(/^held {6}revocation: no violation in 300 random traces$/m);
    expect(out).toMatch(/^design parameter on-restart: unmap$/m);
    expect(code).toBe(1); // the example property and graceful-exhaustion still break
    expect(out).toMatch(/repeat: tock-ipc-check check --design \.\/examples\/lend-design\.ts --arch cortex-m --property-file \.\/examples\/no-fault-property\.ts --param on-restart=unmap --runs 300 --seed 1$/m);
  });

  it('reaches the workers of a parallel explore, which give the verdicts one thread gives', async () => {
    const args = ['explore', ...mine, '--max-depth', '4', '--json', '--param', 'on-restart=unmap', '--property', 'revocation'];
    const one = JSON.parse((await cli(...args)).out);
    const two = JSON.parse((await cli(...args, '--workers', '2')).out);
    expect(one.params.design).toEqual({ 'on-restart': 'unmap' });
    expect(one.results).toEqual([{ property: 'revocation', status: 'inconclusive', bound: 'max-depth 4', depth: 4 }]);
    expect(two.results).toEqual(one.results);
    expect(two.states).toBe(one.states);
  });

  it('is saved in the counterexample file, and replay runs the file with it', async () => {
    const dir = temp();
    await cli('check', ...mine, '--runs', '200', '--property', 'example-no-fault', '--param', 'on-restart=unmap', '--save', '--out', dir);
    const [name] = readdirSync(join(dir, 'example', 'lend'));
    const file = join(dir, 'example', 'lend', name!);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.model.params.design).toEqual({ 'on-restart': 'unmap' });
    expect((await cli('replay', file, ...mine)).code).toBe(0);
    for (const [design, problem] of [
      [{ 'on-restart': 'never' }, "model.params.design: design parameter 'on-restart' of example/lend must be one of forget|unmap, not 'never'"],
      [{ colour: 'red' }, "model.params.design: design example/lend has no parameter 'colour' (known: on-restart)"],
      [{ 'on-restart': 'forget' }, 'model.params.design: lists a parameter at its default value (a file holds only those that differ)'],
    ] as const) {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...saved, model: { ...saved.model, params: { ...saved.model.params, design } } }));
      const replayed = await cli('replay', bad, ...mine);
      expect(replayed.code).toBe(2);
      expect(replayed.err.join('\n')).toContain(problem);
    }
  });

  it.each([
    [['check', ...mine, '--param', 'on-restart=never'], "design parameter 'on-restart' of example/lend must be one of forget|unmap, not 'never'"],
    [['check', ...mine, '--param', 'colour=red'], "--param colour: design example/lend declares no parameter 'colour' (known: on-restart)"],
    [['check', '--param', 'on-restart=unmap'], '--param on-restart: design tock-2.2 declares no parameters'],
    [['check', ...mine, '--param', 'on-restart'], "--param must be NAME=VALUE, not 'on-restart'"],
    [['compare', ...mine, '--param', 'on-restart=later'], "design parameter 'on-restart' of example/lend must be one of forget|unmap, not 'later'"],
  ])('bad --param %j: exit 2, one line', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
  });

  it('list shows it under its design', async () => {
    const { out } = await cli('list', '--design', DESIGN);
    expect(out).toMatch(/^ +--param on-restart=forget\|unmap \(default forget\): what a client's restart does to the buffers it lent$/m);
  });
});

describe('a bad design or property file: exit 2, one line naming the file and the problem', () => {
  const dir = temp();
  const api = resolve('index.ts');
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  it.each([
    ['a type error', () => write('typo.ts', `import { defineProperty } from '${api}';\nexport default defineProperty({ id: 'x', description: 1 });\n`), '--property-file', /typo\.ts:2:\d+: /],
    ['a file cut short: its syntax error, before what the cut object lacks', () => write('cut.ts', `import { defineDesign } from '${api}';\nexport default defineDesign({ id: 'x',\n`), '--design', /cut\.ts:3:1: '\}' expected\.$/],
    ['a type error in a file of theirs it imports', () => (write('helper.ts', `export const limit: number = 'ten';\n`), write('uses-helper.ts', `import { limit } from './helper.ts';\nexport default limit;\n`)), '--design', /uses-helper\.ts: ?1:\d+: Type 'string' is not assignable to type 'number'\. \(in helper\.ts\)$/],
    ['no default export', () => write('none.ts', `export const design = 1;\n`), '--design', /none\.ts: no default export \(export default defineDesign/],
    ['a default export of the wrong shape', () => write('shape.mjs', `export default { id: 'x' };\n`), '--design', /shape\.mjs: the default export is not a design made with defineDesign: summary is not a string/],
    ['a file that throws when loaded', () => write('throws.mjs', `throw new Error('boom');\n`), '--property-file', /throws\.mjs: cannot load it \(boom\)/],
    ['a missing file', () => join(dir, 'missing.ts'), '--design', /missing\.ts: no such file/],
    ['a built-in id taken', () => write('clash.mjs', `import { shareProposal } from '${resolve('model/designs/share-proposal/design.ts')}';\nexport default { ...shareProposal };\n`), '--design', /clash\.mjs: a design named 'share-proposal' exists already/],
  ])('%s', async (_, make, flag, problem) => {
    const path = make();
    const { code, out, err } = await cli('check', flag, path, '--runs', '1');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(path.split('/').pop());
    expect(err[0]).toMatch(problem);
  });

  it('a .ts file Node loads as CommonJS (no "type": "module" above it), which cannot import the package: the line says how to fix it', () => {
    const path = write('commonjs.ts', `import { defineProperty } from '${api}';\nexport default defineProperty({ id: 'cjs', description: '', needs: ['access'], situation: '', witness: () => false, check: () => null });\n`);
    const run = spawnSync(process.execPath, ['bin/tock-ipc-check.mjs', 'check', '--property-file', path, '--runs', '1'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/commonjs\.ts: cannot load it \(.*\); a \.ts file outside an ES-module package loads as CommonJS: name it \.mts, or put it under a package\.json with "type": "module"\n$/);
  });
});
