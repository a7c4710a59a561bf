import { describe, expect, it } from 'vitest';
import { checkRandom } from '../../engine/random.ts';
import { runTrace } from '../../engine/trace-run.ts';
import { defaultParams, designById, variant } from '../../model/index.ts';
import { compare } from '../../engine/compare.ts';
import { applies, PROPERTIES, type Property } from '../../properties/index.ts';

const ABSTRACT = defaultParams('abstract');
const design = designById('tock-2.2')!;
/** The properties tock-2.2 emits something for (the others are n/a for it). */
const APPLICABLE = PROPERTIES.filter((p) => applies(p, design));
const options = { design, params: ABSTRACT, properties: APPLICABLE, runs: 2000, maxSteps: 80, directedStates: 0 };

describe('checkRandom on tock-2.2', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: finds every property violated within 12 steps, each trace replaying to its violation', (seed) => {
    const results = checkRandom({ ...options, seed, runs: 3000 });
    expect(results.map((r) => r.property)).toEqual(['isolation', 'stale-generation', 'graceful-exhaustion', 'revocation', 'delivery', 'discovery']);
    for (const r of results) {
      expect(r.status, r.property).toBe('violated');
      if (r.status !== 'violated') continue;
      const { trace, violation } = r.counterexample;
      expect(trace.length).toBeLessThanOrEqual(12);
      const end = runTrace(design, ABSTRACT, [APPLICABLE.find((p) => p.id === r.property)!], trace);
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

  it.each(['tock-2.2', 'hubris', 'threadx-queue'])('%s: every property judged on the shared walks finds what its own search finds', (id) => {
    const d = designById(id)!;
    const properties = PROPERTIES.filter((p) => applies(p, d));
    const together = checkRandom({ ...options, design: d, properties, seed: 7, runs: 400 });
    const alone = properties.flatMap((p) => checkRandom({ ...options, design: d, properties: [p], seed: 7, runs: 400 }));
    expect(together.some((r) => r.status === 'violated')).toBe(true);
    expect(together).toEqual(alone);
  });

  it('reports held, with the number of runs, for a property nothing violates', () => {
    const never: Property = { ...PROPERTIES[0]!, description: 'a property that always holds', check: () => null, witness: () => true };
    const [result] = checkRandom({ ...options, properties: [never], seed: 3, runs: 50 });
    expect(result).toEqual({ property: 'isolation', status: 'held', runs: 50, directedStates: 0 });
  });

  it('reports inconclusive, not held, when no run reached the situation the property judges', () => {
    const unwitnessed: Property = { ...PROPERTIES[0]!, check: () => null, witness: () => false, situation: 'something that never happens', guide: undefined, lookahead: undefined };
    const [result] = checkRandom({ ...options, properties: [unwitnessed], seed: 3, runs: 20 });
    expect(result).toEqual({ property: 'isolation', status: 'inconclusive', runs: 20, directedStates: 0, bound: 'witness unreached: something that never happens' });
  });

  it('reports error with the trace, never a violation, when the model throws', () => {
    const broken = variant(design, 'broken', 'restart throws', {
      actions: {
        restart: () => {
          throw new Error('boom');
        },
      },
    });
    const revocation = PROPERTIES.find((p) => p.id === 'revocation')!;
    const [result] = checkRandom({ ...options, design: broken, properties: [revocation], seed: 1, runs: 50 });
    expect(result).toMatchObject({ property: 'revocation', status: 'error', message: 'boom' });
    const trace = (result as Extract<typeof result, { status: 'error' }>).trace;
    expect(trace.at(-1)!.type).toBe('restart');
    expect(trace.slice(0, -1).every((a) => a.type !== 'restart')).toBe(true);
    const [row] = compare({ designs: [broken], archs: ['abstract'], world: { clients: 1, restarts: 1, queue: 2, buffers: 1, heap: 0, impostor: 0, empty: 0 }, properties: [revocation], seed: 1, runs: 50, maxSteps: 20, directedStates: 0, maxDepth: 2, maxStates: 1000 });
    expect(row!.cells).toEqual([{ property: 'revocation', cell: { status: 'error', message: 'boom' } }]);
  });

  it('reports n/a, without searching, when the design emits nothing the property judges', () => {
    const design = designById('share-proposal')!;
    let judged = 0;
    const counting = PROPERTIES.map((p) => ({ ...p, check: (s: Parameters<Property['check']>[0]) => (judged++, p.check(s)) }));
    const results = checkRandom({ ...options, design, properties: counting.filter((p) => p.id === 'delivery'), seed: 1, runs: 20 });
    expect(results).toEqual([{ property: 'delivery', status: 'n/a', why: 'share-proposal has no step where a notification, request or response reached its target (it emits none of: reached:notification, lost:notification, reached:request, reached:response, lost:request, lost:response, lost:identifier)' }]);
    expect(judged).toBe(0);
  });

  it('finds nothing to report for graceful-exhaustion when regions cannot run out (two sharers, two buffers each, six regions)', () => {
    const [result] = checkRandom({
      ...options,
      params: { ...ABSTRACT, regions: 6, buffers: 2 },
      properties: PROPERTIES.filter((p) => p.id === 'graceful-exhaustion'),
      seed: 1,
      runs: 300,
    });
    expect(result!.status).toBe('held');
  });
});

describe('checkRandom with directed search', () => {
  const CORTEX_M = defaultParams('cortex-m');
  const exhaustion = PROPERTIES.filter((p) => p.id === 'graceful-exhaustion');

  it('on an 8-region Cortex-M, where random runs miss it, reports the exhausted cause found by directed search beside the unmappable one', () => {
    const [result] = checkRandom({ ...options, params: CORTEX_M, properties: exhaustion, seed: 1, runs: 2000, directedStates: 20_000 });
    expect(result!.status).toBe('violated');
    if (result!.status !== 'violated') return;
    const byCause = new Map(result!.counterexamples.map((cx) => [cx.violation.cause, cx]));
    expect([...byCause.keys()].sort()).toEqual(['exhausted', 'unmappable']);
    const exhausted = byCause.get('exhausted')!;
    expect(exhausted.engine).toBe('directed');
    expect(exhausted.path).toBe('');
    const end = runTrace(design, CORTEX_M, exhaustion, exhausted.trace);
    expect(end.kind === 'violated' && end.violation.cause).toBe('exhausted');
  });

  it('with --regions 0 on the abstract MPU the cause is unmappable, and the message says no region exists to map anything', () => {
    const [result] = checkRandom({ ...options, params: { ...defaultParams('abstract'), regions: 0 }, properties: exhaustion, seed: 1, runs: 300, directedStates: 0 });
    expect(result!.status).toBe('violated');
    if (result!.status !== 'violated') return;
    expect(result!.counterexamples.map((cx) => cx.violation.cause)).toEqual(['unmappable']);
    expect(result!.counterexamples[0]!.violation.message).toMatch(/: --regions 0 leaves the MPU no region beyond the process's own memory, so nothing can ever be mapped$/);
  });

  it('without a directed search, the same random runs report only the unmappable cause, and held lists no directed budget', () => {
    const [result] = checkRandom({ ...options, params: CORTEX_M, properties: exhaustion, seed: 1, runs: 2000, directedStates: 0 });
    expect(result!.status === 'violated' && result!.counterexamples.map((cx) => cx.violation.cause)).toEqual(['unmappable']);
  });
});
