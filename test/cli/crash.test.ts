import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../cli/cli.ts';
import { crashLine } from '../../cli/crash-report.ts';

describe('an internal error', () => {
  it('is one line naming a saved crash report (command, versions, stack), and exit 4: never 1, never a stack trace', async () => {
    const err: string[] = [];
    const code = await main(['list'], {
      out: () => {
        throw new Error('write EIO: the terminal went away');
      },
      err: (l) => err.push(l),
      input: () => '',
    });
    expect(code).toBe(EXIT.internal);
    expect(code).toBe(4);
    expect(err).toHaveLength(1);
    const m = /^tock-ipc-check: internal error: write EIO: the terminal went away \(a bug of tock-ipc-check, not of your input; crash report: (\S+)\)$/.exec(err[0]!);
    expect(m, err[0]).not.toBeNull();
    const report = readFileSync(m![1]!, 'utf8');
    rmSync(m![1]!);
    expect(report).toContain('command: tock-ipc-check list');
    expect(report).toContain(`Node ${process.version}`);
    expect(report).toMatch(/Error: write EIO[^\n]*\n\s+at /);
  });

  it('a rejected asynchronous command is caught the same way', async () => {
    const err: string[] = [];
    const code = await main(['list', '--design', './examples/no-such-file.ts'], { out: () => {}, err: (l) => err.push(l), input: () => '' });
    expect(code).toBe(EXIT.usage);
    expect(err).toHaveLength(1);
  });

  it('still is one line when the report cannot be written', () => {
    const folder = mkdtempSync(join(tmpdir(), 'crash-'));
    rmSync(folder, { recursive: true });
    const line = crashLine(new Error('boom\nsecond line'), ['check'], folder);
    expect(line).toMatch(/^tock-ipc-check: internal error: boom \(.*no crash report: ENOENT/);
    expect(line).not.toContain('\n');
    expect(existsSync(folder)).toBe(false);
  });
});
