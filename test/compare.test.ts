import { describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';
import { compare, type Cell } from '../engine/compare.ts';
import { designById, variant } from '../model/index.ts';
import { PROPERTIES, propertyById, withCause } from '../properties/index.ts';

function cli(...argv: string[]): { code: number; out: string; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' }) as number;
  return { code, out: out.join('\n'), err };
}

const world = { clients: 2, restarts: 1, queue: 9, buffers: 5, heap: 0, impostor: 0, empty: 0 };
const budget = { seed: 1, runs: 300, maxSteps: 80, directedStates: 5000, maxDepth: 2, maxStates: 100_000 };

/** The status of each property's cell in one row, by property id. */
function statuses(design: string, arch: 'cortex-m' | 'cortex-m33' | 'abstract', runs = budget.runs): Record<string, Cell['status']> {
  const [row] = compare({ ...budget, runs, designs: [designById(design)!], archs: [arch], world, properties: PROPERTIES });
  return Object.fromEntries(row!.cells.map((c) => [c.property, c.cell.status]));
}

describe('compare', () => {
  it('shows tock-2.2 violating every property SPEC.md section 2 predicts, on Cortex-M, with check\'s default budget', () => {
    expect(statuses('tock-2.2', 'cortex-m', 2000)).toEqual({
      isolation: 'violated',
      'stale-generation': 'violated',
      'graceful-exhaustion': 'violated',
      revocation: 'violated',
      delivery: 'violated',
      'response-matching': 'n/a',
      fairness: 'n/a',
      discovery: 'violated',
    });
  });

  it('shows share-proposal holding every property it emits something for, and n/a those of messages (it sends none)', () => {
    for (const arch of ['cortex-m', 'cortex-m33', 'abstract'] as const) {
      expect(statuses('share-proposal', arch), arch).toEqual({
        isolation: 'held',
        'stale-generation': 'held',
        'graceful-exhaustion': 'held',
        revocation: 'held',
        delivery: 'n/a',
        'response-matching': 'n/a',
        fairness: 'n/a',
        discovery: 'held',
      });
    }
  });

  it('shows ipc-2026 starving a client where ipc-2026-fair does not, both answering a canceled request with a later one', () => {
    const messages = { isolation: 'n/a', 'graceful-exhaustion': 'n/a', revocation: 'n/a', 'response-matching': 'violated' };
    expect(statuses('ipc-2026', 'cortex-m')).toMatchObject({ ...messages, fairness: 'violated' });
    expect(statuses('ipc-2026-fair', 'cortex-m')).toMatchObject({ ...messages, fairness: 'held' });
  });

  it.each([
    ['ipc-2026/cancel-ends-take', 'response-matching', null],
    ['ipc-2026/disable-keeps-request', 'delivery', 'own-disable'],
    ['ipc-2026/upcall-checked', 'delivery', 'queue-full'],
  ] as const)('shows %s fixing what ipc-2026 breaks: %s (cause %s), with two-task queues', (fix, property, cause) => {
    const judged = withCause(propertyById(property)!, cause);
    const violated = (design: string) => {
      const [row] = compare({ ...budget, designs: [designById(design)!], archs: ['abstract'], world: { ...world, queue: 2 }, properties: [judged] });
      return row!.cells[0]!.cell.status === 'violated';
    };
    expect(violated('ipc-2026')).toBe(true);
    expect(violated(fix)).toBe(false);
  });

  it('shows ipc-2026-fair/fixed, every fix together, holding every property it emits something for', () => {
    expect(statuses('ipc-2026-fair/fixed', 'abstract')).toMatchObject({ 'stale-generation': 'held', delivery: 'held', 'response-matching': 'held', fairness: 'held' });
  });

  it.each([
    ['share-proposal/no-map-check', 'cortex-m33', ['isolation', 'graceful-exhaustion']],
    ['share-proposal/no-overlap-check', 'cortex-m', ['revocation']],
    ['share-proposal/no-activation-check', 'abstract', ['graceful-exhaustion']],
    ['share-proposal/no-unshare-revocation', 'cortex-m', ['isolation', 'revocation']],
    ['share-proposal/no-end-revocation', 'cortex-m', ['isolation', 'revocation']],
    ['share-proposal/no-instance-checks', 'cortex-m', ['stale-generation']],
  ] as const)('catches %s on %s: the property the removed rule protects is violated', (design, arch, broken) => {
    const got = statuses(design, arch);
    for (const p of broken) expect(got[p], p).toBe('violated');
  });

  it('prints a table with a row per design, then exits 1 because an applicable property is violated', () => {
    const { code, out } = cli('compare', '--design', 'tock-2.2', '--design', 'share-proposal', '--runs', '100', '--max-depth', '2', '--directed-states', '0');
    expect(code).toBe(1);
    expect(out).toMatch(/^tock-2\.2 on cortex-m: (.*, )?\d violated, .*2 n\/a.* \(\d+\.\d s\)$/m);
    expect(out).toMatch(/^design +arch +isolation +stale-generation +graceful-exhaustion +revocation +delivery +response-matching +fairness +discovery$/m);
    expect(out).toMatch(/^share-proposal +cortex-m +held \(100 runs; explored to depth 2\) .* n\/a +held \(100 runs; explored to depth 2\)$/m);
  });

  it('exits 0 when nothing applicable is violated, and --markdown prints a Markdown table', () => {
    const { code, out } = cli('compare', '--design', 'share-proposal', '--arch', 'abstract', '--runs', '50', '--max-depth', '0', '--markdown');
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      '| design | arch | isolation | stale-generation | graceful-exhaustion | revocation | delivery | response-matching | fairness | discovery |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      expect.stringMatching(/^\| share-proposal \| abstract \| held \(50 runs\) \| .* \| n\/a \| n\/a \| n\/a \| held \(50 runs\) \|$/),
    ]);
  });

  it('--json gives every cell as data, the same for the same seed', () => {
    const args = ['compare', '--design', 'share-proposal/no-unshare-revocation', '--arch', 'abstract', '--runs', '100', '--max-depth', '3', '--json'];
    const first = cli(...args);
    expect(first.code).toBe(1);
    const report = JSON.parse(first.out);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0].cells.revocation).toMatchObject({ status: 'violated' });
    expect(report.rows[0].cells.delivery).toEqual({ status: 'n/a' });
    expect(cli(...args).out).toBe(first.out);
  });

  it.each([
    [['compare', '--design', 'nope'], /unknown design 'nope'/],
    [['compare', '--arch', 'x86'], /unknown architecture 'x86'/],
    [['compare', '--json', '--markdown'], /--json and --markdown exclude each other/],
    [['compare', '--max-depth', '-1'], /--max-depth must be an integer from 0 to 1000/],
    [['compare', '--heap', '1'], /--heap 1: legacy-3, share-proposal, .* do not model memory that grows/],
  ])('bad usage %j: exit 2, one line', (argv, message) => {
    const { code, out, err } = cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
  });

  it('shows that either instance check alone keeps a share from the instance after the one it names (no-instance-checks, without both, is caught above)', () => {
    const never = () => false;
    for (const guard of ['targetGone', 'meantForAnother']) {
      const oneCheck = variant(designById('share-proposal')!, `share-proposal/without-${guard}`, `share-proposal without ${guard}`, { guards: { [guard]: never } });
      const [row] = compare({ ...budget, designs: [oneCheck], archs: ['abstract'], world, properties: PROPERTIES });
      expect(row!.cells.map((c) => c.cell.status), guard).toEqual(['held', 'held', 'held', 'held', 'n/a', 'n/a', 'n/a', 'held']);
    }
  });
});
