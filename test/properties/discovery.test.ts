import { describe, expect, it } from 'vitest';
import { checkRandom } from '../../engine/random.ts';
import { runTrace } from '../../engine/trace-run.ts';
import { defaultParams, designById, initialWorld, intendedServer, type Action, type WorldParams } from '../../model/index.ts';
import { propertyById } from '../../properties/index.ts';

const discovery = propertyById('discovery')!;

/** Random search for discovery violations on `design` in a world with `params`; the status and, if violated, the cause. */
function judge(design: string, params: Partial<WorldParams>, runs = 300, seed = 1): { status: string; cause?: string } {
  const [result] = checkRandom({
    design: designById(design)!,
    params: { ...defaultParams('abstract'), ...params },
    properties: [discovery],
    seed,
    runs,
    maxSteps: 40,
    directedStates: 0,
  });
  return result!.status === 'violated' ? { status: 'violated', cause: result!.counterexample.violation.cause } : { status: result!.status };
}

describe('discovery', () => {
  it("the impostor is the last client, bearing the service's package name; the board still means the service", () => {
    const world = initialWorld({ ...defaultParams('abstract'), impostor: 1 });
    expect(world.processes.map((s) => s.name)).toEqual(['service', 'client1', 'service']);
    expect(intendedServer(world, 'service')).toBe(0);
    expect(intendedServer(world, 'client1')).toBe(1);
  });

  it("ipc-2026's string-name registry: an impostor registers the service's name under the open policy, and cannot under owner", () => {
    expect(judge('ipc-2026', { impostor: 1, design: { capsules: 'string-name' } })).toEqual({ status: 'violated', cause: 'impostor' });
    expect(judge('ipc-2026', { impostor: 1, design: { capsules: 'string-name', registration: 'owner' } })).toEqual({ status: 'held' });
    expect(judge('ipc-2026', { design: { capsules: 'string-name' } })).toEqual({ status: 'held' });
  });

  it("ipc-2026's package-name registry has no registration hook: the owner policy does not stop an impostor", () => {
    expect(judge('ipc-2026', { impostor: 1, design: { capsules: 'package-name', registration: 'owner' } })).toEqual({ status: 'violated', cause: 'impostor' });
  });

  it('with the registries left out, discovery is never reached: inconclusive, not held', () => {
    expect(judge('ipc-2026', { impostor: 1, design: { capsules: 'relay' } })).toEqual({ status: 'inconclusive' });
  });

  it('share-proposal finds the impostor while the service is not running, and tock-2.2 returns a faulted service', () => {
    expect(judge('share-proposal', { impostor: 1 })).toEqual({ status: 'violated', cause: 'impostor' });
    expect(judge('share-proposal', {})).toEqual({ status: 'held' });
    expect(judge('tock-2.2', {}, 2000, 2)).toEqual({ status: 'violated', cause: 'not-live' });
  });

  it('judges a step by the instance found, not by the step that found it', () => {
    const design = designById('ipc-2026')!;
    const trace: Action[] = [
      { type: 'register-name', by: 2, name: 'service' },
      { type: 'discover-name', by: 1, name: 'service' },
    ];
    const end = runTrace(design, { ...defaultParams('abstract'), impostor: 1 }, [discovery], trace);
    expect(end.kind).toBe('violated');
    if (end.kind === 'violated') expect(end.violation.message).toBe('#1@0 discovered "service" as #2@0, but the board means #0 to serve it');
  });
});
