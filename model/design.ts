import type { DesignParam } from './design-params.ts';
import type { AnyStateMachine } from 'xstate';
import type { Action, KindTable } from './action-kind.ts';
import type { BufferRef, Instance } from './instance.ts';
import type { ObservationTag, Outcome } from './outcome.ts';
import type { Renaming } from './symmetry.ts';
import type { IpcState, World, WorldParams } from './world.ts';

/** The world after one step and what the step did. */
export interface StepResult {
  readonly world: World;
  readonly outcome: Outcome;
}

/** How a design handles one kind of action, whole; pure. */
export type Handler<A extends Action> = (world: World, action: A) => StepResult;

/** A named guard of a design's kernel machine: whether a transition applies to the step so far; pure. */
export type Guard = (step: StepResult, action: Action) => boolean;

/** A named action of a design's kernel machine: the step so far (world and outcome) made into the next; pure. */
export type Effect = (step: StepResult, action: Action) => StepResult;

/** One transition of an action kind: runs `actions` in order when `guard` (absent: always) holds. */
export interface RuleTransition {
  readonly guard?: string;
  readonly actions: readonly string[];
}

/** Implementations of named guards and actions, as xstate's `provide()` takes them. */
export interface RuleImplementations {
  readonly guards?: Readonly<Record<string, Guard>>;
  readonly actions?: Readonly<Record<string, Effect>>;
}

/**
 * A design's rules: per action kind, its transitions in order (the first
 * whose guard holds runs), and the guards and actions they name. They
 * become one xstate machine (model/kernel-machine.ts); a rule is a named
 * guard or action of it.
 */
export interface KernelRules extends RuleImplementations {
  readonly transitions: Readonly<Record<string, readonly RuleTransition[]>>;
}

/** Ghost: `owner` currently shares `buffer` with instance `to`. */
export interface Share {
  readonly owner: Instance;
  readonly buffer: BufferRef;
  readonly to: Instance;
}

/**
 * An IPC design: what differs between Tock's legacy IPC and its redesigns.
 *
 * `kinds` declares every action kind the design has (its syscalls, then
 * the kernel's own); nothing else in the checker lists them. `enabled`
 * lists the actions possible next in a stable, documented order (the
 * random engine's choices index into it, so a change of order changes
 * which trace a seed finds): those of `enabledAt` slot 0, then slot 1,
 * and so on. `enabledAt(world, i)` lists the actions that slot i's program
 * or the kernel's handling of slot i offers; it should read little besides
 * slot i, since the exhaustive explorer memoises it on the slots it reads.
 * `shares` is the design's ground truth of who may touch whose buffer,
 * read by the properties.
 */
export interface Design {
  readonly id: string;
  readonly summary: string;
  readonly kinds: KindTable;
  readonly rules: KernelRules;
  /** Set on a variant: the design it is and the implementations `provide()`d over its parent's. */
  readonly variantOf?: { readonly parent: Design; readonly provided: RuleImplementations };
  /**
   * Every result code its rules can return (`resultCode` of
   * `Outcome.result`: `SUCCESS(2)` counts as `SUCCESS`), in the order
   * reports list them. Coverage reports measure against it;
   * test/model/design-results.test.ts checks that no step returns another.
   */
  readonly results: readonly string[];
  /**
   * Every kind of observation its steps can emit. A property that needs
   * none of them is `n/a` for the design;
   * test/model/design-results.test.ts checks that no step emits another.
   */
  readonly emits: readonly ObservationTag[];
  /**
   * Every cause its `lost` observations carry (delivery's causes on it),
   * in the order reports list them; empty when it emits no `lost:` tag.
   * test/model/design-results.test.ts checks that no step carries another.
   */
  readonly losses: readonly string[];
  /**
   * Why a property that judges none of what it emits cannot apply to it,
   * in one phrase, by property id (`list --verbose` and `n/a` verdicts say
   * it); absent for a property: it emits none of what that one needs.
   */
  readonly inapplicable?: Readonly<Record<string, string>>;
  /** The parameters it declares (model/design-params.ts); its rules read each with `of(world)`. Absent: none. */
  readonly params?: readonly DesignParam[];
  /** The machines whose snapshots it keeps in its own state (`ipc` parts), for diagrams; absent: none. */
  readonly stateMachines?: readonly AnyStateMachine[];
  /** The program machines its apps run (model/program.ts), for diagrams; absent: every app is the most general one. */
  readonly programs?: readonly AnyStateMachine[];
  /** Whether client permutations are symmetries of its worlds with these parameters; absent: never (no reduction). */
  symmetric?(params: WorldParams): boolean;
  /** Its per-process state (`ProcessSlot.ipc`) renamed by a client permutation; needed when it keeps any and is symmetric. */
  renameIpc?(state: IpcState, renaming: Renaming): IpcState;
  /** Its kernel-wide state (`World.ipc`) renamed by a client permutation; needed when it keeps any and is symmetric. */
  renameWorldIpc?(state: IpcState, renaming: Renaming): IpcState;
  /**
   * Search guides over its own ghost state, by property id: how near a
   * world is to breaking that property, as a small integer, higher is
   * nearer. Directed search adds it to the property's own guide (or uses
   * it alone); it never decides a verdict. Absent: none.
   */
  readonly guides?: Readonly<Record<string, (world: World) => number>>;
  enabled(world: World): readonly Action[];
  enabledAt(world: World, index: number): readonly Action[];
  shares(world: World): readonly Share[];
}

/** `enabled` made of `enabledAt`: the actions of every slot, in slot order. */
export function inSlotOrder(enabledAt: Design['enabledAt']): Design['enabled'] {
  return (world) => {
    // A loop, not `flatMap`: this runs at every step of every random walk, and V8's flatMap costs several times more.
    const actions: Action[] = [];
    for (let index = 0; index < world.processes.length; index++) {
      for (const action of enabledAt(world, index)) actions.push(action);
    }
    return actions;
  };
}

/** The handler of each kind of `kinds`, typed by its action. */
export type HandlersOf<A extends Action> = { readonly [T in A['type']]: Handler<Extract<A, { type: T }>> };

/** Rules of one transition per kind: each kind runs the one action of its name, the handler of that kind. */
export function handlerRules<A extends Action>(handlers: HandlersOf<A>): KernelRules {
  const entries = Object.entries(handlers) as [string, Handler<Action>][];
  return {
    transitions: Object.fromEntries(entries.map(([type]) => [type, [{ actions: [type] }]])),
    actions: Object.fromEntries(entries.map(([type, handler]) => [type, (step: StepResult, action: Action) => handler(step.world, action)])),
  };
}

/**
 * A variant of `parent`: the same design with some named guards or actions
 * of its kernel machine replaced, as xstate's `provide()` does (a rule
 * removed is one guard or action provided).
 */
export function variant(parent: Design, id: string, summary: string, provided: RuleImplementations): Design {
  for (const [what, given, known] of [
    ['guard', provided.guards, parent.rules.guards],
    ['action', provided.actions, parent.rules.actions],
  ] as const) {
    for (const name of Object.keys(given ?? {})) {
      if (known?.[name] === undefined) throw new Error(`internal: variant ${id}: ${parent.id} has no ${what} '${name}'`);
    }
  }
  return {
    ...parent,
    id,
    summary,
    rules: {
      ...parent.rules,
      guards: { ...parent.rules.guards, ...provided.guards },
      actions: { ...parent.rules.actions, ...provided.actions },
    },
    variantOf: { parent, provided },
  };
}
