import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';

async function run(argv: string[], progress?: (t: string) => void): Promise<string[]> {
  const err: string[] = [];
  await main(argv, { out: () => {}, err: (l) => err.push(l), input: () => '', ...(progress === undefined ? {} : { progress }) });
  return err;
}

describe("check's progress line", () => {
  it('on a terminal: redrawn while the search runs (property, runs, rate, time left), then cleared', async () => {
    const drawn: string[] = [];
    await run(['check', '--runs', '1500', '--directed-states', '0'], (t) => drawn.push(t));
    expect(drawn.length).toBeGreaterThan(1);
    for (const line of drawn.slice(0, -1)) expect(line).toMatch(/^check: property [1-8] of 8 \([a-z-]+\), run \d+ of 1500, \d+ runs\/s, about \d+ s left$/);
    expect(drawn.at(-1)).toBe('');
  });

  it('silent under --json, and where no terminal is (no Io.progress), unless asked', async () => {
    const drawn: string[] = [];
    await run(['check', '--runs', '300', '--directed-states', '0', '--json'], (t) => drawn.push(t));
    expect(drawn.filter((t) => t !== '')).toEqual([]);
    expect(await run(['check', '--runs', '300', '--directed-states', '0'])).toEqual([]);
  });
});
