import { actorOf, formatAction, formatBuffer, formatInstance, initialWorld, kindOf, type Design, type World } from '../model/index.ts';
import { formatTask, replayCounterexample, type CounterexampleFile } from '../trace/index.ts';
import { memoryMap, type MemoryMap } from './memory-map.ts';
import { worldFlags } from './world-flags.ts';

/**
 * One counterexample as the report shows it: its trace replayed on the
 * current model, every step with the state of every process and the
 * memory map after it. Step 0 is the initial world.
 */
export interface CaseView {
  readonly id: string;
  readonly title: string;
  /** Where it came from: a file, or a results document. */
  readonly source: string;
  readonly message: string;
  /** How the replay ended: the step that violates the property, or why it did not. */
  readonly ending: { readonly kind: 'reproduced'; readonly step: number; readonly message: string } | { readonly kind: 'not-reproduced'; readonly why: string };
  /** The kernel, then each process: the timeline's lanes. */
  readonly lanes: readonly string[];
  readonly steps: readonly StepView[];
}

/** The world after one step (step 0: the initial world). */
export interface StepView {
  readonly n: number;
  /** The action as the design formats it, without its actor; '' for step 0. */
  readonly label: string;
  /** The lane (1 + slot) of the process that acts or that the kernel acts on; 0 for step 0. */
  readonly lane: number;
  /** `process`: a call to the kernel and its return; `kernel`: the kernel acting on the process. */
  readonly by: 'process' | 'kernel';
  readonly result: string;
  readonly note: string;
  /** Lanes whose generation this step changed (a restart): the new generation of each. */
  readonly newGenerations: readonly { readonly lane: number; readonly generation: number }[];
  readonly processes: readonly ProcessView[];
  /** What the design keeps kernel-wide (queues, registries), as compact JSON, or null when it keeps nothing there. */
  readonly kernelState: string | null;
  readonly memory: MemoryMap;
}

/** A process's state, for people. */
export interface ProcessView {
  readonly label: string;
  readonly state: string;
  readonly generation: number;
  readonly queue: readonly string[];
  /** Buffers it shares now, and with whom: the design's ground truth (`Design.shares`). */
  readonly shares: readonly string[];
  /** The upcalls it subscribed, by IPC number, as the trace names them (`upcall 0`; tock-2.2's grant). */
  readonly subscriptions: readonly string[];
  /** What the design keeps for it beyond that, as compact JSON, or null. */
  readonly designState: string | null;
}

/** The view of `file` replayed on the current model, or the problem that keeps it from replaying. */
export function caseView(id: string, source: string, file: CounterexampleFile): CaseView | { readonly problem: string } {
  const replay = replayCounterexample(file);
  if (replay.kind === 'invalid') return { problem: replay.problem };
  const { design } = replay;
  const initial = initialWorld(file.model.params);
  const worlds = [initial, ...replay.steps.map((s) => s.world)];
  const cause = file.cause === null ? '' : ` [${file.cause}]`;
  const flags = worldFlags(file.model.params);
  return {
    id,
    title: `${file.property}${cause} on ${file.model.design}, ${file.model.params.arch} MPU${flags === '' ? '' : ` (${flags})`}`,
    source,
    message: file.message,
    ending:
      replay.kind === 'reproduced' ? { kind: 'reproduced', step: replay.steps.length, message: replay.violation.message } : { kind: 'not-reproduced', why: replay.why },
    lanes: ['kernel', ...initial.processes.map((slot, i) => `#${i} ${slot.name}`)],
    steps: worlds.map((world, n): StepView => {
      const s = n === 0 ? null : replay.steps[n - 1]!;
      const before = n === 0 ? world : worlds[n - 1]!;
      return {
        n,
        label: s === null ? '' : formatAction(design.kinds, s.action).replace(/^#\d+ /, ''),
        lane: s === null ? 0 : 1 + actorOf(design.kinds, s.action),
        by: s === null ? 'kernel' : kindOf(design.kinds, s.action).by,
        result: s?.outcome.result ?? '',
        note: s?.outcome.note ?? 'the initial world',
        newGenerations: world.processes.flatMap((slot, i) =>
          slot.lifecycle.context.generation === before.processes[i]!.lifecycle.context.generation ? [] : [{ lane: 1 + i, generation: slot.lifecycle.context.generation }],
        ),
        processes: world.processes.map((_, i) => processView(design, world, i)),
        kernelState: Object.keys(world.ipc).length === 0 ? null : JSON.stringify(world.ipc),
        memory: memoryMap(design, world),
      };
    }),
  };
}

function processView(design: Design, world: World, index: number): ProcessView {
  const slot = world.processes[index]!;
  const shared = design
    .shares(world)
    .filter((s) => s.owner.index === index)
    .map((s) => `${formatBuffer(s.buffer)} with ${formatInstance(s.to)}`);
  return {
    label: `#${index} ${slot.name}`,
    state: slot.lifecycle.value,
    generation: slot.lifecycle.context.generation,
    queue: slot.tasks.context.tasks.map(formatTask),
    shares: shared,
    subscriptions: slot.grant.upcalls.flatMap((on, to) => (on ? [`upcall ${to}`] : [])),
    designState: Object.keys(slot.ipc).length === 0 ? null : JSON.stringify(slot.ipc),
  };
}
