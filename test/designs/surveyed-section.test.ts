import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { surveyedSection, withSection } from '../../scripts/surveyed-section.ts';

describe("the README's section \"What the surveyed designs keep\"", () => {
  it('is what the checker prints today (rerun npx tsx scripts/surveyed-section.ts when it is not)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(withSection(readme, surveyedSection())).toBe(readme);
  });

  it('refuses a README without its markers', () => {
    expect(() => withSection('# no section here\n', [])).toThrow(/markers are missing/);
  });
});
