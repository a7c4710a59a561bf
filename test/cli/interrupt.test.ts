import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_JSON } from '../../api/index.ts';

/**
 * The executable in a child process, sent `signal` once `ready(stdout)`
 * holds (or once `wait` ms have passed): its exit code
 * and output.
 */
function interrupted(argv: readonly string[], signal: NodeJS.Signals, ready: (stdout: string) => boolean, { again = false, wait = 60_000 } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/tock-ipc-check.mjs', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      child.kill(signal);
      // Another kind of signal at once: two of one kind sent together may reach the process as one.
      if (again) child.kill('SIGTERM');
    };
    const fallback = setTimeout(send, wait);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (ready(stdout)) send();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => {
      clearTimeout(fallback);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('SIGINT and SIGTERM stop a search cleanly', () => {
  it('explore: SIGTERM mid-search prints the violations found so far, saves their counterexamples, and exits by them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'interrupt-'));
    const { status, stdout, stderr } = await interrupted(['explore', '--max-depth', '9', '--max-states', '100000000', '--save', '--out', out], 'SIGTERM', (s) => /^depth 3: /m.test(s));
    expect(stderr).toMatch(/^tock-ipc-check: SIGTERM: stopping the search; its results so far follow/m);
    expect(stdout).toMatch(/^VIOLATED {6}stale-generation: /m);
    expect(stdout).toMatch(/^inconclusive {2}isolation: no violation up to depth \d \(stopped by SIGTERM\)$/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^interrupted by SIGTERM: the results above are what the search found before it stopped/);
    const saved = readdirSync(join(out, 'tock-2.2'));
    expect(saved.some((f) => f.startsWith('stale-generation-'))).toBe(true);
    expect(stdout).toContain(`saved     ${join(out, 'tock-2.2')}/`);
    expect(status).toBe(1);
  }, 120_000);

  it('check --json: SIGINT gives one valid JSON document with interrupted: true, the runs not made inconclusive, and the exit code by the results', async () => {
    // Nothing is printed before the end under --json: the signal comes after a while (a design whose properties hold runs on).
    const { status, stdout, stderr } = await interrupted(['check', '--design', 'share-proposal', '--runs', '10000000', '--json'], 'SIGINT', () => false, { wait: 8000 });
    expect(stderr).toMatch(/^tock-ipc-check: SIGINT: stopping the search/m);
    expect(() => CHECK_JSON.parse(JSON.parse(stdout))).not.toThrow();
    const json = JSON.parse(stdout) as { interrupted?: boolean; results: { property: string; status: string; bound?: string }[] };
    expect(json.interrupted).toBe(true);
    for (const r of json.results.filter((x) => x.status === 'inconclusive')) expect(r.bound).toMatch(/^SIGINT: \d+ of 10000000 random runs$/);
    expect(json.results.some((r) => r.status === 'inconclusive')).toBe(true);
    expect(status).toBe(json.results.some((r) => r.status === 'violated') ? 1 : 0);
  }, 120_000);

  it('a second signal quits at once, with its own exit code', async () => {
    const { status, stdout } = await interrupted(['explore', '--max-depth', '9', '--max-states', '100000000'], 'SIGINT', (s) => /^depth 2: /m.test(s), { again: true });
    expect(status).toBe(143);
    expect(stdout).not.toMatch(/interrupted by SIGINT/);
  }, 120_000);
});
