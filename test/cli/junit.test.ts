import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';
import { junitXml } from '../../cli/junit-report.ts';

function cli(...argv: string[]): { code: number; err: string[] } {
  const err: string[] = [];
  const code = main(argv, { out: () => {}, err: (l) => err.push(l), input: () => '' }) as number;
  return { code, err };
}

/** xmllint (Debian's libxml2-utils) is what checks the output against the schema; .ci/run installs it. */
const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;
if (!HAS_XMLLINT) console.warn('test/cli/junit.test.ts: xmllint not found (apt-get install libxml2-utils): schema checks skipped');

function validates(file: string): string {
  const run = spawnSync('xmllint', ['--noout', '--schema', 'docs/junit.xsd', file], { encoding: 'utf8' });
  return `${run.status} ${run.stderr.trim()}`;
}

const folder = mkdtempSync(join(tmpdir(), 'junit-'));

describe.skipIf(!HAS_XMLLINT && process.env.CI === undefined)('--reporter junit, validated against docs/junit.xsd', () => {
  it('check: one case per property, a failure per violated one holding its counterexample steps, n/a skipped', () => {
    const file = join(folder, 'check.xml');
    expect(cli('check', '--runs', '300', '--reporter', 'junit', '--output', file).code).toBe(1);
    expect(validates(file)).toBe(`0 ${file} validates`);
    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    const failures = [...xml.matchAll(/<failure message="[^"]*" type="([^"]*)">([^<]*)<\/failure>/g)];
    expect(failures.length).toBeGreaterThanOrEqual(4);
    for (const [, , steps] of failures) expect(steps).toMatch(/^ {3}1\. .+ -&gt; /m);
    expect(xml).toMatch(/<testcase classname="tock-2.2" name="response-matching" time="0">\s*<skipped message="n\/a: /);
  });

  it('explore: the shortest counterexamples as failures, inconclusive properties skipped with their bound', () => {
    const file = join(folder, 'explore.xml');
    expect(cli('explore', '--arch', 'abstract', '--clients', '1', '--max-depth', '3', '--reporter', 'junit', '--output', file).code).toBe(1);
    expect(validates(file)).toBe(`0 ${file} validates`);
    expect(readFileSync(file, 'utf8')).toMatch(/<skipped message="inconclusive: max-depth 3"\/>/);
  });

  it('compare: one case per design, architecture and property', () => {
    const file = join(folder, 'compare.xml');
    cli('compare', '--design', 'hubris', '--design', 'rust-channel', '--arch', 'abstract', '--arch', 'cortex-m', '--runs', '100', '--max-depth', '2', '--reporter', 'junit', '--output', file);
    expect(validates(file)).toBe(`0 ${file} validates`);
    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2 * 2 * 8);
    expect(xml).toContain('classname="hubris.cortex-m" name="fairness"');
  });

  it('escapes what XML cannot hold as is, and drops what it cannot hold at all', () => {
    const file = join(folder, 'escaped.xml');
    writeFileSync(file, junitXml('a <suite> & "quotes"', [{ classname: 'd', name: 'p', outcome: 'failed', message: 'x < y & "z"\u0001', text: ['#1 discover "<\u0007>"'] }], 0.5));
    expect(validates(file)).toBe(`0 ${file} validates`);
    expect(readFileSync(file, 'utf8')).toContain('message="x &lt; y &amp; &quot;z&quot;"');
  });
});
