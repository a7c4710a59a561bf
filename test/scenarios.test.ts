import { describe, expect, it } from 'vitest';
import { runTrace } from '../engine/trace-run.ts';
import { designById, initialWorld } from '../model/index.ts';
import { PROPERTIES } from '../properties/index.ts';
import { SCENARIOS } from '../scenarios/index.ts';

describe.each(SCENARIOS)('scenario $id', (scenario) => {
  const params = scenario.params;
  for (const [designId, expected] of Object.entries(scenario.expected)) {
    const design = designById(designId)!;

    it(`replays on ${designId}: every action enabled when taken`, () => {
      const end = runTrace(design, params, [], scenario.trace);
      expect(end.kind).toBe('completed');
      expect(end.steps).toHaveLength(scenario.trace.length);
    });

    if (scenario.end !== undefined) {
      const end = scenario.end;
      it(`ends on ${designId} where its applications mean to: ${end.says}`, () => {
        const run = runTrace(design, params, [], scenario.trace);
        if (run.kind !== 'completed') throw new Error(`stopped: ${run.kind}`);
        expect(end.missing(run.world)).toBeNull();
        expect(end.missing(initialWorld(params))).not.toBeNull();
      });
    }

    it.each(PROPERTIES.map((p) => [p.id, p] as const))(`${designId}: %s as expected`, (id, property) => {
      const end = runTrace(design, params, [property], scenario.trace);
      const want = expected[id];
      if (want === undefined) {
        expect(end.kind, end.kind === 'violated' ? end.violation.message : '').toBe('completed');
      } else {
        expect(end.kind).toBe('violated');
        expect(end.steps).toHaveLength(want);
      }
    });
  }
});

describe('scenarios cover the legacy hazards', () => {
  it('has a tock-2.2 scenario violating some property for hazards 1 to 6', () => {
    for (const hazard of [1, 2, 3, 4, 5, 6]) {
      const shown = SCENARIOS.filter((s) => s.hazard === hazard && Object.keys(s.expected['tock-2.2'] ?? {}).length > 0);
      expect(shown.length, `hazard ${hazard}`).toBeGreaterThan(0);
    }
  });
});
