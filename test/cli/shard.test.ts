import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' });
  return { code, out: out.join('\n'), err };
}

const folder = mkdtempSync(join(tmpdir(), 'shards-'));

/** Runs the N shards of a check (or of another command's search) into files; their paths. */
async function shards(n: number, ...check: string[]): Promise<string[]> {
  const files: string[] = [];
  const [command, args] = check[0] === 'explore' ? ['explore', check.slice(1)] : ['check', check];
  for (let i = 1; i <= n; i++) {
    const { code, out } = await cli(command!, ...args, '--shard', `${i}/${n}`);
    expect(code).toBe(0);
    const file = join(folder, `${check.join('_').replace(/[^a-z0-9_-]/gi, '')}-${i}-of-${n}.json`);
    writeFileSync(file, out);
    files.push(file);
  }
  return files;
}

describe('check --shard I/N and merge', () => {
  it.each([
    [4, ['--runs', '300']],
    [4, ['--design', 'threadx-queue', '--runs', '200', '--seed', '5']],
    [3, ['--arch', 'abstract', '--clients', '1', '--runs', '100', '--max-steps', '30']],
  ])('%i shards of check %j merge to exactly the results one check gives', async (n, check) => {
    const files = await shards(n, ...check);
    const merged = await cli('merge', ...files, '--json');
    const one = await cli('check', ...check, '--json');
    expect(merged.code).toBe(one.code);
    const [a, b] = [JSON.parse(merged.out), JSON.parse(one.out)] as { results: unknown; timings?: unknown }[];
    expect(a!.results).toEqual(b!.results);
    // Timings are one check's own: the shards ran apart.
    expect(a!.timings).toBeUndefined();
    const { timings: _, ...untimed } = b!;
    expect(a).toEqual(untimed);
  });

  it('merge prints the text report check prints, after a line naming the check', async () => {
    const files = await shards(2, '--design', 'hubris', '--runs', '100');
    const { code, out } = await cli('merge', ...files);
    expect(code).toBe(1);
    expect(out).toMatch(/^tock-ipc-check merge: 2 shard\(s\) of: tock-ipc-check check --design hubris --arch cortex-m --runs 100 --seed 1\n/);
    expect(out).toMatch(/VIOLATED  fairness: /);
  });

  it('refuses what is not the N parts of one check, in one line, exit 2', async () => {
    const [one, two] = await shards(2, '--design', 'rust-channel', '--runs', '20');
    const [other] = await shards(2, '--design', 'hubris', '--runs', '20');
    const garbage = join(folder, 'garbage.json');
    writeFileSync(garbage, '{"tool":"tock-ipc-check"}');
    for (const [argv, message] of [
      [[one!], /^tock-ipc-check: shard 2\/2 is missing$/],
      [[one!, one!, two!], /^tock-ipc-check: shard 1\/2 is given twice/],
      [[one!, other!], /: a part of another search than /],
      [[garbage], /garbage.json: not a check --shard part \(/],
      [[join(folder, 'none.json')], /none.json: no such file$/],
      [[], /merge needs the files check --shard I\/N printed/],
    ] as const) {
      const { code, err } = await cli('merge', ...argv);
      expect(code, String(message)).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
    }
  });

  it.each([
    [['--shard', '0/4'], /--shard must be I\/N with 1 <= I <= N <= 1024, got '0\/4'/],
    [['--shard', '5/4'], /--shard must be I\/N/],
    [['--shard', 'a/b'], /--shard must be I\/N/],
    [['--shard', '1/2', '--save'], /--shard prints a part for merge; --save belongs to merge/],
    [['--shard', '1/2', '--time-budget', '5'], /--time-budget belongs to a whole search/],
  ])('check %j is refused in one line, exit 2', async (flags, message) => {
    const { code, err } = await cli('check', ...flags);
    expect(code).toBe(2);
    expect(err[0]).toMatch(message);
  });
});

describe('explore --shard I/N and merge', () => {
  /** Each property's status and shortest counterexample length. */
  const verdicts = (doc: { results: { property: string; status: string; counterexample?: { trace: unknown[] } }[] }) => doc.results.map((r) => [r.property, r.status, r.counterexample?.trace.length ?? 0]);

  it.each([
    [4, ['--design', 'hubris', '--max-depth', '40']],
    [3, ['--design', 'share-proposal', '--arch', 'abstract', '--clients', '1', '--buffers', '1', '--queue', '2', '--restarts', '0', '--max-depth', '100']],
    [3, ['--arch', 'abstract', '--clients', '1', '--max-depth', '5']],
  ])('%i shards of explore %j: the same verdicts, shortest lengths and distinct states as one search, and the depth every shard covered', async (n, args) => {
    const files = await shards(n, 'explore', ...args);
    const merged = await cli('merge', ...files, '--json');
    const one = await cli('explore', ...args, '--json');
    expect(merged.code).toBe(one.code);
    const [a, b] = [JSON.parse(merged.out), JSON.parse(one.out)];
    expect(verdicts(a)).toEqual(verdicts(b));
    expect([a.states, a.bound]).toEqual([b.states, b.bound]);
    // A bound stops every shard at one depth; a space searched to its end ends deeper in a shard than in one search (its part's distances are longer).
    if (b.bound !== null) expect(a.depthCovered).toBe(b.depthCovered);
    else expect(a.depthCovered).toBeGreaterThanOrEqual(b.depthCovered);
    expect(a.shards).toMatchObject({ count: n, splitDepth: 3, distinct: b.states });
    expect(a.shards.stored).toBeGreaterThanOrEqual(b.states);
  }, 240_000);

  it('the text report says how many states the shards stored in all against how many distinct', async () => {
    const files = await shards(2, 'explore', '--design', 'rust-channel', '--max-depth', '40', '--split-depth', '2');
    const { out } = await cli('merge', ...files);
    expect(out).toMatch(/^2 shards split at depth 2 stored \d+ states in all, 2416 distinct: \d+ \(\d+\.\d%\) stored by more than one shard/m);
  });

  it.each([
    [['--shard', '1/2', '--workers', '2'], /--shard searches in one thread/],
    [['--shard', '1/2', '--max-depth', '3', '--split-depth', '3'], /--split-depth 3 must be below --max-depth 3/],
    [['--split-depth', '2'], /--split-depth needs --shard/],
  ])('explore %j is refused in one line, exit 2', async (flags, message) => {
    const { code, err } = await cli('explore', ...flags);
    expect(code).toBe(2);
    expect(err[0]).toMatch(message);
  });
});
