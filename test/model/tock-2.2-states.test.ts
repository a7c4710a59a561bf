import { describe, expect, it } from 'vitest';
import { runTrace } from '../../engine/trace-run.ts';
import { defaultParams, designById, slotAt, statusAt, type Action, type World } from '../../model/index.ts';
import { lifecycleAfter, initialLifecycle } from '../../model/process-machine.ts';

const design = designById('tock-2.2')!;
const ABSTRACT = defaultParams('abstract');

function play(trace: readonly Action[]): { results: string[]; world: World } {
  const end = runTrace(design, ABSTRACT, [], trace);
  if (end.kind !== 'completed') throw new Error(`trace stopped: ${end.kind} at step ${end.steps.length + 1}`);
  return { results: end.steps.map((s) => s.outcome.result), world: end.world };
}

describe('tock-2.2 Stopped (process_standard.rs stop/resume 604-629, is_running 581-586)', () => {
  it('a stopped process makes no call and is not scheduled, though a task waits in its queue; resumed, it is', () => {
    const { world } = play([{ type: 'notify', by: 0, to: 1, kind: 'client' }, { type: 'stop', process: 1 }]);
    expect(statusAt(world, 1)).toBe('stoppedRunning');
    expect(slotAt(world, 1).tasks.context.tasks).toHaveLength(1);
    expect(design.enabledAt(world, 1).map((a) => a.type)).toEqual(['unstop', 'restart']);
    const resumed = play([{ type: 'notify', by: 0, to: 1, kind: 'client' }, { type: 'stop', process: 1 }, { type: 'unstop', process: 1 }]).world;
    expect(statusAt(resumed, 1)).toBe('running');
    expect(design.enabledAt(resumed, 1).map((a) => a.type)).toContain('deliver');
  });

  it('resumes a process stopped while yielded as yielded', () => {
    const { world } = play([
      { type: 'notify', by: 0, to: 1, kind: 'client' },
      { type: 'notify', by: 2, to: 1, kind: 'client' },
      { type: 'deliver', process: 1 },
      { type: 'stop', process: 1 },
      { type: 'unstop', process: 1 },
    ]);
    expect(statusAt(world, 1)).toBe('yielded');
  });

  it('stop means nothing to a faulted or terminated process (the machine ignores it)', () => {
    const exited = lifecycleAfter(initialLifecycle(), { type: 'exit' });
    expect(lifecycleAfter(exited, { type: 'stop' })).toBe(exited);
    const faulted = lifecycleAfter(initialLifecycle(), { type: 'fault' });
    expect(lifecycleAfter(faulted, { type: 'stop' })).toBe(faulted);
  });
});

describe('tock-2.2 exit (terminate, process_standard.rs 689-715)', () => {
  it('empties the queue and clears the grant; a notification to it is NODEVICE; a restart brings a new instance, yielded with its init call', () => {
    const { results, world } = play([
      { type: 'subscribe', by: 0, upcall: 0 },
      { type: 'notify', by: 1, to: 0, kind: 'service' },
      { type: 'exit', by: 0 },
      { type: 'notify', by: 1, to: 0, kind: 'service' },
      { type: 'restart', process: 0 },
    ]);
    expect(results).toEqual(['SUCCESS', 'SUCCESS', 'EXITED', 'NODEVICE', 'RESTARTED']);
    expect(statusAt(world, 0)).toBe('yielded');
    expect(slotAt(world, 0).tasks.context.tasks.map((t) => t.kind)).toEqual(['init']);
    const exited = play([{ type: 'subscribe', by: 0, upcall: 0 }, { type: 'exit', by: 0 }]).world;
    expect(slotAt(exited, 0).grant.upcalls[0]).toBe(false);
    expect(design.enabledAt(exited, 0).map((a) => a.type)).toEqual(['restart']);
  });

  it("drops the task an exited sender left in another's queue (sender not running)", () => {
    const { results } = play([{ type: 'notify', by: 1, to: 0, kind: 'service' }, { type: 'exit', by: 1 }, { type: 'deliver', process: 0 }]);
    expect(results).toEqual(['SUCCESS', 'EXITED', 'DROPPED']);
  });
});
