import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';

/** explore in a child process of its own, whose memory alone is measured: its exit code and --json document. */
function explore(node: readonly string[], ...args: string[]): { status: number | null; json: { bound: string; depthCovered: number; peakRssMiB: number; results: { status: string; bound?: string }[] }; stderr: string } {
  const run = spawnSync(process.execPath, [...node, 'bin/tock-ipc-check.mjs', 'explore', '--max-depth', '9', '--max-states', '100000000', '--json', ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return { status: run.status, json: JSON.parse(run.stdout), stderr: run.stderr };
}

describe('the memory ceiling of explore', () => {
  it('--max-memory: stops cleanly once the process holds more, reports the depth it covered, and exits by what it found', () => {
    const { status, json } = explore([], '--max-memory', '250');
    expect(json.bound).toMatch(/^memory ceiling of 250 MiB reached \(RSS \d+ MiB\)$/);
    // The peak reported is what the ceiling saw, not a reading from before the last level.
    expect(json.peakRssMiB).toBeGreaterThanOrEqual(0.9 * Number(/RSS (\d+) MiB/.exec(json.bound)![1]));
    expect(json.depthCovered).toBeLessThan(9);
    for (const r of json.results.filter((x) => x.status === 'inconclusive')) expect(r.bound).toBe(json.bound);
    expect(status).toBe(json.results.some((r) => r.status === 'violated') ? 1 : 0);
  });

  it('--max-memory below what the process holds before searching is refused: one line, exit 2, no search', () => {
    const run = spawnSync(process.execPath, ['bin/tock-ipc-check.mjs', 'explore', '--max-memory', '64'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tock-ipc-check: --max-memory 64 is below what this process holds before searching \(\d+ MiB\): the search could not begin\n$/);
  });

  it('more --workers than cores is searched, with a warning that they only slow it; as many as the cores, without', () => {
    const cores = availableParallelism();
    const explore = (workers: number) => spawnSync(process.execPath, ['bin/tock-ipc-check.mjs', 'explore', '--max-depth', '1', '--workers', String(workers)], { encoding: 'utf8' });
    // --workers goes up to 64: on a machine of 64 cores or more no count is too many.
    const over = explore(Math.min(64, cores + 1));
    expect(over.stderr.includes(`tock-ipc-check: warning: --workers ${cores + 1} on ${cores} core(s)`)).toBe(cores < 64);
    expect(over.stdout).toMatch(/depth 1 covered/);
    expect(explore(Math.min(64, cores)).stderr).not.toMatch(/warning: --workers/);
  });

  it('a small JavaScript heap (node --max-old-space-size) ends the search cleanly, not in a V8 heap-limit crash', () => {
    const { status, json, stderr } = explore(['--max-old-space-size=100']);
    expect(stderr).not.toMatch(/FATAL ERROR/);
    expect(json.bound).toMatch(/^memory ceiling reached: the JavaScript heap is near its limit of \d+ MiB/);
    expect(status).toBe(1);
  });
});
