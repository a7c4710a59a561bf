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

  it('runs the commands the README section "In CI" documents, each a real command of this tool', () => {
    const runs = [...readFileSync(WORKFLOW, 'utf8').matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(1);
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## In CI'), readme.indexOf('\n## ', readme.indexOf('## In CI') + 1));
    for (const run of runs) expect(section, run).toContain(`\n${run}\n`);
    for (const run of runs.filter((r) => r.startsWith('npx tock-ipc-check '))) {
      const args = run.replace('npx tock-ipc-check ', '').replace('${{ matrix.design }}', 'share-proposal').replace('--time-budget 600', '--time-budget 1').split(' ');
      const folder = mkdtempSync(join(tmpdir(), 'workflow-run-'));
      const result = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'tock-ipc-check.mjs'), ...args], { cwd: folder, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(join(folder, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    }
  });
});
