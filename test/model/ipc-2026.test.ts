import { describe, expect, it } from 'vitest';
import { runTrace } from '../../engine/trace-run.ts';
import { defaultParams, designById, slotAt, step, type Action, type Design, type Outcome, type World, type WorldParams } from '../../model/index.ts';

const ABSTRACT = defaultParams('abstract');
const unfair = designById('ipc-2026')!;
const fair = designById('ipc-2026-fair')!;

/** Replays `trace` on `design` (every action must be enabled) and returns each step's outcome and the final world. */
function play(trace: readonly Action[], design: Design = unfair, params: Partial<WorldParams> = {}): { outcomes: Outcome[]; world: World } {
  const end = runTrace(design, { ...ABSTRACT, ...params }, [], trace);
  if (end.kind !== 'completed') throw new Error(`trace stopped: ${end.kind} at step ${end.steps.length + 1}`);
  return { outcomes: end.steps.map((s) => s.outcome), world: end.world };
}

const results = (trace: readonly Action[], design: Design = unfair, params: Partial<WorldParams> = {}) => play(trace, design, params).outcomes.map((o) => o.result);
const last = (trace: readonly Action[], design: Design = unfair, params: Partial<WorldParams> = {}) => play(trace, design, params).outcomes.at(-1)!;
const queue = (world: World, i: number) => slotAt(world, i).tasks.context.tasks.map((t) => (t.kind === 'capsule' ? `${t.upcall}(${t.status})` : t.kind));

const enable = (by: number): Action => ({ type: 'enable', by });
const send = (by: number, to: number): Action => ({ type: 'send', by, to });
const cancel = (by: number): Action => ({ type: 'cancel', by });
const takeAny = (by: number): Action => ({ type: 'take-any', by });
const takeFrom = (by: number, from: number): Action => ({ type: 'take-from', by, from });
const respond = (by: number): Action => ({ type: 'respond', by });

describe('ipc-2026 send (0x10)', () => {
  it('is NODEVICE to a process that never used the capsule and to itself, UNINSTALLED to one that has not enabled requests', () => {
    expect(results([send(1, 0), send(1, 1), { type: 'disable', by: 0 }, send(1, 0), enable(0), send(1, 0)])).toEqual([
      'NODEVICE',
      'NODEVICE',
      'SUCCESS',
      'UNINSTALLED',
      'SUCCESS',
      'SUCCESS',
    ]);
  });

  it('allows one outstanding request (ALREADY), and a process serving one cannot send (ALREADY)', () => {
    expect(results([enable(0), enable(2), send(1, 0), send(1, 2), takeAny(0), send(0, 2)])).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'ALREADY', 'SUCCESS(#1@0)', 'ALREADY']);
  });

  it('queues a request-waiting upcall at the server and records the request only in the client', () => {
    const { world } = play([enable(0), send(1, 0)]);
    expect(queue(world, 0)).toEqual(['request-waiting(SUCCESS)']);
    expect(slotAt(world, 0).ipc).toEqual({ relay: { enabled: true, tx: null } });
    expect(slotAt(world, 1).ipc).toEqual({ relay: { enabled: false, tx: { role: 'client', server: { index: 0, generation: 0 }, passed: 0 } } });
  });

  it('to an identifier learned before the server restarted is NODEVICE: identifiers change on restart', () => {
    const learned = [
      { type: 'register-package', by: 0 },
      { type: 'discover-package', by: 1, name: 'service' },
      { type: 'deliver', process: 1 },
      enable(0),
      { type: 'restart', process: 0 },
      enable(0),
      send(1, 0),
    ] as Action[];
    expect(last(learned).result).toBe('NODEVICE');
  });
});

