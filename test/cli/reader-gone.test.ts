import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The executable in a child process whose stdout reader goes away after
 * the first chunk, as `| head -1` does: its exit code and what it wrote
 * on stderr.
 */
function readUntilFirstChunk(argv: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/tock-ipc-check.mjs', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.once('data', () => child.stdout.destroy());
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('a reader that stops early (| head)', () => {
  // check and explore print through a search thread, the other commands from the main one: one of each.
  it.each([
    ['check', ['check', '--property', 'revocation', '--runs', '100']],
    ['explore', ['explore', '--max-depth', '3', '--property', 'delivery']],
  ])('%s with a violation still exits 1, quietly', async (_, argv) => {
    const { status, stderr } = await readUntilFirstChunk(argv);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  }, 120_000);

  it('replay of a counterexample that reproduces still exits 0', async () => {
    const { status, stderr } = await readUntilFirstChunk(['replay', 'counterexamples/tock-2.2/delivery-0f7a7034.json']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  }, 120_000);
});
