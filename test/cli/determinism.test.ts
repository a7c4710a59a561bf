import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';

async function out(...argv: string[]): Promise<string> {
  const lines: string[] = [];
  await main(argv, { out: (l) => lines.push(l), err: () => {}, input: () => '' });
  return lines.join('\n');
}

/** A `check --json` document without its `timings`, the one part that differs between runs (and that `merge` has not). */
function untimed(json: string): string {
  const { timings, ...rest } = JSON.parse(json) as { timings?: { seconds: number } };
  expect(timings === undefined || timings.seconds >= 0).toBe(true);
  return JSON.stringify(rest, null, 2);
}

/** Every file of a folder, by name, with its bytes. */
function files(folder: string): Record<string, string> {
  const all: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else all[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(folder, '');
  return all;
}

describe('determinism: the same inputs and seed give the same bytes', () => {
  it('check --json and the counterexample files it saves, run twice', async () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'same-a-')), mkdtempSync(join(tmpdir(), 'same-b-'))];
    const first = await out('check', '--runs', '300', '--seed', '9', '--directed-states', '2000', '--json', '--save', '--out', a);
    const second = await out('check', '--runs', '300', '--seed', '9', '--directed-states', '2000', '--json', '--save', '--out', b);
    expect(untimed(second.replaceAll(b, a))).toBe(untimed(first));
    expect(Object.keys(files(a)).length).toBeGreaterThan(0);
    expect(files(b)).toEqual(files(a));
  });

  it('a check merged of 2 shards and of 3 prints what one check prints', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'same-shards-'));
    const one = await out('check', '--design', 'threadx-queue', '--runs', '150', '--json');
    for (const n of [2, 3]) {
      const parts: string[] = [];
      for (let i = 1; i <= n; i++) {
        const file = join(folder, `part-${i}-of-${n}.json`);
        writeFileSync(file, await out('check', '--design', 'threadx-queue', '--runs', '150', '--shard', `${i}/${n}`));
        parts.push(file);
      }
      expect(untimed(await out('merge', ...parts, '--json')), `${n} shards`).toBe(untimed(one));
    }
  });
});
