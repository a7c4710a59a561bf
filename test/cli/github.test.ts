// @vitest-environment happy-dom
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';

async function cli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '', env });
  return { code, out, err };
}

const folder = mkdtempSync(join(tmpdir(), 'github-'));

/** The Mermaid blocks of a Markdown text. */
function diagrams(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('in a GitHub Actions job', () => {
  it('check prints an ::error line per counterexample and appends the summary: the table, and a Mermaid diagram per violated property that parses', async () => {
    const summary = join(folder, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const { code, out } = await cli({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, 'check', '--runs', '300');
    expect(code).toBe(1);
    const errors = out.filter((l) => l.startsWith('::error '));
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const l of errors) expect(l).toMatch(/^::error title=[^:]+ violated on tock-2.2 \(cortex-m\)::.+ \(\d+ steps; repeat: tock-ipc-check check /);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.startsWith('# earlier step\n## tock-ipc-check check: tock-2.2 on cortex-m\n')).toBe(true);
    expect(markdown).toContain('| stale-generation | **violated** |');
    const violated = markdown.match(/\*\*violated\*\*/g)!.length;
    const blocks = diagrams(markdown);
    expect(blocks).toHaveLength(violated);
    for (const block of blocks) await expect(mermaid.parse(block)).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  it('under --json the ::error lines go to stderr, so that stdout stays one JSON document', async () => {
    const { out, err } = await cli({ GITHUB_ACTIONS: 'true' }, 'check', '--runs', '100', '--property', 'delivery', '--json');
    expect(() => JSON.parse(out.join('\n'))).not.toThrow();
    expect(err.some((l) => l.startsWith('::error title=delivery'))).toBe(true);
  });

  it('outside one, nothing is annotated; --summary FILE still gets the summary, for explore and compare too', async () => {
    const file = join(folder, 'explore.md');
    const { out } = await cli({}, 'explore', '--arch', 'abstract', '--clients', '1', '--max-depth', '3', '--summary', file);
    expect(out.some((l) => l.startsWith('::'))).toBe(false);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toMatch(/^## tock-ipc-check explore: tock-2.2 on abstract, to depth 3\n/);
    for (const block of diagrams(markdown)) await expect(mermaid.parse(block)).resolves.toMatchObject({ diagramType: 'sequence' });
    const table = join(folder, 'compare.md');
    await cli({}, 'compare', '--design', 'hubris', '--arch', 'abstract', '--runs', '100', '--max-depth', '2', '--summary', table);
    expect(readFileSync(table, 'utf8')).toMatch(/^## tock-ipc-check compare\n\n\| design \| arch \|/);
  });
});
