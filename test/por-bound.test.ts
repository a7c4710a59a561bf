import { describe, expect, it } from 'vitest';
import { defaultParams, designById } from '../model/index.ts';
import { PROPERTIES } from '../properties/index.ts';
import { porBound } from '../scripts/por-bound.ts';

describe('scripts/por-bound.ts', () => {
  it('finds independent steps where a design has them: legacy-3, whose clients act apart', () => {
    const rows = porBound(designById('legacy-3')!, defaultParams('cortex-m'), [], 40, 6, 1);
    expect(rows.length).toBe(6);
    expect(rows.some((r) => r.byFootprints.size < 0.75 * r.enabled)).toBe(true);
    expect(rows.some((r) => r.byCommutation.size < 0.75 * r.enabled)).toBe(true);
  });

  it('finds none on tock-2.2 judged by isolation: every enabled step depends on every other, through some chain', () => {
    const isolation = PROPERTIES.filter((p) => p.id === 'isolation');
    const rows = porBound(designById('tock-2.2')!, defaultParams('cortex-m'), isolation, 10, 4, 1);
    for (const r of rows) {
      expect(r.byFootprints.size).toBe(r.enabled);
      expect(r.byFootprints.oneComponent).toBe(r.worlds);
      expect(r.byCommutation.oneComponent).toBeGreaterThanOrEqual(0.9 * r.worlds);
    }
  });
});
