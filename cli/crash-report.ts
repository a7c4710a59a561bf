import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_VERSION } from '../trace/index.ts';

/**
 * An internal error (a bug of tock-ipc-check or a failure of the machine,
 * never bad input: that is a `UsageError`) as a crash report: the file
 * holds the command, the versions and the stack; the user sees one line
 * naming it. Returns that line.
 */
export function crashLine(error: unknown, argv: readonly string[], folder = tmpdir()): string {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const path = join(folder, `tock-ipc-check-crash-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.txt`);
  const report = [
    `tock-ipc-check ${TOOL_VERSION}, Node ${process.version}, ${process.platform}-${process.arch}`,
    `command: tock-ipc-check ${argv.join(' ')}`,
    '',
    error instanceof Error ? (error.stack ?? error.message) : String(error),
    '',
  ].join('\n');
  try {
    writeFileSync(path, report, { flag: 'wx' });
    return `tock-ipc-check: internal error: ${message} (a bug of tock-ipc-check, not of your input; crash report: ${path})`;
  } catch (e) {
    return `tock-ipc-check: internal error: ${message} (a bug of tock-ipc-check, not of your input; no crash report: ${(e as Error).message.split('\n')[0]})`;
  }
}
