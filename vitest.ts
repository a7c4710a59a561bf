import { expect } from 'vitest';
import { checkOptionsOf, type ModelRequest } from './api/index.ts';
import { DEFAULT_OUT } from './options/index.ts';
import { checkRandom } from './engine/index.ts';
import { resultLines, saveAll, savedLine } from './trace/index.ts';
import type { Design } from './model/index.ts';

/**
 * `tock-ipc-check/vitest`: importing it adds the matcher
 * `toHoldProperty` to vitest's `expect`.
 *
 *     await expect(design).toHoldProperty('isolation', { runs: 1000, seed: 1 });
 *
 * `design` is a design or a built-in design's id. The matcher runs
 * `check` on that one property; it passes only on `held`. On a violation
 * its message is the shrunk counterexample as numbered steps, as the CLI
 * prints it, and the counterexample file it saved (under `saveTo`,
 * default `counterexamples/`; `saveTo: null` saves nothing). On
 * `inconclusive`, `n/a` or a model that threw, it fails saying which.
 */
export interface HoldOptions extends Omit<ModelRequest, 'design' | 'properties'> {
  readonly seed?: number;
  readonly runs?: number;
  readonly maxSteps?: number;
  readonly directedStates?: number;
  /** Where a counterexample is saved; null: nowhere. */
  readonly saveTo?: string | null;
}

expect.extend({
  toHoldProperty(received: unknown, property: string, options: HoldOptions = {}) {
    if (typeof received !== 'string' && (typeof received !== 'object' || received === null)) {
      throw new TypeError('toHoldProperty: expect() a design or a design id');
    }
    const { saveTo = DEFAULT_OUT, ...request } = options;
    const checked = checkOptionsOf({ ...request, design: received as string | Design, properties: [property] });
    const [result] = checkRandom(checked);
    const saved = saveTo === null || result!.status !== 'violated' ? [] : saveAll(checked, saveTo, [result!]);
    const lines = [...resultLines(checked.design.kinds, result!), ...saved.map(savedLine)];
    return {
      pass: result!.status === 'held',
      message: () => `expected ${checked.design.id} ${this.isNot ? 'not ' : ''}to hold ${property}:\n${lines.join('\n')}`,
    };
  },
});

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vitest declares Matchers<T = any>, and augmentations must match it
  interface Matchers<T = any> {
    /** Passes iff `check` finds the property held on this design (see `tock-ipc-check/vitest`). */
    toHoldProperty(property: string, options?: HoldOptions): T;
  }
}
