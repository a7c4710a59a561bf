import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';
import { COMMAND_SPECS, overallUsage, type CommandName, type FlagSpec } from '../../options/index.ts';

/** The CLI in this process: exit code and output. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' });
  return { code, out: out.join('\n'), err };
}

const COMMANDS = Object.keys(COMMAND_SPECS) as CommandName[];
const flagsOf = (name: CommandName) => Object.entries(COMMAND_SPECS[name].flags as Record<string, FlagSpec>);

describe('each command has a --help of its own', () => {
  it.each(COMMANDS)('%s --help (and help NAME, NAME -h) gives its options with their defaults and ranges, and exits 0', async (name) => {
    const { code, out, err } = await cli(name, '--help');
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toMatch(new RegExp(`^tock-ipc-check ${name}: `));
    expect((await cli('help', name)).out).toBe(out);
    expect((await cli(name, '-h')).out).toBe(out);
    for (const [flag, spec] of flagsOf(name)) {
      const line = out.split('\n').find((l) => l.startsWith(`  --${flag}${spec.value === undefined ? ' ' : ` ${spec.value}`}`));
      expect(line, `${name} --help: --${flag}`).toBeDefined();
      if (spec.default !== undefined) expect(line).toContain(`default ${spec.default}`);
      if (spec.range !== undefined) expect(line).toContain(`${spec.range[0]}-${spec.range[1]}`);
    }
    // Another command's flag is not in this one's help.
    if (name === 'mpu') expect(out).not.toContain('--runs');
  });

  it('the ranges help states are the ones the parser enforces: one past either end is one line, exit 2, naming the range', async () => {
    for (const name of COMMANDS) {
      for (const [flag, spec] of flagsOf(name)) {
        if (spec.range === undefined) continue;
        const [min, max] = spec.range;
        for (const bad of [max + 1, ...(min > 0 ? [min - 1] : [])]) {
          const { code, err } = await cli(name, `--${flag}`, String(bad));
          expect(code, `${name} --${flag} ${bad}`).toBe(2);
          expect(err, `${name} --${flag} ${bad}`).toEqual([`tock-ipc-check: --${flag} must be an integer from ${min} to ${max}, got '${bad}'`]);
        }
      }
    }
  });

  it('an option another command takes is unknown here: one line, exit 2', async () => {
    const { code, err } = await cli('mpu', '--runs', '5');
    expect(code).toBe(2);
    expect(err).toEqual(["tock-ipc-check: Unknown option '--runs'"]);
  });

  it('the overall usage names every command and every flag of each', async () => {
    const { out } = await cli('--help');
    for (const name of COMMANDS) {
      expect(out).toMatch(new RegExp(`^  ${name} +${COMMAND_SPECS[name].summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      // A required flag unbracketed, the others in brackets.
      for (const [flag, spec] of flagsOf(name)) expect(out).toContain(spec.required === true ? ` --${flag}` : `[--${flag}`);
    }
  });

  it("the README documents every flag of check, explore and compare", () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of ['check', 'explore', 'compare'] as const) {
      for (const [flag] of flagsOf(name)) expect(readme, `--${flag}`).toMatch(new RegExp(`--${flag}\\b`));
    }
  });
});

describe("the README's Commands block", () => {
  it('is the command list of --help, made from the flag tables (a flag added to a command shows there or fails here)', () => {
    const lines = overallUsage().split('\n');
    const from = lines.indexOf('commands:') + 1;
    const block = lines.slice(from, lines.indexOf('', from)).join('\n');
    expect(readFileSync('README.md', 'utf8')).toContain(`## Commands\n\n\`\`\`\n${block}\n\`\`\`\n`);
  });
});
