import { beforeAll, describe, expect, it } from 'vitest';
import { exploreBfs, MODEL_THREW, type ExploreOptions, type ExploreResult } from '../../../engine/bfs.ts';
import { main } from '../../../cli/cli.ts';
import { runTrace } from '../../../engine/trace-run.ts';
import { Coverage } from '../../../engine/coverage.ts';
import { explorePacked } from '../../../engine/packed/packed-bfs.ts';
import { exploreParallel } from '../../../engine/parallel/parallel-bfs.ts';
import { withUserModules } from '../../../options/user-modules.ts';
import { diffWorlds } from '../../../trace/world-diff.ts';
import { defaultParams, designById, initialWorld, step, type Design } from '../../../model/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';

/** A design whose only state of its own is kernel-wide (`World.ipc`), loaded as a user's file so that workers load it too. */
let design: Design;
beforeAll(async () => {
  await withUserModules(['--design', './test/fixtures/registry-design.ts']);
  design = designById('test/registry')!;
});

const params = { ...defaultParams('abstract'), clients: 2, buffers: 1, restarts: 1 };
const summary = (r: ExploreResult) => ({ states: r.states, transitions: r.transitions, bound: r.bound, verdicts: r.verdicts.map((v) => [v.property, v.status]) });

describe("a design's kernel-wide state (World.ipc)", () => {
  it('is stored by the packed explorer exactly as the reference explorer stores it: every figure, verdict and coverage entry', () => {
    const options: ExploreOptions = { design, params, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 };
    const slow = new Coverage(design);
    const fast = new Coverage(design);
    const reference = exploreBfs({ ...options, coverage: slow });
    expect(reference.bound).toBeNull();
    // Registration order is state: more worlds than the slots alone could tell apart (3 slots, 2 generations, registered or not: 64).
    expect(reference.states).toBeGreaterThan(64);
    expect(explorePacked({ ...options, coverage: fast })).toEqual(reference);
    expect(fast.report()).toEqual(slow.report());
  });

  it('is renamed under client symmetry: fewer states, the same verdicts', () => {
    const options: ExploreOptions = { design, params, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000 };
    const full = explorePacked(options);
    const reduced = explorePacked({ ...options, symmetry: true });
    expect(reduced.states).toBeLessThan(full.states);
    expect(reduced.verdicts.map((v) => v.status)).toEqual(full.verdicts.map((v) => v.status));
  });

  it('is shared by the threads of a parallel search, with and without symmetry', async () => {
    for (const symmetry of [false, true]) {
      const options: ExploreOptions = { design, params, properties: PROPERTIES, maxDepth: 1000, maxStates: 1_000_000, symmetry };
      expect(summary(await exploreParallel(options, 2, { withEveryWorker: true })), `symmetry ${symmetry}`).toEqual(summary(explorePacked(options)));
    }
  });

  it('shows in a step-by-step diff', () => {
    const before = initialWorld(params);
    const after = step(design, before, { type: 'register', by: 1 }).world;
    expect(diffWorlds(before, after)).toEqual([expect.stringMatching(/^kernel ipc/)]);
  });
});

describe('a model that throws, in every explorer: an error verdict with the trace that makes it throw, never a violation', () => {
  let throwing: Design;
  beforeAll(async () => {
    await withUserModules(['--design', './test/fixtures/throwing-design.ts']);
    throwing = designById('test/registry-throws')!;
  });
  const options = (symmetry: boolean): ExploreOptions => ({ design: throwing, params, properties: PROPERTIES, maxDepth: 10, maxStates: 1_000_000, symmetry });
  const errors = (r: ExploreResult): [string, number][] => r.verdicts.flatMap((v) => (v.status === 'error' ? [[v.message, v.trace.length] as [string, number]] : []));

  it('the reference explorer stops with the bound, every applicable property an error, and a shortest trace that throws', () => {
    const result = exploreBfs(options(false));
    expect(result.bound).toBe(MODEL_THREW);
    const first = result.verdicts.find((v) => v.property === 'isolation')!;
    expect(first).toMatchObject({ status: 'error', message: 'no room for #2 in the registry' });
    const trace = first.status === 'error' ? first.trace : [];
    expect(trace).toHaveLength(3);
    expect(() => runTrace(throwing, params, [], trace)).toThrow('no room for #2 in the registry');
  });

  it('the packed explorer, with and without symmetry, and the parallel one say the same', async () => {
    const reference = errors(exploreBfs(options(false)));
    for (const symmetry of [false, true]) {
      const fast = explorePacked(options(symmetry));
      expect(fast.bound).toBe(MODEL_THREW);
      expect(errors(fast).map(([, length]) => length)).toEqual(reference.map(([, length]) => length));
      const parallel = await exploreParallel(options(symmetry), 2, { withEveryWorker: true });
      expect(parallel.bound).toBe(MODEL_THREW);
      expect(errors(parallel).map(([, length]) => length)).toEqual(reference.map(([, length]) => length));
      for (const v of [...fast.verdicts, ...parallel.verdicts]) if (v.status === 'error') expect(() => runTrace(throwing, params, [], v.trace)).toThrow(/no room for #\d in the registry/);
    }
  });

  it('explore prints ERROR with the trace and exits 3', async () => {
    const out: string[] = [];
    const code = await main(['explore', '--design', './test/fixtures/throwing-design.ts', '--arch', 'abstract', '--buffers', '1', '--max-depth', '10'], { out: (l) => out.push(l), err: () => {}, input: () => '' });
    expect(code).toBe(3);
    expect(out.join('\n')).toMatch(/^ERROR {9}isolation: the model threw at step 3: no room for #2 in the registry\n.*not a violation\):\n {3}1\. #\d registers\n {3}2\. #\d registers\n {3}3\. #2 registers$/m);
    expect(out.at(-1)).toBe('stopped because the model threw: a bug of the design or of the checker, not a verdict (exit 3)');
  });
});
