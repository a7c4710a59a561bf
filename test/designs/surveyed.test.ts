import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as publicApi from '../../index.ts';
import { check } from '../../api/api.ts';
import { runTrace } from '../../engine/trace-run.ts';
import { checkScenario } from '../../engine/scenario-run.ts';
import { defaultParams, designById, type Action } from '../../model/index.ts';
import { applies, propertyById, PROPERTIES } from '../../properties/index.ts';
import { SCENARIOS } from '../../scenarios/index.ts';

/**
 * The designs the working group surveyed, each checked with `check`'s
 * default budget on the default world: every property either n/a (with the
 * design's reason), held (which a search reports only once some run
 * reached the situation the property judges: its witness), or violated by
 * a counterexample of at most 15 steps that replays to the violation.
 */
const EXPECTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  hubris: { 'stale-generation': 'held', delivery: 'held', 'response-matching': 'held', fairness: 'violated' },
  'threadx-queue': { 'stale-generation': 'violated', delivery: 'violated', 'response-matching': 'violated' },
  'rust-channel': { 'stale-generation': 'held', delivery: 'held', 'response-matching': 'held', discovery: 'held' },
  'redox-shm': { isolation: 'violated', 'graceful-exhaustion': 'held', revocation: 'violated', discovery: 'held' },
};

describe.each(Object.keys(EXPECTED))('surveyed design %s', (id) => {
  const design = designById(id)!;
  const report = check({ design: id });

  it('holds or breaks each property it applies to as expected, and says why the others are n/a', () => {
    const statuses = Object.fromEntries(report.results.map((r) => [r.property, r.status]));
    const applicable = Object.fromEntries(Object.entries(statuses).filter(([, s]) => s !== 'n/a'));
    expect(applicable).toEqual(EXPECTED[id]);
    for (const property of PROPERTIES.filter((p) => !applies(p, design))) {
      expect(design.inapplicable?.[property.id], `${id}: why ${property.id} is n/a`).toMatch(/\w{3}/);
    }
  });

  it('breaks each property it breaks with a counterexample of at most 15 steps that replays to the same violation', () => {
    for (const result of report.results) {
      if (result.status !== 'violated') continue;
      const { trace, cause } = result.counterexample as { trace: Action[]; cause: string | null };
      expect(trace.length, `${id} ${result.property}`).toBeLessThanOrEqual(15);
      const end = runTrace(design, report.params, [propertyById(result.property)!], trace);
      expect(end.kind, `${id} ${result.property}`).toBe('violated');
      if (end.kind === 'violated') {
        expect(end.steps).toHaveLength(trace.length);
        expect(end.violation.cause ?? null).toBe(cause);
      }
    }
  });

  it('has a witness scenario in which its normal flow completes with no violation', () => {
    const witnesses = SCENARIOS.filter((s) => Object.keys(s.expected).includes(id) && Object.keys(s.expected[id]!).length === 0);
    expect(witnesses.length, id).toBeGreaterThan(0);
    for (const scenario of witnesses) expect(checkScenario(scenario, design).status, scenario.id).toBe('matched');
  });
});

describe('redox-shm with the creator restart revoking mappings (on-creator-restart=revoke)', () => {
  it('keeps isolation and revocation, which Redox\'s own behaviour breaks in Tock\'s memory', () => {
    const statuses = Object.fromEntries(check({ design: 'redox-shm', arch: 'abstract', runs: 500, designParams: { 'on-creator-restart': 'revoke' } }).results.map((r) => [r.property, r.status]));
    expect(statuses).toMatchObject({ isolation: 'held', revocation: 'held', 'graceful-exhaustion': 'held', discovery: 'held' });
  });

  it('breaks discovery with an impostor that creates the service\'s segment first', () => {
    const report = check({ design: 'redox-shm', arch: 'abstract', impostor: 1, properties: ['discovery'] });
    expect(report.results[0]).toMatchObject({ status: 'violated', counterexample: { cause: 'impostor' } });
  });
});

describe('threadx-queue whose request queue holds one message', () => {
  it('still loses a flushed request, now also that of a sender told SUCCESS while it waited', () => {
    const end = runTrace(designById('threadx-queue')!, { ...defaultParams('abstract'), design: { capacity: 1 } }, [propertyById('delivery')!], SCENARIOS.find((s) => s.id === 'threadx-flush')!.trace);
    expect(end.kind).toBe('violated');
    expect(end.steps.at(-1)!.outcome.observations.filter((o) => o.type === 'lost')).toHaveLength(2);
  });
});

describe('the surveyed designs are written through the plug-in interface', () => {
  const folder = 'model/designs/surveyed';
  it.each(readdirSync(folder))('%s uses only what the public API exports, and defines itself with defineDesign', (file) => {
    const source = readFileSync(`${folder}/${file}`, 'utf8');
    // Values only: a type import leaves nothing at run time to look up.
    const values = [...source.matchAll(/^import \{([^}]*)\} from/gm)].flatMap((m) => m[1]!.split(',').map((n) => n.trim())).filter((n) => n !== '' && !n.startsWith('type '));
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((n) => !(n in publicApi)), file).toEqual([]);
    expect(source).toMatch(/= defineDesign\(\{/);
  });
});
