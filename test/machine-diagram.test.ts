// @vitest-environment happy-dom
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';
import { machinesOf, mermaidStateDiagram } from '../cli/machine-diagram.ts';
import { DESIGNS, designById, kernelMachineOf } from '../model/index.ts';

describe('machines: every machine of every built-in design, drawn from its xstate definition', () => {
  const machines = machinesOf(DESIGNS);

  it('draws the slot machines once and, per design, its kernel machine, the machines of its state and its programs', () => {
    expect(machines.map((m) => m.title)).toEqual([
      'process: every process slot, every design',
      'taskQueue: every process slot, every design',
      'mpu: every process slot, every design',
      ...DESIGNS.flatMap((d) => [
        `kernel of ${d.id}: its rules`,
        ...(d.stateMachines ?? []).map((m) => `${m.id} of ${d.id}: state it keeps`),
        ...(d.programs ?? []).map((m) => `program ${m.id} of ${d.id}: what its app calls next`),
      ]),
    ]);
  });

  it("draws share-proposal's share machine: made, activated, deactivated", () => {
    const share = machines.find((m) => m.title === 'share of share-proposal: state it keeps')!.machine;
    expect(mermaidStateDiagram(share)).toContain('  [*] --> made\n  made --> active: activate / assign\n  active --> made: deactivate / assign\n');
  });

  it.each(machines.map((m) => [m.title, m.machine] as const))('%s parses as a Mermaid state diagram', async (_, machine) => {
    await expect(mermaid.parse(mermaidStateDiagram(machine))).resolves.toMatchObject({ diagramType: 'stateDiagram' });
  });

  it('shows each rule of share-proposal as a guarded transition of its kernel machine, in order', () => {
    const diagram = mermaidStateDiagram(kernelMachineOf(designById('share-proposal')!));
    expect(diagram).toContain('  kernel --> kernel: share [targetGone] / refuseNoDevice\n  kernel --> kernel: share [unmappable] / refuseUnmappable\n  kernel --> kernel: share [overlapping] / refuseOverlap\n  kernel --> kernel: share / recordShare\n');
    expect(diagram).toContain('  kernel --> kernel: restart / revokeOnEnd, restart\n');
  });

  it('draws a variant like its parent: provide() replaces an implementation, not a transition', () => {
    const variants = DESIGNS.filter((d) => d.variantOf !== undefined);
    expect(variants.length).toBeGreaterThan(0);
    for (const d of variants) expect(mermaidStateDiagram(kernelMachineOf(d)), d.id).toBe(mermaidStateDiagram(kernelMachineOf(d.variantOf!.parent)));
  });

  it('draws the program machines a design gives its apps', () => {
    expect(machines.map((m) => m.title)).toContain('program rng-client of tock-2.2/libtock-c: what its app calls next');
    const client = machines.find((m) => m.title.startsWith('program rng-client'))!.machine;
    expect(mermaidStateDiagram(client)).toContain('  discovering --> subscribing: discover [succeeded]\n');
  });

  it('draws the lifecycle with its initial state and the restart every state takes', () => {
    expect(mermaidStateDiagram(machines[0]!.machine)).toContain('  [*] --> running\n');
    expect(mermaidStateDiagram(machines[0]!.machine)).toContain('  faulted --> running: restart / assign\n');
  });

  it('the command prints Markdown with one Mermaid block per machine, and refuses an unknown design', () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(main(['machines', '--design', 'share-proposal'], { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' })).toBe(0);
    expect(out.filter((l) => l === '```mermaid')).toHaveLength(5);
    expect(main(['machines', '--design', 'nope'], { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' })).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^tock-ipc-check: unknown design 'nope'/)]);
  });
});
