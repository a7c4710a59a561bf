import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayPath } from '../../trace/index.ts';
import { ALL_VIOLATED, exploreApplicable, exploreBfs } from '../../engine/bfs.ts';
import { expectReplays } from '../fixtures/replays.ts';
import { main } from '../../cli/cli.ts';
import { restart } from '../../model/kernel-steps.ts';
import { defaultParams, designById, handlerRules, KERNEL_KINDS, type KernelAction, type Action, type Design, type WorldParams } from '../../model/index.ts';
import { applies, PROPERTIES, type Property } from '../../properties/index.ts';

const design = designById('tock-2.2')!;
const tiny: WorldParams = { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2 };

/** The properties tock-2.2 emits something for. */
const APPLICABLE = PROPERTIES.filter((p) => applies(p, design));

describe('exploreBfs on tock-2.2', () => {
  const result = exploreBfs({ design, params: tiny, properties: APPLICABLE, maxDepth: 4, maxStates: 1_000_000 });

  it('pins the state space of a tiny world: states to depth 3 stored, transitions into depth 4 judged (a changed count is a reviewed change)', () => {
    expect({ states: result.states, transitions: result.transitions, depth: result.depthCovered, bound: result.bound }).toEqual({
      states: 2844,
      transitions: 66988,
      depth: 4,
      bound: 'max-depth 4',
    });
  });

  it('finds shortest counterexamples, each replaying to its violation', () => {
    const lengths = Object.fromEntries(result.verdicts.map((v) => [v.property, v.status === 'violated' ? v.trace.length : v.status]));
    expect(lengths).toEqual({ isolation: 'inconclusive', 'stale-generation': 3, 'graceful-exhaustion': 'inconclusive', revocation: 4, delivery: 2, discovery: 2 });
    expectReplays(design, tiny, APPLICABLE, result);
  });

  it('stops once every property is violated, after the state it was expanding', () => {
    const staleOnly = PROPERTIES.filter((p) => p.id === 'stale-generation');
    const stopped = exploreBfs({ design, params: tiny, properties: staleOnly, maxDepth: 10, maxStates: 1_000_000 });
    expect(stopped.bound).toBe(ALL_VIOLATED);
    expect(stopped.depthCovered).toBe(2);
    expect(stopped.verdicts[0]!.status === 'violated' && stopped.verdicts[0]!.trace).toHaveLength(3);
    expect(stopped.states).toBeLessThan(result.states);
  });

  it('stops at max-states and says so', () => {
    const capped = exploreBfs({ design, params: tiny, properties: [], maxDepth: 10, maxStates: 500 });
    expect(capped.states).toBe(500);
    expect(capped.bound).toBe('max-states 500');
  });
});

describe('exploreBfs on a state space it exhausts', () => {
  /** A design in which the only thing that happens is restarts: (restarts+1)^slots states. */
  const restartsOnly: Design = {
    ...design,
    id: 'restarts-only',
    enabled: (world) =>
      world.processes.flatMap((slot, process): Action[] =>
        slot.lifecycle.context.generation < world.params.restarts ? [{ type: 'restart', process }] : [],
      ),
    kinds: { restart: KERNEL_KINDS.restart },
    rules: handlerRules<KernelAction>({ restart } as never),
  };
  /** Never violated; its witness is a slot's second restart, two steps deep. */
  const never: Property = {
    ...PROPERTIES[0]!,
    id: 'isolation',
    description: 'never violated',
    check: () => null,
    witness: ({ after }) => after.processes.some((s) => s.lifecycle.context.generation === 2),
  };

  it('reports held when no bound was reached and its witness was', () => {
    const result = exploreBfs({ design: restartsOnly, params: { ...tiny, restarts: 2 }, properties: [never], maxDepth: 100, maxStates: 1000 });
    expect(result.states).toBe(9);
    expect(result.bound).toBeNull();
    expect(result.verdicts).toEqual([{ property: 'isolation', status: 'held' }]);
  });

  it('reports inconclusive, not held, when the whole state space was searched but no step reached its witness', () => {
    const result = exploreBfs({ design: restartsOnly, params: { ...tiny, restarts: 1 }, properties: [never], maxDepth: 100, maxStates: 1000 });
    expect(result.bound).toBeNull();
    expect(result.verdicts).toEqual([{ property: 'isolation', status: 'inconclusive', bound: `witness unreached: ${never.situation}`, depth: 3 }]);
  });

  it('judges the last level without storing it: held when it reaches nothing new, else the bound', () => {
    // The farthest state, both slots restarted twice, is 4 steps away.
    const params = { ...tiny, restarts: 2 };
    const reachesAll = exploreBfs({ design: restartsOnly, params, properties: [never], maxDepth: 5, maxStates: 1000 });
    expect({ states: reachesAll.states, bound: reachesAll.bound }).toEqual({ states: 9, bound: null });
    const stopsShort = exploreBfs({ design: restartsOnly, params, properties: [never], maxDepth: 4, maxStates: 1000 });
    expect({ states: stopsShort.states, bound: stopsShort.bound, depth: stopsShort.depthCovered }).toEqual({ states: 8, bound: 'max-depth 4', depth: 4 });
    expect(stopsShort.verdicts).toEqual([{ property: 'isolation', status: 'inconclusive', bound: 'max-depth 4', depth: 4 }]);
  });
});

