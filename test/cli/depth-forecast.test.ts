import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';
import { DepthForecast } from '../../cli/depth-forecast.ts';

/** explore in this process: its exit code and its stdout and stderr lines. */
async function explore(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['explore', ...args], { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' });
  return { code, out, err };
}

describe('explore warns when --max-states will cut the requested depth short', () => {
  it('says so on stderr once the first levels show the growth, before the search spends its states', async () => {
    const { out, err } = await explore('--max-depth', '5', '--max-states', '30000');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^tock-ipc-check: warning: at this growth \(x[\d.]+ states per level\), --max-states 30000 will stop the search inside depth 3, short of --max-depth 5/);
    // It came true: the search stopped inside depth 3.
    expect(out.at(-1)).toMatch(/^stopped by max-states 30000/);
    expect(out.some((l) => /depth 2 covered/.test(l))).toBe(true);
  });

  it('is silent where the bound suffices (the default depth and --max-states)', async () => {
    const { err } = await explore('--max-depth', '3');
    expect(err).toEqual([]);
  });

  it('projects the last growth factor to the deepest stored level, warning once', () => {
    // Levels of 10 then 90 states (x9): 100 in all, then 910 at depth 3, 8200 at depth 4, 73,810 at depth 5, the deepest stored (depth 6 is judged).
    const f = new DepthForecast(6, 80_000);
    expect(f.depthDone(1, 10)).toBeNull();
    expect(f.depthDone(2, 100)).toBeNull();
    const g = new DepthForecast(6, 8_000);
    g.depthDone(1, 10);
    expect(g.depthDone(2, 100)).toMatch(/inside depth 4, short of --max-depth 6/);
    expect(g.depthDone(3, 1000)).toBeNull();
  });
});
