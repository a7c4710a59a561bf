/**
 * The README's section "What the surveyed designs keep", made from the
 * checker's own output so that it cannot go stale: the matrix `compare
 * --markdown` prints for the surveyed designs beside Tock's, and for each
 * violation of a surveyed design one sentence from `check`'s counterexample.
 * `npx tsx scripts/surveyed-section.ts` rewrites the section in README.md;
 * with `--check` it only says whether it is current (exit 1 if not).
 * test/designs/surveyed-section.test.ts checks it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { check } from '../api/api.ts';
import { compareMarkdown } from '../cli/compare-report.ts';
import { compare } from '../engine/compare.ts';
import { formatAction, designById } from '../model/index.ts';
import { propertyById } from '../properties/index.ts';
import { parseCompareOptions } from '../options/index.ts';

/** The rows of the matrix: Tock's designs, then the surveyed ones. */
export const SURVEYED = ['hubris', 'threadx-queue', 'rust-channel', 'redox-shm'] as const;
const BESIDE = ['tock-2.2', 'share-proposal', 'ipc-2026', 'ipc-2026-fair'] as const;

/** The budget, smaller than compare's default so that the test that checks the section stays quick. */
const BUDGET = { runs: 300, maxDepth: 2, directedStates: 2000 } as const;

const BEGIN = '<!-- surveyed-designs: made by `npx tsx scripts/surveyed-section.ts`; do not edit by hand -->';
const END = '<!-- surveyed-designs: end -->';

/** The section's lines, between its markers. */
export function surveyedSection(): string[] {
  const args = [...[...BESIDE, ...SURVEYED].flatMap((d) => ['--design', d]), '--runs', String(BUDGET.runs), '--max-depth', String(BUDGET.maxDepth), '--directed-states', String(BUDGET.directedStates), '--markdown'];
  const options = parseCompareOptions(args);
  const lines = [`\`tock-ipc-check compare ${args.join(' ')}\` (Cortex-M, the default world):`, '', ...compareMarkdown(options, compare(options)), ''];
  lines.push('What each violation of a surveyed design means, in the words of its counterexample:', '');
  for (const id of SURVEYED) {
    const design = designById(id)!;
    const described = (property: string) => propertyById(property)!.description;
    for (const result of check({ design: id, runs: BUDGET.runs, directedStates: BUDGET.directedStates }).results) {
      if (result.status !== 'violated') continue;
      const cx = result.counterexample as { cause: string | null; message: string; trace: { type: string }[] };
      const cause = cx.cause === null ? '' : ` [${cx.cause}]`;
      const last = formatAction(design.kinds, cx.trace.at(-1)! as never);
      lines.push(`- \`${id}\` breaks \`${result.property}\`${cause} (${described(result.property)}) in ${cx.trace.length} steps ending with \`${last}\`: ${cx.message}.`);
    }
  }
  return lines;
}

/** `readme` with the section replaced by `lines`; throws when the markers are missing. */
export function withSection(readme: string, lines: readonly string[]): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error('README.md: the surveyed-designs markers are missing');
  return `${readme.slice(0, begin + BEGIN.length)}\n${lines.join('\n')}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8');
  const next = withSection(readme, surveyedSection());
  if (process.argv.includes('--check')) {
    console.log(next === readme ? 'README.md: the surveyed-designs section is current' : 'README.md: the surveyed-designs section is stale; run npx tsx scripts/surveyed-section.ts');
    process.exitCode = next === readme ? 0 : 1;
  } else if (next !== readme) {
    writeFileSync('README.md', next);
    console.log('README.md: surveyed-designs section rewritten');
  }
}
