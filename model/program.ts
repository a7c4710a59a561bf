import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { kindOf, type Action } from './action-kind.ts';
import type { Design, Effect, KernelRules } from './design.ts';
import { advance, initialState, type MachineState } from './machine-state.ts';
import { resultCode } from './outcome.ts';
import { slotAt, withSlot, type World } from './world.ts';
import { SIZE_PARAMS } from './world-params.ts';

/**
 * Apps as machines. By default an app is the most general one: any
 * syscall its design offers, whenever it runs. A program machine limits
 * that to a real app's flow (libtock-c's IPC client, say): the app may
 * make a call only when its program's current state handles that action
 * kind (an event `*` handles every kind), and after the call the program
 * takes the event `{ type: kind, action, result }` (`result` without its
 * value: `SUCCESS`, `NOMEM`...), so its guards can follow what the kernel
 * answered. The kernel's own kinds (scheduling, restart) are never
 * limited. The program's state lives in the app's knowledge
 * (`AppKnowledge.program`), so a restart or fault starts it again.
 */

/** The event a program takes after its app's call. */
export interface ProgramEvent {
  readonly type: string;
  readonly action: Action;
  /** The call's result code (`resultCode` of the outcome). */
  readonly result: string;
}

/** Which program each slot runs: null for the most general app. */
export type Programs = (slot: number) => AnyStateMachine | null;

const initials = new WeakMap<AnyStateMachine, MachineState<unknown>>();

/** Where slot `index`'s program is. */
function programState(world: World, machine: AnyStateMachine, index: number): MachineState<unknown> {
  const now = slotAt(world, index).app.program;
  if (now !== undefined) return now;
  let initial = initials.get(machine);
  if (initial === undefined) initials.set(machine, (initial = initialState(machine)));
  return initial;
}

/** True iff the program, where it is, handles an event of this kind (its state's transitions, or the machine's own). */
function handles(machine: AnyStateMachine, state: MachineState<unknown>, type: string): boolean {
  const node = machine.root.states[state.value] as AnyStateNode | undefined;
  const on = (n: AnyStateNode | undefined) => n !== undefined && (n.transitions.has(type) || n.transitions.has('*'));
  return on(node) || on(machine.root);
}

/**
 * `design` with each slot's app running the program `programs` gives it:
 * the same kinds and rules, each call of a process followed by its
 * program's step; its actions filtered by the programs. Client symmetry
 * is kept only when every client runs the same program (whose context
 * must name no slot).
 */
export function withPrograms(design: Design, id: string, summary: string, programs: Programs): Design {
  /** Every slot a world can have: the programs a diagram draws. */
  const slots = SIZE_PARAMS.clients.max + 1;
  const advanceProgram: Effect = (step, action) => {
    const by = action[kindOf(design.kinds, action).actor] as number;
    const machine = programs(by);
    if (machine === null) return step;
    const event: ProgramEvent = { type: action.type, action, result: resultCode(step.outcome.result) };
    const program = advance(machine, programState(step.world, machine, by), event);
    return { ...step, world: withSlot(step.world, by, (slot) => ({ ...slot, app: { ...slot.app, program } })) };
  };
  const rules: KernelRules = {
    ...design.rules,
    transitions: Object.fromEntries(
      Object.entries(design.rules.transitions).map(([kind, list]) => [
        kind,
        design.kinds[kind]!.by === 'process' ? list.map((t) => ({ ...t, actions: [...t.actions, 'advanceProgram'] })) : list,
      ]),
    ),
    actions: { ...design.rules.actions, advanceProgram },
  };
  const enabledAt = (world: World, index: number) => {
    const machine = programs(index);
    const all = design.enabledAt(world, index);
    if (machine === null) return all;
    const state = programState(world, machine, index);
    return all.filter((a) => kindOf(design.kinds, a).by === 'kernel' || handles(machine, state, a.type));
  };
  const { variantOf: _parent, ...rest } = design;
  return {
    ...rest,
    id,
    summary,
    rules,
    programs: [...new Set(Array.from({ length: slots }, (_, slot) => programs(slot)).filter((m) => m !== null))],
    enabledAt,
    enabled: (world) => world.processes.flatMap((_, index) => enabledAt(world, index)),
    symmetric:
      design.symmetric === undefined
        ? undefined
        : (params) => new Set(Array.from({ length: params.clients }, (_, k) => programs(k + 1))).size <= 1 && design.symmetric!(params),
  };
}
