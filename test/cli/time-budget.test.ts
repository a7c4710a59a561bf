import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';

/** stdout as one text; stderr apart (explore warns there that --max-states will cut a depth of 12 short). */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' });
  return { code, out: out.join('\n'), err };
}

/** Budgets of 2 s on searches that would take minutes; the margins are generous, for a loaded 2-core machine. */
describe('--time-budget', () => {
  it('check stops soon after its budget, says how far each property got, and exits by what it found', async () => {
    const began = performance.now();
    // share-proposal breaks no property within minutes: every search the budget cuts says how far it got.
    const { code, out } = await cli('check', '--design', 'share-proposal', '--runs', '1000000', '--directed-states', '16000000', '--time-budget', '2', '--json');
    expect((performance.now() - began) / 1000).toBeLessThan(40);
    const report = JSON.parse(out) as { results: { property: string; status: string; runs?: number; bound?: string }[] };
    const cut = report.results.filter((r) => r.status === 'inconclusive');
    expect(cut.length).toBeGreaterThan(1);
    for (const r of cut) expect(r.bound).toMatch(/^time budget of 2 s spent: \d+ of 1000000 random runs/);
    // The properties judge the same walks, so each got as far as the others.
    expect(new Set(cut.map((r) => r.runs)).size).toBe(1);
    const violated = report.results.some((r) => r.status === 'violated');
    expect(code).toBe(violated ? 1 : 0);
  });

  it('explore stops within its budget, reporting the depth it wholly covered and every undecided property inconclusive', async () => {
    const began = performance.now();
    const { code, out } = await cli('explore', '--max-depth', '12', '--time-budget', '2', '--json');
    expect((performance.now() - began) / 1000).toBeLessThan(40);
    const report = JSON.parse(out) as { bound: string; depthCovered: number; results: { status: string; bound?: string; depth?: number }[] };
    expect(report.bound).toBe('time budget of 2 s spent');
    expect(report.depthCovered).toBeLessThan(12);
    const cut = report.results.filter((x) => x.status === 'inconclusive');
    expect(cut.length).toBeGreaterThan(0);
    for (const v of cut) expect(v).toMatchObject({ bound: 'time budget of 2 s spent', depth: report.depthCovered });
    expect(code).toBe(report.results.some((v) => v.status === 'violated') ? 1 : 0);
  });

  it('explore --workers 2 stops within a level once its budget is spent, not at the end of the level (depth 4 alone takes minutes)', async () => {
    const began = performance.now();
    const { code, out } = await cli('explore', '--workers', '2', '--max-depth', '6', '--max-states', '40000000', '--time-budget', '3', '--json');
    expect((performance.now() - began) / 1000).toBeLessThan(40);
    const report = JSON.parse(out) as { bound: string; depthCovered: number; states: number; results: { status: string; bound?: string; depth?: number }[] };
    expect(report.bound).toBe('time budget of 3 s spent');
    expect(report.depthCovered).toBeLessThan(4);
    for (const v of report.results.filter((x) => x.status === 'inconclusive')) expect(v).toMatchObject({ bound: 'time budget of 3 s spent', depth: report.depthCovered });
    expect(code).toBe(report.results.some((v) => v.status === 'violated') ? 1 : 0);
  });

  it('refuses a budget that is not a whole number of seconds from 1', async () => {
    expect((await cli('check', '--time-budget', '0')).code).toBe(2);
    expect((await cli('explore', '--time-budget', '1.5')).code).toBe(2);
  });
});
