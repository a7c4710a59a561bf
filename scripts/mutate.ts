/**
 * `npm run mutate`: the checker's own power. Mutates share-proposal and
 * tock-2.2 rule by rule (engine/mutants.ts), runs the searches on each
 * mutant (engine/mutation.ts), prints a table and the mutation score.
 * One progress line per mutant on stderr. Exit 0 when the score reaches
 * `--min-score` (default 95), 1 when below, 2 on bad usage.
 *
 *   npm run mutate -- [--design NAME] [--quick] [--min-score N]
 *
 * `--design` keeps one subject's mutants; `--quick` runs the scenarios
 * and check, not explore.
 */
import { parseArgs } from 'node:util';
import { match } from 'ts-pattern';
import { baselineOf, contributionsOf, fateOf, judgeMutant, mutantsOf, scoreOf, SUBJECTS, unknownEquivalents, type MutantResult } from '../engine/index.ts';

const USAGE = 'usage: npm run mutate -- [--design NAME] [--quick] [--min-score N (0-100)]';

function usage(message: string): never {
  process.stderr.write(`mutate: ${message} (${USAGE})\n`);
  process.exit(2);
}

function parsed() {
  try {
    return parseArgs({ options: { design: { type: 'string' }, quick: { type: 'boolean' }, 'min-score': { type: 'string' } }, strict: true }).values;
  } catch (e) {
    return usage((e as Error).message);
  }
}

const flags = parsed();
const minScore = flags['min-score'] === undefined ? 95 : Number(flags['min-score']);
if (!/^\d+(\.\d+)?$/.test(flags['min-score'] ?? '95') || minScore > 100) usage(`--min-score must be a number from 0 to 100, not '${flags['min-score']}'`);
const subjects = SUBJECTS.filter((s) => flags.design === undefined || s.design.id === flags.design);
if (subjects.length === 0) usage(`--design must be one of ${SUBJECTS.map((s) => s.design.id).join(', ')}, not '${flags.design}'`);
const unknown = unknownEquivalents();
if (unknown.length > 0) usage(`the equivalents table names no mutant: ${unknown.join(', ')}`);

const started = process.hrtime.bigint();
const results: MutantResult[] = [];
for (const subject of subjects) {
  process.stderr.write(`${subject.design.id}: the unmutated design's verdicts...\n`);
  const baseline = baselineOf(subject, flags.quick === true);
  const mutants = mutantsOf(subject.design);
  mutants.forEach((mutant, i) => {
    const result = judgeMutant(mutant, baseline);
    results.push(result);
    process.stderr.write(`[${i + 1}/${mutants.length}] ${mutant.id}: ${fateText(result)}\n`);
  });
}

/** The fate column: who killed it, or SURVIVED, or why it is equivalent. */
function fateText(result: MutantResult): string {
  const by = (kind: 'kills' | 'crashes') => result.outcomes.filter((o) => o.result === kind).map((o) => o.search);
  const killers = by('kills');
  return match(fateOf(result))
    .with('equivalent', () => `equivalent${killers.length > 0 ? ` (but killed by ${killers.join(', ')}: check the table)` : ''}`)
    .with('crashed', () => `crashed in ${by('crashes').join(', ')}${killers.length > 0 ? `; killed by ${killers.join(', ')}` : ''}`)
    .with('killed', () => `killed by ${killers.join(', ')}`)
    .with('survived', () => 'SURVIVED')
    .exhaustive();
}

const width = Math.max(...results.map((r) => r.mutant.id.length));
console.log(`${'mutant'.padEnd(width)}  fate`);
for (const r of results) console.log(`${r.mutant.id.padEnd(width)}  ${fateText(r)}`);

const notes = results.filter((r) => fateOf(r) !== 'survived').flatMap((r) => r.outcomes.flatMap((o) => (o.result === 'spares' ? [] : [`  ${r.mutant.id} [${o.search}]: ${o.note}`])));
if (notes.length > 0) console.log(`\nwhat killed each:\n${notes.join('\n')}`);
const survivors = results.filter((r) => fateOf(r) === 'survived');
if (survivors.length > 0) console.log(`\nsurvivors:\n${survivors.map((r) => `  ${r.mutant.id}: ${r.mutant.design.summary}`).join('\n')}`);
const equivalents = results.filter((r) => fateOf(r) === 'equivalent');
if (equivalents.length > 0) console.log(`\ndeclared equivalent:\n${equivalents.map((r) => `  ${r.mutant.id}: ${r.equivalent}`).join('\n')}`);

console.log(`\nwhat each search contributes (mutants it told apart, and those no other search did):`);
for (const c of contributionsOf(results)) console.log(`  ${c.search.padEnd(8)}  ${c.detected} (${c.alone} alone)`);

const score = scoreOf(results);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `\nmutation score ${score.percent.toFixed(1)}%: ${score.killed + score.crashed} killed (${score.crashed} of them crashed) of ${score.generated - score.equivalent} ` +
    `(${score.generated} generated, ${score.equivalent} equivalent), ${score.survived} survived; threshold ${minScore}%${flags.quick === true ? '; --quick: no explore' : ''}`,
);
console.log(`took ${seconds.toFixed(0)} s`);
process.exitCode = score.percent >= minScore ? 0 : 1;
