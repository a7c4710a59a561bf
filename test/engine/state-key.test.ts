import { describe, expect, it } from 'vitest';
import { canonicalJson, defaultParams, initialWorld, step, type World } from '../../model/index.ts';
import { BUILTIN_DESIGNS } from '../../model/designs/index.ts';
import { stateKey } from '../../engine/state-key.ts';

/** The key as its doc defines it, written whole. */
function wholeKey(world: World): string {
  const slots = world.processes.map(({ memory: _, ...rest }) => canonicalJson(rest));
  return `[[${slots.join(',')}],${canonicalJson(world.ipc)}]`;
}

describe('stateKey', () => {
  it.each(BUILTIN_DESIGNS.map((d) => [d.id, d] as const))('is the canonical JSON of the slots without memory and the ipc part, along walks on %s', (_, design) => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let compared = 0;
    for (const arch of ['cortex-m', 'abstract'] as const) {
      for (let run = 0; run < 8; run++) {
        let world = initialWorld({ ...defaultParams(arch), heap: 1 });
        for (let s = 0; s < 20; s++) {
          expect(stateKey(world)).toBe(wholeKey(world));
          compared++;
          const actions = design.enabled(world);
          if (actions.length === 0) break;
          world = step(design, world, actions[next(actions.length)]!).world;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
