import { existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './flags.ts';

/** The reporters `--reporter` names: formats a CI system reads, written to `--output`. */
export const REPORTERS = ['junit'] as const;
export type Reporter = (typeof REPORTERS)[number];

/** A report to write once the search is done. */
export interface ReportFile {
  readonly reporter: Reporter;
  readonly path: string;
}

/**
 * `--reporter NAME --output FILE`, or null when neither is given. Checked
 * when the flags are read, before any search: the file is not a folder
 * and its folder exists and takes new files. Throws `UsageError`.
 */
function reportFile(values: Record<string, unknown>): ReportFile | null {
  const reporter = values.reporter as string | undefined;
  const path = values.output as string | undefined;
  if (reporter === undefined && path === undefined) return null;
  if (reporter === undefined) throw new UsageError(`--output needs --reporter (reporters: ${REPORTERS.join(', ')})`);
  if (!(REPORTERS as readonly string[]).includes(reporter)) throw new UsageError(`unknown reporter '${reporter}' (reporters: ${REPORTERS.join(', ')})`);
  if (path === undefined) throw new UsageError(`--reporter ${reporter} needs --output FILE`);
  return { reporter: reporter as Reporter, path: writableFile('--output', path) };
}

/** `--summary FILE`: where to write a Markdown summary of the results, or null; checked as `--output` is. */
function summaryFile(values: Record<string, unknown>): string | null {
  const path = values.summary as string | undefined;
  return path === undefined ? null : writableFile('--summary', path);
}

/** `reportFile` and `summaryFile` of a command's flags, refused when both name one file: the one written last would replace the other. */
export function reportAndSummary(values: Record<string, unknown>): { report: ReportFile | null; summary: string | null } {
  const report = reportFile(values);
  const summary = summaryFile(values);
  if (report !== null && summary !== null && resolve(report.path) === resolve(summary)) {
    throw new UsageError(`--output and --summary both name ${summary}: each writes a file of its own`);
  }
  return { report, summary };
}

/**
 * In a GitHub Actions job (GITHUB_ACTIONS=true), the file
 * $GITHUB_STEP_SUMMARY names, checked as `--output` is, before any search;
 * null outside one or when it is unset.
 */
export function stepSummaryFile(env: Readonly<Record<string, string | undefined>>): string | null {
  const path = env.GITHUB_STEP_SUMMARY;
  if (env.GITHUB_ACTIONS !== 'true' || path === undefined || path === '') return null;
  return writableFile('$GITHUB_STEP_SUMMARY', path);
}

/** `path`, once it is known not to be a folder and its folder to exist and take new files. Throws `UsageError` naming `flag`. */
export function writableFile(flag: string, path: string): string {
  if (path === '') throw new UsageError(`${flag} needs a file name`);
  const target = resolve(path);
  if (existsSync(target) && statSync(target).isDirectory()) throw new UsageError(`${flag} ${path}: a folder, not a file`);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${flag} ${path}: no folder ${folder}`);
  try {
    rmdirSync(mkdtempSync(join(folder, '.tock-ipc-check-')));
  } catch (e) {
    throw new UsageError(`${flag} ${path}: cannot write in ${folder} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return path;
}