describe('tock-ipc-check explore', () => {
  /** The small world's flags, each left out where `argv` gives its own (a flag of one value may not be given twice). */
  const world: Record<string, string> = { '--arch': 'abstract', '--clients': '1', '--buffers': '1', '--queue': '2' };
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const base = Object.entries(world).filter(([flag]) => !argv.includes(flag)).flat();
    const code = main(['explore', ...base, ...argv], {
      out: (l) => out.push(l),
      err: () => {},
      input: () => '',
    });
    return { code, out: out.join('\n') };
  };

  it('calls a property whose witness no step reached inconclusive, not held, and exits 0, or 1 with --strict', () => {
    const args = ['--design', 'share-proposal', '--restarts', '0', '--max-depth', '30'];
    const { code, out } = run(...args);
    expect(code).toBe(0);
    expect(out).toContain('inconclusive  stale-generation: no violation in the whole state space, but it was never put to the test: no step is one where something reached a slot that had restarted');
    expect(out).toContain('held          isolation: no violation in the whole state space');
    expect(out.trim().split('\n').pop()).toBe("the whole state space explored, but a property's witness went unreached: it is inconclusive, not held (exit 0; --strict makes this exit 1)");
    expect(run(...args, '--strict').code).toBe(1);
  });

  it('exits 1 on a violation and prints the shortest trace and the figures', () => {
    const { code, out } = run('--max-depth', '3', '--property', 'stale-generation');
    expect(code).toBe(1);
    expect(out).toMatch(/VIOLATED {6}stale-generation: .*\n.*shortest counterexample, 3 steps/);
    expect(out).toMatch(/^\d+ states, \d+ transitions, depth \d covered, [\d.]+ s, \d+ states\/s, \d+ transitions\/s, peak RSS \d+ MiB$/m);
    expect(out.trim().split('\n').pop()).toBe('stopped once every property was violated: nothing is left to find (exit 1)');
  });

  it('reduces client symmetry unless told not to, on the abstract MPU and on an address-exact one, and says which in the header and the JSON', () => {
    const states = (text: string) => Number(/^(\d+) states,/m.exec(text)![1]);
    const reduced = run('--clients', '2', '--max-depth', '3');
    const full = run('--clients', '2', '--max-depth', '3', '--no-symmetry');
    expect(reduced.out).toMatch(/client symmetry on: one world per permutation of the 2 clients/);
    expect(full.out).toMatch(/client symmetry off \(--no-symmetry\)/);
    expect(states(reduced.out)).toBeLessThan(states(full.out));
    expect(JSON.parse(run('--clients', '2', '--max-depth', '2', '--json').out).symmetry).toBe(true);
    const header = (...argv: string[]) => {
      const lines: string[] = [];
      main(['explore', '--buffers', '1', '--queue', '2', '--max-depth', '2', ...argv], { out: (l) => lines.push(l), err: () => {}, input: () => '' });
      return lines.join('\n');
    };
    // On cortex-m the commuting test passes: one world per orbit there too, about half the states.
    const cortexM = header('--clients', '2');
    expect(cortexM).toMatch(/client symmetry on: one world per permutation of the 2 clients/);
    expect(states(cortexM)).toBeLessThan(states(header('--clients', '2', '--no-symmetry')));
    expect(header('--clients', '2', '--impostor', '1')).toMatch(/client symmetry off: the impostor client is not like the others/);
    expect(header('--clients', '1')).toMatch(/client symmetry: nothing to reduce with one client/);
  });

  it('exits 0 when a bound cut the search short without a violation, and 1 with --strict', () => {
    const plain = run('--max-depth', '2', '--property', 'isolation');
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/inconclusive {2}isolation: no violation up to depth 2 \(stopped by max-depth 2\)/);
    expect(plain.out.trim().split('\n').pop()).toMatch(/^stopped by max-depth 2: .*inconclusive/);
    expect(run('--max-depth', '2', '--property', 'isolation', '--strict').code).toBe(1);
  });

  it('--save writes each shortest counterexample as a file that replays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tock-ipc-check-'));
    try {
      const { out } = run('--max-depth', '4', '--save', '--out', dir);
      const files = readdirSync(join(dir, 'tock-2.2')).sort();
      expect(files.map((f) => f.replace(/-[0-9a-f]{8}\.json$/, ''))).toEqual(['delivery', 'discovery', 'revocation', 'stale-generation']);
      expect(out).toMatch(/^saved {5}.*revocation-[0-9a-f]{8}\.json$/m);
      for (const f of files) {
        const replayed = replayPath(join(dir, 'tock-2.2', f));
        expect(replayed.kind === 'replayed' && replayed.replay.kind).toBe('reproduced');
        expect(replayed.kind === 'replayed' && replayed.file.search).toEqual({ engine: 'bfs', maxDepth: 4 });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--workers 2 reports the figures and verdicts of one thread; a worker count out of range is a usage error', async () => {
    const argv = ['explore', '--arch', 'abstract', '--clients', '1', '--buffers', '1', '--queue', '2', '--max-depth', '3', '--json'];
    const lines: string[] = [];
    const code = await main([...argv, '--workers', '2'], { out: (l) => lines.push(l), err: () => {}, input: () => '' });
    const parallel = JSON.parse(lines.join('\n'));
    const single = JSON.parse(run('--max-depth', '3', '--json').out);
    expect(code).toBe(1);
    for (const key of ['states', 'transitions', 'depthCovered', 'bound', 'coverage']) expect(parallel[key], key).toEqual(single[key]);
    const lengths = (report: { results: { property: string; status: string; counterexample?: { trace: unknown[] } }[] }) =>
      report.results.map((r) => [r.property, r.status, r.counterexample?.trace.length ?? null]);
    expect(lengths(parallel)).toEqual(lengths(single));
    const errors: string[] = [];
    expect(main([...argv, '--workers', '0'], { out: () => {}, err: (l) => errors.push(l), input: () => '' })).toBe(2);
    expect(errors).toEqual([expect.stringMatching(/--workers/)]);
  });

  it('with --json prints the figures and verdicts as one object', () => {
    const { out } = run('--max-depth', '3', '--json');
    const report = JSON.parse(out);
    expect(report).toMatchObject({ engine: 'bfs', design: 'tock-2.2', states: 344, transitions: 8356, depthCovered: 3, bound: 'max-depth 3' });
    expect(report.results.find((r: { property: string }) => r.property === 'stale-generation').counterexample.trace).toHaveLength(3);
    expect(report.coverage.actions).toEqual({
      reached: ['discover', 'subscribe', 'unsubscribe', 'exit', 'stop', 'unstop', 'share', 'unallow', 'notify', 'deliver', 'restart'],
      unreached: ['yield-wait-for', 'sbrk', 'use-driver', 'access'],
    });
  });

  it('prints what the search reached, and what it never did, before the figures', () => {
    const { out } = run('--max-depth', '3');
    expect(out).toMatch(
      /\ncoverage \(what the search reached\):\n {2}action kinds {6}reached 11 of 15; unreached: yield-wait-for, sbrk, use-driver, access\n(.*\n){4}\n\d+ states, \d+ transitions/,
    );
  });
});

describe('exploreApplicable', () => {
  it('judges only the properties the design emits something for, and gives the others n/a in their place', () => {
    const shareProposal = designById('share-proposal')!;
    const params: WorldParams = { ...defaultParams('abstract'), clients: 1, buffers: 1, queue: 2 };
    const judged: string[] = [];
    const result = exploreApplicable({ design: shareProposal, params, properties: PROPERTIES, maxDepth: 3, maxStates: 10_000 }, (options) => {
      judged.push(...options.properties.map((p) => p.id));
      return exploreBfs(options);
    });
    expect(judged).toEqual(['isolation', 'stale-generation', 'graceful-exhaustion', 'revocation', 'discovery']);
    expect(result.verdicts.map((v) => [v.property, v.status])).toEqual([
      ['isolation', 'inconclusive'],
      ['stale-generation', 'inconclusive'],
      ['graceful-exhaustion', 'inconclusive'],
      ['revocation', 'inconclusive'],
      ['delivery', 'n/a'],
      ['response-matching', 'n/a'],
      ['fairness', 'n/a'],
      ['discovery', 'inconclusive'],
    ]);
  });
});
