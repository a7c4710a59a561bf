import { describe, expect, it } from 'vitest';
import { exploreBfs } from '../../engine/bfs.ts';
import { Coverage } from '../../engine/coverage.ts';
import { checkRandom } from '../../engine/random.ts';
import { runWith } from '../../engine/trace-run.ts';
import { bufferAddress, defaultParams, designById, initialWorld, step, type Action, type Design, type WorldParams } from '../../model/index.ts';
import { PROPERTIES, type Property } from '../../properties/index.ts';

const design = designById('tock-2.2')!;
const tiny: WorldParams = { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2 };

describe('Coverage', () => {
  it('of a tiny trace reports exactly the action kinds, machine states and results it took', () => {
    const trace: Action[] = [
      { type: 'subscribe', by: 1, upcall: 1 },
      { type: 'share', by: 0, to: 1, buffer: 0 },
      { type: 'notify', by: 0, to: 1, kind: 'service' },
      { type: 'deliver', process: 1 },
      { type: 'deliver', process: 1 },
      { type: 'access', by: 1, addr: bufferAddress(tiny, 0, 0) },
    ];
    const coverage = new Coverage(design);
    const end = runWith(design, tiny, [], (_, i) => trace[i] ?? null, coverage);
    expect(end.steps.map((s) => s.outcome.result)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'IPC', 'UPCALL', 'OK']);
    expect(coverage.report()).toEqual({
      actions: { reached: ['subscribe', 'share', 'notify', 'deliver', 'access'], unreached: ['discover', 'unsubscribe', 'yield-wait-for', 'sbrk', 'use-driver', 'exit', 'stop', 'unstop', 'unallow', 'restart'] },
      states: {
        process: { reached: ['running', 'yielded'], unreached: ['stoppedRunning', 'stoppedYielded', 'faulted', 'terminated'] },
        taskQueue: { reached: ['empty', 'pending'], unreached: ['full'] },
        mpu: { reached: ['appOnly', 'extended'], unreached: [] },
      },
      results: {
        reached: ['SUCCESS', 'IPC', 'UPCALL', 'OK'],
        unreached: ['NOMEM', 'NODEVICE', 'INVAL', 'NOSUPPORT', 'DROPPED', 'STARTED', 'WAITING', 'RETURNED', 'EXITED', 'STOPPED', 'RESUMED', 'DISCARDED', 'IDLE', 'FAULT', 'RESTARTED'],
      },
    });
  });

  it('counts the states of the world a search starts from, before any step', () => {
    const coverage = new Coverage(design);
    coverage.start(initialWorld(tiny));
    const { states, actions, results } = coverage.report();
    expect(Object.values(states).map((s) => s.reached)).toEqual([['running'], ['empty'], ['appOnly']]);
    expect(actions.reached).toEqual([]);
    expect(results.reached).toEqual([]);
  });

  it('throws on a result the design does not declare', () => {
    const coverage = new Coverage({ ...design, results: ['SUCCESS'] });
    const world = initialWorld(tiny);
    const action: Action = { type: 'restart', process: 0 };
    const { world: after, outcome } = step(design, world, action);
    coverage.start(world);
    expect(() => coverage.step(world, action, outcome, after)).toThrow(/'RESTARTED' is not among the results design tock-2\.2 declares/);
  });
});

describe('coverage of the searches', () => {
  /**
   * tock-2.2 cut down to one direction: #0 only discovers, shares, unallows
   * and notifies #1; #1 only subscribes and touches memory; the kernel
   * delivers and restarts. Touching a shared buffer takes six steps, and
   * a Yield-WaitFor handed its upcall eight, too deep for a BFS of the
   * whole tiny world in a test.
   */
  const SENDS: readonly Action['type'][] = ['discover', 'share', 'unallow', 'notify'];
  const oneWay: Design = {
    ...design,
    enabled: (world) =>
      design.enabled(world).filter((a) => !('by' in a) || (a.by === 0 ? SENDS.includes(a.type) && (!('to' in a) || a.to === 1) : !SENDS.includes(a.type))),
  };

  it('explore on a small world reaches every action kind and every machine state, but what needs memory that grows', () => {
    const coverage = new Coverage(oneWay);
    exploreBfs({ design: oneWay, params: tiny, properties: [], maxDepth: 8, maxStates: 100_000, coverage });
    const report = coverage.report();
    const growing = ['sbrk', 'use-driver'];
    expect(report.actions).toEqual({ reached: Object.keys(design.kinds).filter((k) => !growing.includes(k)), unreached: growing });
    expect(Object.values(report.states).flatMap((s) => s.unreached)).toEqual([]);
    // INVAL: sharing the heap buffer before the heap grew, or notifying an empty slot; NOSUPPORT: numbers past NUM_PROCS.
    // Only worlds with --heap 1 or --empty 1 have them.
    expect(report.results.unreached).toEqual(['INVAL', 'NOSUPPORT', 'IDLE']);
  });

  it('check counts the steps of every random run and of the directed search, not just of counterexamples', () => {
    const never: Property = { ...PROPERTIES[0]!, id: 'graceful-exhaustion', description: 'never violated', check: () => null, guide: () => 0 };
    const run = (directedStates: number) => {
      const coverage = new Coverage(design);
      checkRandom({ design, params: tiny, properties: [never], seed: 1, runs: 1, maxSteps: 1, directedStates, coverage });
      return coverage.report().actions.reached;
    };
    expect(run(0)).toHaveLength(1);
    expect(run(500)).toEqual(['discover', 'subscribe', 'unsubscribe', 'exit', 'stop', 'unstop', 'share', 'unallow', 'notify', 'deliver', 'restart']);
  });
});
