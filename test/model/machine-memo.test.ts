import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { assign, createMachine, fromTransition } from 'xstate';
import { advance, initialState, setTransitionMemo, sharesScope } from '../../model/machine-state.ts';
import { mpuMachine } from '../../model/mpu-machine.ts';
import { processMachine } from '../../model/process-machine.ts';
import { taskQueueMachine } from '../../model/task-queue-machine.ts';
import { shareMachine } from '../../model/designs/share-proposal/share-machine.ts';
import { defaultParams, DESIGNS } from '../../model/index.ts';
import { walkRecord } from '../fixtures/random-walk.ts';

describe('memoised machine transitions', () => {
  afterEach(() => setTransitionMemo(true));

  it.each(DESIGNS.map((d) => [d.id, d] as const))('agree with xstate on every step of random walks of %s', (_, design) => {
    const params = defaultParams('abstract');
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 60 }), (picks) => {
        setTransitionMemo(true);
        const fast = walkRecord(design, params, picks);
        setTransitionMemo(false);
        const slow = walkRecord(design, params, picks);
        expect(fast).toEqual(slow);
      }),
      { seed: 11, numRuns: 80 },
    );
  });

  it("shares one actor scope on the model's machines, and leaves a machine that invokes an actor or delays an event to xstate's transition()", () => {
    for (const machine of [taskQueueMachine, processMachine, mpuMachine, shareMachine]) expect(sharesScope(machine)).toBe(true);
    const child = fromTransition((state: number) => state, 0);
    expect(sharesScope(createMachine({ initial: 'a', states: { a: { invoke: { src: child } } } }))).toBe(false);
    expect(sharesScope(createMachine({ initial: 'a', states: { a: { after: { 10: 'b' } }, b: {} } }))).toBe(false);
  });

  it('throws, naming it, when a transition on the shared scope reaches for its actor, and not through xstate', () => {
    const machine = createMachine({
      types: {} as { context: { id: string } },
      initial: 'a',
      context: { id: '' },
      states: { a: { on: { go: { target: 'b', actions: assign({ id: ({ self }) => self.id }) } } }, b: {} },
    });
    const start = initialState<{ id: string }>(machine);
    expect(() => advance(machine, start, { type: 'go' })).toThrow(/internal: a model machine's transition used its actor's 'id'/);
    setTransitionMemo(false);
    expect(advance(machine, start, { type: 'go' }).value).toBe('b');
  });
});
