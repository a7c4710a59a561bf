import { describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';
import { checkScenario } from '../engine/index.ts';
import { designById, formatAction } from '../model/index.ts';
import { defineScenario, SCENARIOS } from '../scenarios/index.ts';
import { hazardSilentLoss } from '../scenarios/hazard-silent-loss.ts';
import { correctUse } from '../scenarios/correct-use.ts';

function cli(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(l), input: () => '' }) as number;
  return { code, out, err };
}

const tock22 = designById('tock-2.2')!;

describe('checkScenario', () => {
  it.each(SCENARIOS.flatMap((s) => Object.keys(s.expected).map((d) => [s.id, d, s] as const)))('%s matches its expectation on %s', (_, design, scenario) => {
    expect(checkScenario(scenario, designById(design)!)).toEqual({ scenario: scenario.id, design, status: 'matched', steps: scenario.trace.length });
  });

  it('names the scenario, the first step that differs, and the expected and actual outcomes when a violation is expected at the wrong step', () => {
    const wrong = { ...hazardSilentLoss, expected: { 'tock-2.2': { delivery: 4 } } };
    expect(checkScenario(wrong, tock22)).toMatchObject({
      scenario: 'hazard-silent-loss',
      design: 'tock-2.2',
      status: 'differs',
      step: 3,
      action: 'kernel runs #1 (dequeue one task)',
      expected: 'delivery violated at step 4',
      actual: expect.stringMatching(/^delivery violated at step 3 \(a notification to #1@0 .*\(self-notify\)\)$/),
    });
  });

  it('reports a property expected to hold but violated, and a result other than the one written', () => {
    expect(checkScenario({ ...hazardSilentLoss, expected: { 'tock-2.2': {} } }, tock22)).toMatchObject({ status: 'differs', step: 3, expected: 'delivery holding throughout' });
    const written = defineScenario({
      id: 'wrong-result',
      summary: 'a notify written to fail',
      params: hazardSilentLoss.params,
      readAs: 'tock-2.2',
      steps: `
        #1 notify-service #0                -> SUCCESS
        // the queue has room: this is SUCCESS, not NOMEM
        #1 notify-service #0                -> NOMEM
      `,
      expected: { 'tock-2.2': {} },
    });
    expect(written.trace).toEqual([
      { type: 'notify', by: 1, to: 0, kind: 'service' },
      { type: 'notify', by: 1, to: 0, kind: 'service' },
    ]);
    expect(checkScenario(written, tock22)).toEqual({
      scenario: 'wrong-result',
      design: 'tock-2.2',
      status: 'differs',
      step: 2,
      action: '#1 notify-service #0',
      expected: 'result NOMEM',
      actual: 'result SUCCESS: IPC task queued at #0@0',
    });
  });

  it('reports a step that is not enabled, and says when it has no expectation for the design', () => {
    const early = { ...correctUse, trace: [correctUse.trace[0]!, { type: 'deliver', process: 0 }] };
    expect(checkScenario(early, tock22)).toMatchObject({ status: 'differs', step: 2, action: 'kernel runs #0 (dequeue one task)', expected: 'the action enabled' });
    expect(checkScenario(correctUse, designById('share-proposal')!)).toEqual({ scenario: 'correct-use', design: 'share-proposal', status: 'no-expectation' });
  });

  it('refuses a line that reads as no action, naming the scenario and the line', () => {
    expect(() => defineScenario({ id: 'typo', summary: '', params: hazardSilentLoss.params, readAs: 'tock-2.2', steps: '\n#1 notfy-service #0', expected: {} })).toThrow(
      'scenario typo, line 2: no action reads "#1 notfy-service #0"',
    );
  });
});

describe('tock-ipc-check scenario', () => {
  it('runs every scenario on each design it expects something of: all match, exit 0', () => {
    const { code, out } = cli('scenario');
    expect(code).toBe(0);
    const runs = SCENARIOS.reduce((n, s) => n + Object.keys(s.expected).length, 0);
    expect(out.filter((l) => l.startsWith('matched'))).toHaveLength(runs);
    expect(out.at(-1)).toBe(`${runs} of ${runs} scenario runs matched, 0 differ`);
  });

  it('runs the scenarios named on the design named, reporting where it has no expectation', () => {
    const { code, out } = cli('scenario', 'correct-use', 'hazard-silent-loss', '--design', 'tock-2.2/libtock-c');
    expect(code).toBe(0);
    expect(out.slice(0, 2)).toEqual([
      'no expectation correct-use on tock-2.2/libtock-c: the scenario states none for this design; not judged',
      'no expectation hazard-silent-loss on tock-2.2/libtock-c: the scenario states none for this design; not judged',
    ]);
    expect(out.at(-1)).toBe('0 of 2 scenario runs matched, 0 differ, 2 without expectation');
  });

  it('keeps the scenarios on the architecture named; --json gives the checks', () => {
    const { code, out } = cli('scenario', '--arch', 'cortex-m33', '--json');
    expect(code).toBe(0);
    const checks = JSON.parse(out.join('\n')).scenarios as { scenario: string; status: string }[];
    expect(checks.length).toBeGreaterThan(0);
    const ids = new Set(checks.map((c) => c.scenario));
    expect(SCENARIOS.filter((s) => ids.has(s.id)).every((s) => s.params.arch === 'cortex-m33')).toBe(true);
  });

  it.each([
    [['scenario', 'nope'], /^tock-ipc-check: unknown scenario 'nope' \(known: correct-use, /],
    [['scenario', 'correct-use', '--arch', 'riscv-pmp'], /^tock-ipc-check: no scenario you named runs on --arch riscv-pmp \(they run on: abstract\)$/],
    [['scenario', '--design', 'nope'], /^tock-ipc-check: unknown design 'nope'/],
  ])('%j: one line, exit 2', (argv, line) => {
    const { code, err } = cli(...argv);
    expect(code).toBe(2);
    expect(err).toEqual([expect.stringMatching(line)]);
  });
});

describe('tock-ipc-check check --from', () => {
  it("starts every random run with the scenario's steps, in its world; says so, and the repeat command keeps it", () => {
    const { code, out } = cli('check', '--from', 'hazard-silent-loss', '--property', 'delivery', '--runs', '50', '--directed-states', '0');
    expect(code).toBe(1);
    expect(out).toContain('every random run starts with scenario hazard-silent-loss (4 steps)');
    expect(out).toContain('MPU: abstract, --regions 1 (free for IPC)');
    expect(out.at(-1)).toMatch(/repeat: tock-ipc-check check --design tock-2\.2 --arch abstract .*--from hazard-silent-loss --seed 1 --property delivery$/);
  });

  it('refuses a scenario whose steps the design cannot take, naming the step', () => {
    const { code, err } = cli('check', '--from', 'ipc-2026-mailbox');
    expect(code).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^tock-ipc-check: --from ipc-2026-mailbox: its step 1 \(a discover-name action, which tock-2\.2 lacks\) is not enabled on tock-2\.2 in this world$/)]);
    const fewer = cli('check', '--from', 'correct-use', '--clients', '1');
    expect(fewer.code).toBe(2);
    expect(fewer.err[0]).toMatch(/its step \d+ \(#2 discover "service"\) is not enabled/);
  });

  it('finds the counterexample as a trace from the initial world, prefix included where needed', () => {
    const { out } = cli('check', '--from', 'correct-use', '--property', 'stale-generation', '--runs', '200', '--directed-states', '0', '--json');
    const report = JSON.parse(out.join('\n'));
    const result = report.results[0];
    expect(result.status).toBe('violated');
    expect(result.counterexample.trace.map((a: never) => formatAction(tock22.kinds, a)).length).toBeGreaterThan(0);
  });
});
