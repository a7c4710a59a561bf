import { describe, expect, it } from 'vitest';
import { defaultParams, designById, initialWorld, kindOf, step, type Action, type Design, type World } from '../../model/index.ts';

const design = designById('tock-2.2/libtock-c')!;
const params = defaultParams('cortex-m');

/** The kinds of call slot `index` may make (the kernel's own kinds left out). */
function calls(d: Design, world: World, index: number): string[] {
  return [...new Set(d.enabledAt(world, index).filter((a) => kindOf(d.kinds, a).by === 'process' && a.type !== 'access').map((a) => a.type))];
}

function run(world: World, ...actions: Action[]): World {
  return actions.reduce((w, a) => {
    expect(design.enabled(w)).toContainEqual(a);
    return step(design, w, a).world;
  }, world);
}

describe('apps as program machines (tock-2.2/libtock-c)', () => {
  const root = initialWorld(params);

  it('limits each app to the calls its program makes next, where the most general app may make any', () => {
    expect(calls(design, root, 1)).toEqual(['discover']);
    expect(calls(design, root, 0)).toEqual(['discover']);
    expect(calls(designById('tock-2.2')!, root, 1)).toEqual(['discover', 'subscribe', 'share', 'notify', 'exit']);
  });

  it('follows what the kernel answered: a failed call leaves the program where it was', () => {
    // No name the world offers is missing, so the failing call is stepped directly.
    const failed = step(design, root, { type: 'discover', by: 1, name: 'nobody' }).world;
    expect(calls(design, failed, 1)).toEqual(['discover']);
    const found = run(root, { type: 'discover', by: 1, name: 'service' });
    expect(calls(design, found, 1)).toEqual(['subscribe']);
  });

  it('walks the client flow: discover, subscribe, share, notify, then share and notify at will', () => {
    const flow = run(
      root,
      { type: 'discover', by: 1, name: 'service' },
      { type: 'subscribe', by: 1, upcall: 0 },
      { type: 'share', by: 1, to: 0, buffer: 0 },
      { type: 'notify', by: 1, to: 0, kind: 'service' },
    );
    expect(calls(design, flow, 1)).toEqual(['share', 'notify']);
  });

  it('starts the program again when the app restarts and its init call runs', () => {
    const found = run(root, { type: 'discover', by: 1, name: 'service' }, { type: 'restart', process: 1 }, { type: 'deliver', process: 1 });
    expect(calls(design, found, 1)).toEqual(['discover']);
  });
});
