import { describe, expect, it } from 'vitest';
import { runTrace } from '../../engine/trace-run.ts';
import { defaultParams, designById, initialWorld, slotAt, type Action, type World, type WorldParams } from '../../model/index.ts';
import { Renamer } from '../../model/symmetry.ts';
import { actionProblem } from '../../trace/action-check.ts';
import { formatCounterexample, newCounterexample, parseCounterexample } from '../../trace/counterexample-file.ts';

const design = designById('tock-2.2')!;
/** Two clients and the service in slots 0-2, slot 3 empty: NUM_PROCS 4, number 4 the first past it. */
const EMPTY: WorldParams = { ...defaultParams('abstract'), empty: 1 };

function play(trace: readonly Action[], params: WorldParams = EMPTY): { results: string[]; world: World } {
  const end = runTrace(design, params, [], trace);
  if (end.kind !== 'completed') throw new Error(`trace stopped: ${end.kind} at step ${end.steps.length + 1}`);
  return { results: end.steps.map((s) => s.outcome.result), world: end.world };
}

describe('tock-2.2 with empty process slots (--empty; ipc.rs:45-53, 183-191, 216-224; grant.rs:821-860, 915-956 at release-2.2)', () => {
  it("an empty slot's number: allow and subscribe succeed and change nothing read later; notify is INVAL and queues nothing", () => {
    const { results, world } = play([
      { type: 'subscribe', by: 1, upcall: 3 },
      { type: 'share', by: 1, to: 3, buffer: 0 },
      { type: 'notify', by: 1, to: 3, kind: 'service' },
    ]);
    expect(results).toEqual(['SUCCESS', 'SUCCESS', 'INVAL']);
    expect(world).toEqual(initialWorld(EMPTY));
  });

  it('numbers past NUM_PROCS are NOSUPPORT for subscribe and allow, INVAL for notify', () => {
    expect(play([{ type: 'subscribe', by: 1, upcall: 4 }, { type: 'share', by: 2, to: 4, buffer: 1 }, { type: 'notify', by: 1, to: 4, kind: 'client' }]).results).toEqual(['NOSUPPORT', 'NOSUPPORT', 'INVAL']);
  });

  it('NOSUPPORT comes after the grant is entered: with --heap the IPC grant is allocated all the same (grant.rs:826-829 before :860)', () => {
    const { results, world } = play([{ type: 'subscribe', by: 1, upcall: 4 }], { ...EMPTY, heap: 1 });
    expect(results).toEqual(['NOSUPPORT']);
    expect(slotAt(world, 1).growth.grants).toEqual(['ipc']);
  });

  it('searches try each number from the empty slot to the first past NUM_PROCS only in worlds with empty slots', () => {
    const past = (params: WorldParams) => design.enabledAt(initialWorld(params), 1).filter((a) => Number(('to' in a ? a.to : 'upcall' in a ? a.upcall : 0)) >= 3);
    const calls = (n: number) => [
      { type: 'subscribe', by: 1, upcall: n },
      { type: 'unsubscribe', by: 1, upcall: n },
      ...[0, 1, 2, 3, 4].map((buffer) => ({ type: 'share', by: 1, to: n, buffer })),
      { type: 'unallow', by: 1, to: n },
      { type: 'notify', by: 1, to: n, kind: 'service' },
      { type: 'notify', by: 1, to: n, kind: 'client' },
    ];
    expect(past(EMPTY)).toEqual([...calls(3), ...calls(4)]);
    expect(past(defaultParams('abstract'))).toEqual([]);
  });

  it('a file may name numbers up to the first past NUM_PROCS, and no further', () => {
    const notify = (to: number) => ({ type: 'notify', by: 1, to, kind: 'service' });
    expect(actionProblem(design.kinds, notify(4), EMPTY)).toBeNull();
    expect(actionProblem(design.kinds, notify(5), EMPTY)).toBe('to: no IPC number 5 (NUM_PROCS is 4; 4 stands for every number past it)');
    expect(actionProblem(design.kinds, notify(4), defaultParams('abstract'))).toMatch(/^to: no IPC number 4/);
    expect(actionProblem(design.kinds, { type: 'notify', by: 3, to: 0, kind: 'service' }, EMPTY)).toBe('by: no process slot 3 (the world has 3)');
  });

  it('renaming clients renames the numbers of loaded processes and leaves the others', () => {
    const renamer = new Renamer(EMPTY, design);
    expect(renamer.action({ type: 'share', by: 1, to: 2, buffer: 0 }, [0, 2, 1])).toEqual({ type: 'share', by: 2, to: 1, buffer: 0 });
    expect(renamer.action({ type: 'share', by: 1, to: 3, buffer: 0 }, [0, 2, 1])).toEqual({ type: 'share', by: 2, to: 3, buffer: 0 });
  });

  it('a counterexample file writes `empty` only when set, and reads it back', () => {
    const file = (params: WorldParams) => newCounterexample({ model: { design: 'tock-2.2', params, fingerprint: '0123456789abcdef' }, property: 'delivery', cause: null, message: 'm', search: { engine: 'hand-written' }, trace: [{ type: 'notify', by: 1, to: 3, kind: 'service' }] });
    expect(formatCounterexample(file(defaultParams('abstract')))).not.toMatch(/"empty"/);
    const text = formatCounterexample(file(EMPTY));
    expect(text).toMatch(/"empty": 1/);
    const parsed = parseCounterexample(text);
    expect(parsed.ok && parsed.file.model.params.empty).toBe(1);
  });
});
