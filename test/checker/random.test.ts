import { describe, expect, it } from 'vitest';
import { checkRandom } from '../../checker/random.ts';
import { runTrace } from '../../checker/trace-run.ts';
import { defaultParams, designById } from '../../model/index.ts';
import { PROPERTIES, type Property } from '../../properties/index.ts';

const ABSTRACT = defaultParams('abstract');
const design = designById('tock-2.2')!;
const options = { design, params: ABSTRACT, properties: PROPERTIES, runs: 2000, maxSteps: 80 };

describe('checkRandom on tock-2.2', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: finds every property violated within 12 steps, each trace replaying to its violation', (seed) => {
    const results = checkRandom({ ...options, seed });
    expect(results.map((r) => r.property)).toEqual(PROPERTIES.map((p) => p.id));
    for (const r of results) {
      expect(r.status, r.property).toBe('violated');
      if (r.status !== 'violated') continue;
      const { trace, violation } = r.counterexample;
      expect(trace.length).toBeLessThanOrEqual(12);
      const end = runTrace(design, ABSTRACT, [PROPERTIES.find((p) => p.id === r.property)!], trace);
      expect(end.kind).toBe('violated');
      expect(end.steps).toHaveLength(trace.length);
      if (end.kind === 'violated') expect(end.violation).toEqual(violation);
    }
  });

  it('is deterministic: the same seed gives the same counterexamples', () => {
    const a = checkRandom({ ...options, seed: 42 });
    const b = checkRandom({ ...options, seed: 42 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('reports held, with the number of runs, for a property nothing violates', () => {
    const never: Property = { id: 'isolation', description: 'a property that always holds', check: () => null };
    const [result] = checkRandom({ ...options, properties: [never], seed: 3, runs: 50 });
    expect(result).toEqual({ property: 'isolation', status: 'held', runs: 50 });
  });

  it('finds nothing to report for graceful-exhaustion when regions cannot run out', () => {
    const [result] = checkRandom({
      ...options,
      params: { ...ABSTRACT, regions: 6 },
      properties: PROPERTIES.filter((p) => p.id === 'graceful-exhaustion'),
      seed: 1,
      runs: 300,
    });
    expect(result!.status).toBe('held');
  });
});
