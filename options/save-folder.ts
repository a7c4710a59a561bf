import { existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './flags.ts';

/**
 * `--out`: a folder that exists or can be made, and that takes new files,
 * checked when the flags are read, before any search, so that a bad one
 * costs nothing. The nearest existing folder on its path must be a
 * folder, and a probe folder made and removed in it must succeed: that
 * also refuses pseudo file systems such as /proc, where making folders
 * fails (and a recursive make never returns). Throws `UsageError`.
 */
export function checkedSaveFolder(dir: string): string {
  const target = resolve(dir);
  let at = target;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  if (!statSync(at).isDirectory()) throw new UsageError(`--out ${dir}: ${at === target ? 'not a folder' : `${at} is not a folder`}`);
  try {
    rmdirSync(mkdtempSync(join(at, '.tock-ipc-check-')));
  } catch (e) {
    throw new UsageError(`--out ${dir}: cannot write in ${at} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return dir;
}
