import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, compare, explore, minimize, replay } from '../index.ts';
import '../vitest.ts';
import { main } from '../cli/cli.ts';
import { noisy } from './fixtures/noisy-revocation.ts';

const dir = mkdtempSync(join(tmpdir(), 'tock-ipc-check-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check and explore from code', () => {
  it('check returns what check --json prints, for the same options', () => {
    const out: string[] = [];
    main(['check', '--design', 'tock-2.2', '--runs', '300', '--seed', '1', '--property', 'isolation', '--json'], { out: (l) => out.push(l), err: () => {}, input: () => '' });
    // `saved` and `timings` are the CLI's own: what it wrote, and how long it took.
    const { saved: _, timings: __, ...printed } = JSON.parse(out.join('\n'));
    const report = check({ design: 'tock-2.2', runs: 300, seed: 1, properties: ['isolation'] });
    expect(JSON.parse(JSON.stringify(report))).toEqual(printed);
    expect(report.results[0]).toMatchObject({ property: 'isolation', status: 'violated' });
  });

  it.each([
    [{ runs: 0 }, /--runs must be an integer from 1/],
    [{ design: 'nope' }, /unknown design 'nope'/],
    [{ properties: ['nope'] }, /unknown property 'nope'/],
  ])('refuses %j with the one line the CLI prints', (request, message) => {
    expect(() => check(request)).toThrow(message);
  });

  it('explore chooses the parallel explorer for workers > 1, with the same verdicts and figures', async () => {
    const request = { design: 'share-proposal', arch: 'abstract' as const, maxDepth: 3 };
    const one = await explore(request);
    const two = await explore({ ...request, workers: 2 });
    expect([two.states, two.transitions, two.verdicts.map((v) => v.status)]).toEqual([one.states, one.transitions, one.verdicts.map((v) => v.status)]);
  });
});

describe('compare, replay and minimize from code', () => {
  it('compare gives a row per design and architecture, the same for the same seed', () => {
    const request = { designs: ['share-proposal/no-unshare-revocation'], archs: ['abstract' as const], runs: 100, maxDepth: 2, properties: ['revocation', 'delivery'] };
    const rows = compare(request);
    expect(rows.map((r) => [r.design, r.arch, r.cells.map((c) => c.cell.status)])).toEqual([['share-proposal/no-unshare-revocation', 'abstract', ['violated', 'n/a']]]);
    expect(compare(request)).toEqual(rows);
  });

  it('replay reproduces a saved counterexample, and says why a file is invalid without throwing', () => {
    const replayed = replay('counterexamples/share-proposal/no-instance-checks/stale-generation-ecd57016.json');
    expect(replayed.kind === 'replayed' && replayed.replay.kind).toBe('reproduced');
    expect(replay(join(dir, 'missing.json'))).toEqual({ kind: 'invalid', problem: 'no such file' });
  });

  it('minimize gives the shorter file without writing it, and says when a trace is already as short as it makes it', () => {
    const saved = JSON.parse(readFileSync('counterexamples/tock-2.2/revocation-08099c2d.json', 'utf8'));
    const padded = join(dir, 'padded.json');
    writeFileSync(padded, JSON.stringify({ ...saved, trace: [...noisy] }));
    const result = minimize(padded);
    expect(result.kind).toBe('minimized');
    if (result.kind === 'minimized') expect(result.file.trace.length).toBeLessThan(result.from);
    expect(readdirSync(dir).filter((n) => n !== 'padded.json')).toEqual([]);
    const minimal = minimize('counterexamples/share-proposal/no-instance-checks/stale-generation-ecd57016.json');
    expect(minimal).toEqual({ kind: 'minimal', property: 'stale-generation', steps: 4 });
  });
});

describe('the vitest matcher toHoldProperty', () => {
  it('fails on a violation with the counterexample as numbered steps, and the file it saved', () => {
    let message = '';
    try {
      expect('tock-2.2').toHoldProperty('stale-generation', { runs: 500, seed: 1, saveTo: dir });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^expected tock-2\.2 to hold stale-generation:\nVIOLATED  stale-generation: /);
    expect(message).toMatch(/^ {3}1\. #\d /m);
    const path = /^saved +(\S+)$/m.exec(message)![1]!;
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ property: 'stale-generation', model: { design: 'tock-2.2' } });
  });

  it('fails, saying why, on a property the design cannot be judged on', () => {
    expect(() => expect('share-proposal').toHoldProperty('delivery', { runs: 10, saveTo: null })).toThrow(/n\/a {7}delivery: share-proposal has no step where a notification, request or response reached its target \(it emits none of: /);
  });
});

describe("the README's 'Use it from code' examples are the files the tests run", () => {
  const readme = readFileSync('README.md', 'utf8');
  it.each(['examples/use-from-code.ts', 'examples/holds.test.ts'])('%s', (file) => {
    expect(readme).toContain(`\`\`\`ts\n${readFileSync(file, 'utf8')}\`\`\``);
  });

  it('examples/use-from-code.ts runs', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--conditions=tock-ipc-check:source', '--import', 'tsx', 'examples/use-from-code.ts'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^isolation: violated$/m);
    expect(run.stdout).toMatch(/^\d+ states to depth 4: isolation inconclusive/m);
  });
});
