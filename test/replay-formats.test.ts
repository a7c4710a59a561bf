import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../cli/cli.ts';

const FOLDER = new URL('../counterexamples/tock-2.2/', import.meta.url).pathname;
const files = readdirSync(FOLDER).filter((f) => f.endsWith('.json')).sort();

function replay(format: string, file: string): { code: number; out: string } {
  const out: string[] = [];
  const code = synchronous(main(['replay', '--format', format, join(FOLDER, file)], { out: (l) => out.push(l), err: () => {}, input: () => '' }));
  return { code, out: out.join('\n') };
}

/** An ITF value as ADR-015 defines it. */
const ItfValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.boolean(),
    z.string(),
    z.strictObject({ '#bigint': z.string().regex(/^-?\d+$/) }),
    z.array(ItfValue),
    z.strictObject({ '#tup': z.array(ItfValue) }),
    z.strictObject({ '#set': z.array(ItfValue) }),
    z.strictObject({ '#map': z.array(z.tuple([ItfValue, ItfValue])) }),
    z.strictObject({ '#unserializable': z.string() }),
    z.strictObject({ tag: z.string(), value: ItfValue }),
    z.record(z.string().regex(/^[^#]/), ItfValue),
  ]),
);

const ItfTrace = z.object({
  '#meta': z.record(z.string(), z.unknown()).optional(),
  params: z.array(z.string()).optional(),
  vars: z.array(z.string()),
  states: z.array(z.record(z.string(), z.unknown())).min(1),
  loop: z.number().int().optional(),
});

describe('replay --format mermaid', () => {
  it.each(files)('%s: a sequence diagram Mermaid parses, the violating step shaded', async (file) => {
    const { code, out } = replay('mermaid', file);
    expect(code).toBe(0);
    expect(out).toMatch(/^sequenceDiagram\n/);
    expect(out).toMatch(/ {2}rect rgb\(255, 221, 221\)\n[\s\S]*Note over K,P\d: VIOLATION /);
    await expect(mermaid.parse(out)).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  it('shows a restart with the new generation', () => {
    const restart = files.find((f) => replay('text', f).out.includes('kernel restarts #1'))!;
    expect(replay('mermaid', restart).out).toMatch(/K->>P1: \d+\. RESTARTED: now #35;1@1/);
  });

  it('keeps a name with a line break (read from a file) on its message line', async () => {
    const source = files.find((f) => readFileSync(join(FOLDER, f), 'utf8').includes('"discover"'))!;
    const file = JSON.parse(readFileSync(join(FOLDER, source), 'utf8'));
    const at = file.trace.findIndex((a: { type: string }) => a.type === 'discover');
    file.trace[at] = { ...file.trace[at], name: 'ser\nvice;#x' };
    const dir = mkdtempSync(join(tmpdir(), 'tock-ipc-check-mermaid-'));
    const path = join(dir, 'renamed.json');
    writeFileSync(path, JSON.stringify(file));
    const out: string[] = [];
    synchronous(main(['replay', '--format', 'mermaid', path], { out: (l) => out.push(l), err: () => {}, input: () => '' }));
    rmSync(dir, { recursive: true, force: true });
    expect(out.join('\n')).toContain('ser vice#59;#35;x');
    await expect(mermaid.parse(out.join('\n'))).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  it('a diagram Mermaid rejects makes the parser throw (the test above can fail)', async () => {
    await expect(mermaid.parse('sequenceDiagram\n  P1->>: broken\n')).rejects.toThrow();
  });
});

describe('replay --format itf', () => {
  it.each(files)('%s: a valid ITF trace with one state per step', (file) => {
    const { code, out } = replay('itf', file);
    expect(code).toBe(0);
    const trace = ItfTrace.parse(JSON.parse(out));
    const steps = replay('text', file).out.match(/^ {2,3}\d+\. /gm)!.length;
    expect(trace.states).toHaveLength(steps + 1);
    trace.states.forEach((state, index) => {
      expect(state['#meta']).toEqual({ index });
      expect(Object.keys(state).filter((k) => k !== '#meta').sort()).toEqual([...trace.vars].sort());
      for (const v of trace.vars) expect(ItfValue.safeParse(state[v]).success, `${v} of state ${index}`).toBe(true);
    });
    expect(trace.states[0]!.action).toEqual({ tag: 'None', value: { '#tup': [] } });
  });

  it('rejects a number written as a plain JSON number (the schema can fail)', () => {
    expect(ItfValue.safeParse({ '#bigint': 'x' }).success).toBe(false);
    expect(ItfValue.safeParse({ '#weird': 1 }).success).toBe(false);
  });
});

describe('replay --format with several files', () => {
  it.each(['mermaid', 'itf'])('--format %s refuses more than one file with a one-line usage error, exit 2', (format) => {
    const err: string[] = [];
    const out: string[] = [];
    const code = main(['replay', '--format', format, join(FOLDER, files[0]!), join(FOLDER, files[1]!)], { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([`tock-ipc-check: --format ${format} replays one file at a time (got 2)`]);
  });
});

/** The exit code of a command that runs synchronously (every command but `explore --workers`). */
function synchronous(code: number | Promise<number>): number {
  if (typeof code !== 'number') throw new Error('the command ran asynchronously');
  return code;
}
