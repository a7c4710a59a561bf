import { describe, expect, it } from 'vitest';
import { directedSearch } from '../../engine/directed.ts';
import { runTrace } from '../../engine/trace-run.ts';
import { defaultParams, designById, initialWorld, step } from '../../model/index.ts';
import { propertyById, withCause, type Property } from '../../properties/index.ts';
import { cortexMExhaustion } from '../../scenarios/cortex-m-exhaustion.ts';

const design = designById('tock-2.2')!;
const params = defaultParams('cortex-m');
const exhausted = withCause(propertyById('graceful-exhaustion')!, 'exhausted');

describe('directedSearch', () => {
  it('fills an 8-region Cortex-M MPU: a trace that replays to the exhausted cause', () => {
    const hit = directedSearch({ design, params, property: exhausted, maxStates: 20_000 });
    expect(hit).not.toBeNull();
    const end = runTrace(design, params, [exhausted], hit!.trace);
    expect(end.kind).toBe('violated');
    if (end.kind === 'violated') {
      expect(end.violation).toEqual(hit!.violation);
      expect(end.violation.cause).toBe('exhausted');
      expect(end.steps).toHaveLength(hit!.trace.length);
    }
    expect(hit!.states).toBeLessThanOrEqual(20_000);
  });

  it('fills an ARMv8-M MPU too, past a buffer it maps shifted and can never cover', () => {
    const m33 = defaultParams('cortex-m33');
    const hit = directedSearch({ design, params: m33, property: exhausted, maxStates: 20_000 });
    expect(hit?.violation.cause).toBe('exhausted');
    const end = runTrace(design, m33, [exhausted], hit!.trace);
    expect(end.kind === 'violated' && end.violation.cause).toBe('exhausted');
  });

  it('is deterministic', () => {
    const a = directedSearch({ design, params, property: exhausted, maxStates: 20_000 });
    const b = directedSearch({ design, params, property: exhausted, maxStates: 20_000 });
    expect(b).toEqual(a);
  });

  it('gives up at its state budget', () => {
    expect(directedSearch({ design, params, property: exhausted, maxStates: 200 })).toBeNull();
  });

  it('does nothing for a property without a guide', () => {
    const unguided: Property = { ...exhausted, guide: undefined };
    expect(directedSearch({ design, params, property: unguided, maxStates: 20_000 })).toBeNull();
  });
});

describe('the graceful-exhaustion guide', () => {
  it('never falls along the hand-written Cortex-M exhaustion scenario before its last step, and rises with each mapped region', () => {
    const guide = propertyById('graceful-exhaustion')!.guide!;
    let world = initialWorld(cortexMExhaustion.params);
    const scores = [guide(world)];
    for (const action of cortexMExhaustion.trace.slice(0, -1)) {
      world = step(design, world, action).world;
      scores.push(guide(world));
    }
    scores.slice(1).forEach((s, i) => expect(s, `step ${i + 1}`).toBeGreaterThanOrEqual(scores[i]!));
    expect(scores.at(-1)! - scores[0]!).toBeGreaterThanOrEqual(5 * 5);
  });
});
