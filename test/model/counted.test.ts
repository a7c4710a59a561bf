import { describe, expect, it } from 'vitest';
import { counted } from '../../model/index.ts';
import { main } from '../../cli/cli.ts';

describe('counted', () => {
  it('agrees the noun with the count', () => {
    expect([0, 1, 2].map((n) => counted(n, 'step'))).toEqual(['0 steps', '1 step', '2 steps']);
  });

  it("is what explore's progress and summary say of one state", async () => {
    const out: string[] = [];
    await main(['explore', '--design', 'legacy-3', '--arch', 'abstract', '--clients', '1', '--buffers', '1', '--max-depth', '1', '--property', 'isolation'], { out: (l) => out.push(l), err: () => {}, input: () => '' });
    expect(out.join('\n')).toMatch(/^depth 1: \d+ states?, \d+ transitions?/m);
    expect(out.join('\n')).not.toMatch(/\b1 (states|transitions|steps)\b/);
  });
});
