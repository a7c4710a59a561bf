import type { AnyStateMachine } from 'xstate';
import type { ActionOf, KindTable } from './action-kind.ts';
import { handlerRules, inSlotOrder, type Design, type HandlersOf, type KernelRules, type Share } from './design.ts';
import type { DesignParam } from './design-params.ts';
import type { ObservationTag } from './outcome.ts';
import type { Renaming } from './symmetry.ts';
import type { IpcState, World, WorldParams } from './world.ts';

/** What a design's author writes: its kinds, its rules (or one handler per kind), and what its processes may do next. */
export interface DesignSpec<K extends KindTable> {
  /** Lowercase words, digits, `.`, `-` and `/`: used in file names and reports. */
  readonly id: string;
  readonly summary: string;
  readonly kinds: K;
  /** Its kernel machine's rules: per kind, guarded transitions naming guards and actions. Give these or `handlers`. */
  readonly rules?: KernelRules;
  /** One handler per kind, each the whole of that kind's rule. Give these or `rules`. */
  readonly handlers?: HandlersOf<ActionOf<K>>;
  readonly results: readonly string[];
  readonly emits: readonly ObservationTag[];
  /** The causes its `lost` observations carry; see `Design.losses`. Needed when it emits a `lost:` tag, absent otherwise. */
  readonly losses?: readonly string[];
  /** Why each property it gives nothing to judge cannot apply, by property id; see `Design.inapplicable`. */
  readonly inapplicable?: Readonly<Record<string, string>>;
  /** The machines whose snapshots it keeps in its `ipc` parts, for `machines` to draw; absent: none. */
  readonly stateMachines?: readonly AnyStateMachine[];
  /** Its parameters (`choiceParam`, `integerParam`); absent: none. */
  readonly params?: readonly DesignParam[];
  /** Search guides over its ghost state, by property id; see `Design.guides`. */
  readonly guides?: Readonly<Record<string, (world: World) => number>>;
  /** The actions slot `index` may take next, in a stable order; see `Design.enabledAt`. */
  enabledAt(world: World, index: number): readonly ActionOf<K>[];
  shares(world: World): readonly Share[];
  symmetric?(params: WorldParams): boolean;
  renameIpc?(state: IpcState, renaming: Renaming): IpcState;
  renameWorldIpc?(state: IpcState, renaming: Renaming): IpcState;
}

const ID = /^[a-z0-9][a-z0-9.-]*(\/[a-z0-9][a-z0-9.-]*)*$/;

/**
 * A design, checked: the action type its `enabledAt` and handlers use is
 * the one its kind table declares, and every kind has exactly one rule.
 * Throws an Error naming the first problem.
 */
export function defineDesign<const K extends KindTable>(spec: DesignSpec<K>): Design {
  if (!ID.test(spec.id)) throw new Error(`id '${spec.id}' must be lowercase words, digits, '.', '-' and '/'`);
  if ((spec.rules === undefined) === (spec.handlers === undefined)) throw new Error(`design ${spec.id}: give either rules or handlers`);
  const rules = spec.rules ?? handlerRules(spec.handlers!);
  const kinds = Object.keys(spec.kinds);
  for (const kind of kinds) if (rules.transitions[kind] === undefined) throw new Error(`design ${spec.id}: kind '${kind}' has no rule`);
  for (const kind of Object.keys(rules.transitions)) if (!kinds.includes(kind)) throw new Error(`design ${spec.id}: a rule for '${kind}', which is not one of its kinds`);
  const names = (spec.params ?? []).map((p) => p.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new Error(`design ${spec.id}: parameter '${twice}' declared twice`);
  const losing = spec.emits.some((tag) => tag.startsWith('lost:'));
  if (losing && (spec.losses ?? []).length === 0) throw new Error(`design ${spec.id}: it emits lost observations, so it names their causes (losses)`);
  if (!losing && spec.losses !== undefined) throw new Error(`design ${spec.id}: losses named, but it emits no lost observation`);
  const { handlers: _handlers, ...rest } = spec;
  return { ...rest, losses: spec.losses ?? [], rules, enabled: inSlotOrder(spec.enabledAt), enabledAt: spec.enabledAt };
}
