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
    expect(err[0]).toMatch(/^tock-ipc-check: warning: if the state space goes on growing as it has \(x[\d.]+ states per level, falling x0\.\d\d a level\), --max-states 30000 will stop the search inside depth 3, short of --max-depth 5/);
    // It came true: the search stopped inside depth 3.
    expect(out.at(-1)).toMatch(/^stopped by max-states 30000/);
    expect(out.some((l) => /depth 2 covered/.test(l))).toBe(true);
  });

  it('is silent where the bound suffices (the default depth and --max-states)', async () => {
    const { err } = await explore('--max-depth', '3');
    expect(err).toEqual([]);
  });

  it('projects the last growth factor to the deepest stored level, warning once', () => {
    // One world, then levels of 10 and 100 states (x10 twice, not falling): 111 in all, then 1,111 at depth 3, 11,111 at depth 4, 111,111 at depth 5, the deepest stored (depth 6 is judged).
    const f = new DepthForecast(6, 120_000);
    expect(f.depthDone(1, 11)).toBeNull();
    expect(f.depthDone(2, 111)).toBeNull();
    const g = new DepthForecast(6, 11_110);
    expect(g.depthDone(1, 11)).toBeNull(); // one factor is not yet a trend
    expect(g.depthDone(2, 111)).toMatch(/^warning: if the state space goes on growing as it has \(x10\.0 states per level\), --max-states 11110 will stop the search inside depth 4, short of --max-depth 6/);
    expect(g.depthDone(3, 1111)).toBeNull();
  });

  it('carries the fall of the growth factor on: the default world to depth 6 fits 40 million states', () => {
    // The default world's first levels (symmetry on): 51 then 1,977 states (x51, then x38.8). Measured on: 54,255 at depth 3,
    // 1,112,654 at depth 4 and 17,162,417 at depth 5, 18.3 million in all. Held at x38.8 the projection passes 100 million.
    const f = new DepthForecast(6, 40_000_000);
    expect(f.depthDone(1, 52)).toBeNull();
    expect(f.depthDone(2, 2029)).toBeNull();
    // Under 15 million they are not (18.3 million were stored): the fall (x0.76) projects 23.6 million, past it.
    const g = new DepthForecast(6, 15_000_000);
    g.depthDone(1, 52);
    expect(g.depthDone(2, 2029)).toMatch(/x38\.8 states per level, falling x0\.76 a level\), --max-states 15000000 will stop the search inside depth 5/);
  });
});
