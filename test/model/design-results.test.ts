import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickKind } from '../../engine/random.ts';
import { defaultParams, defineDesign, DESIGNS, designById, initialWorld, resultCode, step, tagOf, type Design, type WorldParams } from '../../model/index.ts';

/** Small worlds where queues fill (NOMEM), processes fault and restart, regions run out, memory grows, and a slot is empty. */
const WORLDS: readonly WorldParams[] = [
  { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 1 },
  { ...defaultParams('cortex-m'), clients: 2, restarts: 2, queue: 2 },
  { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2, heap: 1 },
  { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2, empty: 1 },
];

/** A step's choice: which action kind among those enabled (as random search picks it: rare kinds seldom), then which action of that kind. */
const picks = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60, size: 'max' });

const walked = new Map<Design, Set<string>>();

/** Every result code the steps of 300 fixed-seed random walks per world return, asserting each is declared; walked once per design. */
function walkedResults(design: Design): Set<string> {
  const known = walked.get(design);
  if (known !== undefined) return known;
  const seen = new Set<string>();
  for (const params of WORLDS) {
    fc.assert(
      fc.property(picks, (choices) => {
        let world = initialWorld(params);
        for (const [kind, which] of choices) {
          const enabled = design.enabled(world);
          const chosen = pickKind(design, [...new Set(enabled.map((a) => a.type))], kind);
          const ofKind = enabled.filter((a) => a.type === chosen);
          const action = ofKind[which % ofKind.length];
          if (action === undefined) break;
          const next = step(design, world, action);
          const code = resultCode(next.outcome.result);
          expect(design.results, `${design.id}: ${code} after ${JSON.stringify(action)}`).toContain(code);
          for (const o of next.outcome.observations) {
            expect(design.emits, `${design.id}: ${JSON.stringify(o)} after ${JSON.stringify(action)}`).toContain(tagOf(o));
            if (o.type === 'lost') expect(design.losses, `${design.id}: ${JSON.stringify(o)} after ${JSON.stringify(action)}`).toContain(o.cause);
          }
          seen.add(code);
          world = next.world;
        }
      }),
      { seed: 1, numRuns: 300 },
    );
  }
  walked.set(design, seen);
  return seen;
}

describe.each(DESIGNS.map((d) => [d.id, d] as const))('design %s declares its results and observations', (_, design) => {
  it('every result its steps return is in `results`, every observation in `emits`, every loss cause in `losses`, each named once', () => {
    walkedResults(design);
    expect(new Set(design.results).size).toBe(design.results.length);
    expect(new Set(design.emits).size).toBe(design.emits.length);
    expect(new Set(design.losses).size).toBe(design.losses.length);
  });
});

describe('losses', () => {
  it('are named by a design that emits lost observations, and only by one', () => {
    const spec = { id: 'lossy', summary: 'a fixture', kinds: {}, handlers: {}, results: ['SUCCESS'], enabledAt: () => [], shares: () => [] };
    expect(() => defineDesign({ ...spec, emits: ['lost:request'] })).toThrow("design lossy: it emits lost observations, so it names their causes (losses)");
    expect(() => defineDesign({ ...spec, emits: ['access'], losses: ['dropped'] })).toThrow('design lossy: losses named, but it emits no lost observation');
    expect(defineDesign({ ...spec, emits: ['lost:request'], losses: ['dropped'] }).losses).toEqual(['dropped']);
  });

  it("of every built-in design are delivery's causes the README lists", () => {
    const row = readFileSync('README.md', 'utf8').split('\n').find((line) => line.startsWith('| `delivery` |'))!;
    const listed = [...row.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).filter((word) => word !== 'delivery');
    expect(new Set(listed)).toEqual(new Set(DESIGNS.flatMap((d) => d.losses)));
  });
});

describe('tock-2.2 results', () => {
  it('random walks return every declared result but IDLE (deliver is enabled only with a task to dequeue)', () => {
    const design = designById('tock-2.2')!;
    const seen = walkedResults(design);
    expect(design.results.filter((r) => !seen.has(r))).toEqual(['IDLE']);
  });

  it('counts SUCCESS(i) from discover as SUCCESS', () => {
    expect(resultCode('SUCCESS(2)')).toBe('SUCCESS');
    expect(resultCode('NODEVICE')).toBe('NODEVICE');
  });
});
