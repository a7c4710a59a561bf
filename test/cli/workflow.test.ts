import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const WORKFLOW = '.github/workflows/ipc-properties.yml';
const validator = join('node_modules', '.bin', 'action-validator');

function validate(file: string): number | null {
  return spawnSync(validator, [file], { encoding: 'utf8' }).status;
}

describe('the example workflow', () => {
  it('is a valid GitHub Actions workflow (@action-validator/cli), which a broken one is not', () => {
    expect(validate(WORKFLOW)).toBe(0);
    const broken = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'broken.yml');
    writeFileSync(broken, readFileSync(WORKFLOW, 'utf8').replace('runs-on:', 'runs-onn:'));
    expect(validate(broken)).not.toBe(0);
  });

  it('runs the commands the README section "In CI" documents, and they do what it says: four parts merged into one result', () => {
    const runs = [...readFileSync(WORKFLOW, 'utf8').matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(2);
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## In CI'), readme.indexOf('\n## ', readme.indexOf('## In CI') + 1));
    for (const run of runs) expect(section, run).toContain(`\n${run}\n`);
    // As the jobs run them, for one design: the four shards, their parts moved into parts/ as the download does, then the merge.
    const folder = mkdtempSync(join(tmpdir(), 'workflow-run-'));
    const tool = `${process.execPath} ${join(process.cwd(), 'bin', 'tock-ipc-check.mjs')}`;
    const shell = (command: string) => spawnSync('bash', ['-c', command.replace('npx tock-ipc-check', tool)], { cwd: folder, encoding: 'utf8' });
    const [shardRun, mergeRun] = [runs.find((r) => r.includes('--shard'))!, runs.find((r) => r.includes(' merge '))!];
    for (const shard of [1, 2, 3, 4]) {
      const result = shell(shardRun.replaceAll('${{ matrix.design }}', 'rust-channel').replaceAll('${{ matrix.shard }}', String(shard)));
      expect(result.status, result.stderr).toBe(0);
    }
    expect(shell('mkdir parts && mv part-*.json parts/').status).toBe(0);
    const merged = shell(mergeRun);
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^tock-ipc-check merge: 4 shard\(s\) of: tock-ipc-check check --design rust-channel /);
    expect(readFileSync(join(folder, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
  });
});