describe('ipc-2026 take (0x22, 0x23) and respond (0x24)', () => {
  it('take any is NODEVICE with no request waiting; take from names one client', () => {
    expect(results([enable(0), takeAny(0), send(2, 0), takeFrom(0, 1), takeFrom(0, 2)])).toEqual(['SUCCESS', 'NODEVICE', 'SUCCESS', 'NODEVICE', 'SUCCESS(#2@0)']);
  });

  it('on dev/ipc-initial takes the last waiting client in process-array order, every time', () => {
    const { outcomes } = play([enable(0), send(1, 0), send(2, 0), takeAny(0), respond(0), send(2, 0), takeAny(0)]);
    expect(outcomes.map((o) => o.result)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS(#2@0)', 'SUCCESS', 'SUCCESS', 'SUCCESS(#2@0)']);
    expect(outcomes[6]!.observations).toContainEqual({ type: 'passed-over', waiting: { index: 1, generation: 0 }, server: { index: 0, generation: 0 }, times: 2 });
  });

  it('is not symmetric in its clients: swapping two waiting clients does not swap which one "take any" picks', () => {
    expect(unfair.symmetric?.({ ...ABSTRACT, clients: 2 }) ?? false).toBe(false);
    // The second world is the first with clients 1 and 2 swapped (their request-waiting upcalls too).
    const first = last([enable(0), send(1, 0), send(2, 0), takeAny(0)]);
    const swapped = last([enable(0), send(2, 0), send(1, 0), takeAny(0)]);
    expect([first.result, swapped.result]).toEqual(['SUCCESS(#2@0)', 'SUCCESS(#2@0)']);
  });

  it('on the fairness branch rotates: the scan resumes after the client it took last', () => {
    const { outcomes, world } = play([enable(0), send(1, 0), send(2, 0), takeAny(0), respond(0), send(1, 0), takeAny(0)], fair);
    expect(outcomes.map((o) => o.result)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS(#1@0)', 'SUCCESS', 'SUCCESS', 'SUCCESS(#2@0)']);
    expect(slotAt(world, 0).ipc).toMatchObject({ relay: { offset: 0 } });
  });

  it('with lengths=vary truncates a copy into a shorter buffer (SIZE: take still starts the transaction, the response upcall says SIZE), and a registry name of another length is SIZE', () => {
    const vary = { design: { lengths: 'vary' } };
    const allow = (type: 'allow-send' | 'allow-receive', by: number, length: string): Action => ({ type, by, length });
    const trace = [allow('allow-send', 1, 'long'), allow('allow-receive', 0, 'short'), enable(0), send(1, 0), takeAny(0), allow('allow-send', 0, 'long'), allow('allow-receive', 1, 'short'), respond(0)];
    const { outcomes, world } = play(trace, unfair, vary);
    expect(outcomes.map((o) => o.result)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SIZE(#1@0)', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(queue(world, 1)).toEqual(['response(SIZE)']);
    expect(results([enable(0), send(1, 0), takeAny(0), respond(0)], unfair, vary)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS(#1@0)', 'SUCCESS']);
    expect(unfair.enabledAt(play([]).world, 1).some((a) => a.type === 'allow-send')).toBe(false);
    const malformed = (type: 'register-name' | 'discover-name'): Action => ({ type, by: 1, name: '(not 20 bytes)' });
    expect(results([malformed('register-name'), malformed('discover-name')], unfair, vary)).toEqual(['SIZE', 'SIZE']);
  });

  it('respond copies to the client, ends both transactions and queues its response upcall', () => {
    const { world, outcomes } = play([enable(0), send(1, 0), takeAny(0), respond(0)]);
    expect(outcomes.at(-1)!.observations).toContainEqual({ type: 'answered', to: { index: 1, generation: 0 }, from: { index: 0, generation: 0 }, matches: true });
    expect(queue(world, 1)).toEqual(['response(SUCCESS)']);
    expect(slotAt(world, 1).ipc).toEqual({ relay: { enabled: false, tx: null } });
    expect(last([enable(0), respond(0)]).result).toBe('INVAL');
  });

  it('a response to a canceled request is dropped (NODEVICE) unless the client has sent the same server another: then it answers that one', () => {
    expect(results([enable(0), send(1, 0), takeAny(0), cancel(1), respond(0)])).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS(#1@0)', 'SUCCESS', 'NODEVICE']);
    const answered = last([enable(0), send(1, 0), takeAny(0), cancel(1), send(1, 0), respond(0)]);
    expect(answered.result).toBe('SUCCESS');
    expect(answered.observations).toContainEqual({ type: 'answered', to: { index: 1, generation: 0 }, from: { index: 0, generation: 0 }, matches: false });
  });

  it('a response whose upcall finds the client queue full is lost, its transaction ended all the same', () => {
    const { outcomes, world } = play([enable(0), send(1, 0), cancel(1), send(1, 0), takeAny(0), respond(0)], unfair, { queue: 1 });
    expect(outcomes.at(-1)!.observations).toContainEqual({ type: 'lost', what: 'response', at: { index: 1, generation: 0 }, cause: 'queue-full' });
    expect(queue(world, 1)).toEqual(['response(CANCEL)']);
  });
});

describe('ipc-2026 cancel (0x11) and disable (0x21)', () => {
  it('cancel is INVAL with nothing outstanding, else queues a CANCEL upcall and leaves the server as it was', () => {
    const { world, outcomes } = play([cancel(1), enable(0), send(1, 0), takeAny(0), cancel(1)]);
    expect(outcomes.map((o) => o.result)).toEqual(['INVAL', 'SUCCESS', 'SUCCESS', 'SUCCESS(#1@0)', 'SUCCESS']);
    expect(queue(world, 1)).toEqual(['response(CANCEL)']);
    expect(slotAt(world, 0).ipc).toMatchObject({ relay: { tx: { role: 'server', client: { index: 1, generation: 0 } } } });
  });

  it("disable fails every client waiting on the server with UNINSTALLED, and silently clears the caller's own request", () => {
    const { world } = play([enable(0), send(1, 0), send(2, 0), { type: 'disable', by: 0 }]);
    expect([1, 2].map((i) => queue(world, i))).toEqual([['response(UNINSTALLED)'], ['response(UNINSTALLED)']]);
    const own = last([enable(0), send(1, 0), { type: 'disable', by: 1 }]);
    expect(own.observations).toEqual([{ type: 'lost', what: 'request', at: { index: 0, generation: 0 }, cause: 'own-disable' }]);
  });

  it('a client waiting on a server that restarts hears nothing: the new instance cannot take it', () => {
    const { world, outcomes } = play([enable(0), send(1, 0), { type: 'restart', process: 0 }, enable(0), takeAny(0)]);
    expect(outcomes.at(-1)!.result).toBe('NODEVICE');
    expect(slotAt(world, 1).ipc).toMatchObject({ relay: { tx: { role: 'client', server: { index: 0, generation: 0 } } } });
    expect(queue(world, 1)).toEqual([]);
  });
});

describe('ipc-2026 registries', () => {
  it('string names: INVAL for all zeros, ALREADY while another process holds the name, free again once its holder is terminated', () => {
    const reg = (by: number, name: string): Action => ({ type: 'register-name', by, name });
    const trace = [reg(0, ''), reg(0, 'service'), reg(2, 'service'), reg(0, 'service'), { type: 'fault', process: 0 }, reg(2, 'service')] as Action[];
    expect(results(trace, unfair, { impostor: 1 })).toEqual([
      'INVAL',
      'SUCCESS',
      'ALREADY',
      'SUCCESS',
      'FAULT',
      'SUCCESS',
    ]);
  });

  it('discover returns SUCCESS and queues the first registered match, skipping the caller, or NODEVICE', () => {
    const { world } = play(
      [
        { type: 'discover-name', by: 1, name: 'service' },
        { type: 'register-name', by: 2, name: 'service' },
        { type: 'register-name', by: 1, name: 'client1' },
        { type: 'discover-name', by: 1, name: 'service' },
        { type: 'discover-name', by: 2, name: 'service' },
      ],
      unfair,
      { impostor: 1 },
    );
    expect(queue(world, 1)).toEqual(['discovered(NODEVICE)', 'registered(SUCCESS)', 'discovered(SUCCESS)']);
    expect(queue(world, 2)).toEqual(['registered(SUCCESS)', 'discovered(NODEVICE)']);
    const deliver = (w: World) => step(unfair, w, { type: 'deliver', process: 1 }).world;
    expect(slotAt(deliver(deliver(world)), 1).app.handles[2]).toBeNull();
    expect(slotAt(deliver(deliver(deliver(world))), 1).app.handles[2]).toBe(0);
  });

  it('package names: a process is found only once registered, and not after it restarts until it registers again', () => {
    const find: Action = { type: 'discover-package', by: 1, name: 'service' };
    const { world } = play([find, { type: 'register-package', by: 0 }, find, { type: 'restart', process: 0 }, find]);
    expect(queue(world, 1)).toEqual(['discovered(NODEVICE)', 'discovered(SUCCESS)', 'discovered(NODEVICE)']);
  });

  it('an honest app registers only its own name; an impostor any, unless the board names owners (FAIL)', () => {
    const names = (world: World, by: number) => unfair.enabledAt(world, by).flatMap((a) => (a.type === 'register-name' ? [a.name] : []));
    const honest = play([]).world;
    expect(names(honest, 1)).toEqual(['client1', '']);
    const withImpostor = play([], unfair, { impostor: 1 }).world;
    expect(names(withImpostor, 2)).toEqual(['service', 'client1', '']);
    const grab: Action = { type: 'register-name', by: 2, name: 'service' };
    expect(last([grab], unfair, { impostor: 1 }).result).toBe('SUCCESS');
    expect(last([grab], unfair, { impostor: 1, design: { registration: 'owner' } }).result).toBe('FAIL');
    expect(last([{ type: 'register-name', by: 0, name: 'service' }], unfair, { impostor: 1, design: { registration: 'owner' } }).result).toBe('SUCCESS');
  });

  it('a process without a package name (nameless=last) cannot register by package name (NOMEM) and is never discovered by one', () => {
    const trace: Action[] = [{ type: 'register-package', by: 2 }, { type: 'register-package', by: 1 }, { type: 'discover-package', by: 0, name: 'client2' }];
    const { outcomes, world } = play(trace, unfair, { design: { nameless: 'last' } });
    expect(outcomes.map((o) => o.result)).toEqual(['NOMEM', 'SUCCESS', 'SUCCESS']);
    expect(queue(world, 0)).toEqual(['discovered(NODEVICE)']);
  });

  it('with capsules=relay the board has no registries', () => {
    const world = play([], unfair, { design: { capsules: 'relay' } }).world;
    expect(unfair.enabledAt(world, 1).map((a) => a.type)).not.toContain('register-name');
    expect(unfair.enabledAt(world, 1).map((a) => a.type)).toContain('send');
  });
});
