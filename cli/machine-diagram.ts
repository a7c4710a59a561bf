import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { kernelMachineOf, SLOT_MACHINES, type Design } from '../model/index.ts';

/** One machine to draw: whose it is and the xstate machine itself. */
export interface NamedMachine {
  readonly title: string;
  readonly machine: AnyStateMachine;
}

/** The machines the designs' worlds run: those every process slot holds under every design, then each design's kernel machine. */
export function machinesOf(designs: readonly Design[]): NamedMachine[] {
  return [
    ...SLOT_MACHINES.map(({ id, machine }) => ({ title: `${id}: every process slot, every design`, machine })),
    ...designs.flatMap((design) => [
      { title: `kernel of ${design.id}: its rules`, machine: kernelMachineOf(design) },
      ...(design.stateMachines ?? []).map((machine) => ({ title: `${machine.id} of ${design.id}: state it keeps`, machine })),
      ...(design.programs ?? []).map((machine) => ({ title: `program ${machine.id} of ${design.id}: what its app calls next`, machine })),
    ]),
  ];
}

/**
 * A Mermaid state diagram read from the machine's own definition: its
 * states, and each transition with its event, named guard and named
 * actions. A transition without a target stays in its state (a self
 * loop); one declared on the machine itself leaves every state. A
 * single-state machine (a kernel) is drawn as one state.
 */
export function mermaidStateDiagram(machine: AnyStateMachine): string {
  const children = Object.values(machine.root.states) as AnyStateNode[];
  const states = children.length > 0 ? children : [machine.root];
  const lines = ['stateDiagram-v2'];
  const id = (node: AnyStateNode) => (node === machine.root ? machine.id : node.key).replace(/[^A-Za-z0-9_]/g, '_');
  states.forEach((node) => lines.push(`  state "${node === machine.root ? machine.id : node.key}" as ${id(node)}`));
  if (children.length > 0) lines.push(`  [*] --> ${id(machine.root.states[machine.root.initial!.target[0]!.key] as AnyStateNode)}`);
  const draw = (from: AnyStateNode, transitions: Map<string, readonly { guard?: unknown; actions: readonly unknown[]; target?: readonly AnyStateNode[] }[]>) => {
    for (const [event, list] of transitions) {
      for (const t of list) {
        const to = t.target?.[0] ?? from;
        const guard = t.guard === undefined ? '' : ` [${nameOf(t.guard)}]`;
        const actions = t.actions.length === 0 ? '' : ` / ${t.actions.map(nameOf).join(', ')}`;
        lines.push(`  ${id(from)} --> ${id(states.includes(to) ? to : from)}: ${label(`${event}${guard}${actions}`)}`);
      }
    }
  };
  for (const node of states) {
    if (node !== machine.root) draw(node, node.transitions as never);
    draw(node, machine.root.transitions as never);
  }
  return `${lines.join('\n')}\n`;
}

/** Every machine of the designs given, as Markdown: a heading and a Mermaid block each. */
export function machinesMarkdown(designs: readonly Design[]): string[] {
  return machinesOf(designs).flatMap(({ title, machine }) => [`## ${title}`, '', '```mermaid', mermaidStateDiagram(machine).trimEnd(), '```', '']);
}

/** A guard's or action's name; an inline `assign` is `assign`. */
function nameOf(x: unknown): string {
  if (typeof x === 'string') return x;
  const type = (x as { type?: unknown } | null)?.type;
  if (typeof type === 'string') return type.replace(/^xstate\./, '');
  return 'inline';
}

/** Transition text Mermaid accepts: no `:`, `;` or `#` of its own. */
function label(s: string): string {
  return s.replace(/[:;#]/g, ' ');
}
