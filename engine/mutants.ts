import { match } from 'ts-pattern';
import { variant, type Design, type Effect, type RuleImplementations } from '../model/index.ts';

/**
 * How a mutant changes one named rule of its design (model/design.ts,
 * `KernelRules`): a guard that always or never holds, an action skipped
 * (the step so far returned unchanged), or a hand-written `first`: action
 * `name`, on actions of kind `on`, runs action `first` before itself (the
 * order of two steps swapped, as "map before checking").
 */
export type Mutation =
  | { readonly kind: 'guard'; readonly name: string; readonly holds: 'always' | 'never' }
  | { readonly kind: 'action'; readonly name: string }
  | { readonly kind: 'first'; readonly label: string; readonly name: string; readonly first: string; readonly on: string; readonly why: string };

/** A design with one mutation, provided as a variant of it; `id` is `<design>~<mutation>`. */
export interface Mutant {
  readonly id: string;
  readonly of: Design;
  readonly mutation: Mutation;
  readonly design: Design;
}

/**
 * Semantic mutations the automatic ones do not make, per design id: each
 * swaps two steps the design takes in a set order. ("Skip a generation
 * check" and "deliver to the wrong instance" are the automatic
 * `staleSender=never`, `targetGone=never` and `meantForAnother=never`;
 * mapping before the instance check at activation is as equivalent as
 * `meantForAnother=never`, see ./equivalent-mutants.ts.)
 */
const HAND_WRITTEN: Readonly<Record<string, readonly Extract<Mutation, { kind: 'first' }>[]>> = {
  'share-proposal': [
    {
      kind: 'first',
      label: 'map-before-region-check',
      name: 'refuseNoMemory',
      first: 'mapRegion',
      on: 'activate',
      why: 'map before checking: activation records the share as held before it finds no region can be made, then returns NOMEM',
    },
  ],
};

/** The mutation as the tail of a mutant id: `guard:NAME=always`, `action:NAME=skip`, `hand:LABEL`. */
export function mutationText(mutation: Mutation): string {
  return match(mutation)
    .with({ kind: 'guard' }, (m) => `guard:${m.name}=${m.holds}`)
    .with({ kind: 'action' }, (m) => `action:${m.name}=skip`)
    .with({ kind: 'first' }, (m) => `hand:${m.label}`)
    .exhaustive();
}

/** What the mutation provides over `design`'s rules. */
function provided(design: Design, mutation: Mutation): RuleImplementations {
  return match(mutation)
    .with({ kind: 'guard' }, (m) => ({ guards: { [m.name]: m.holds === 'always' ? () => true : () => false } }))
    .with({ kind: 'action' }, (m) => ({ actions: { [m.name]: (step) => step } satisfies Record<string, Effect> }))
    .with({ kind: 'first' }, (m) => {
      const first = design.rules.actions?.[m.first];
      const then = design.rules.actions?.[m.name];
      if (first === undefined || then === undefined) throw new Error(`internal: mutant ${m.label}: ${design.id} has no action '${m.first}' or '${m.name}'`);
      const effect: Effect = (step, action) => then(action.type === m.on ? first(step, action) : step, action);
      return { actions: { [m.name]: effect } };
    })
    .exhaustive();
}

/** The one-line summary of a mutant, as `list` would print a variant's. */
function summaryOf(design: Design, mutation: Mutation): string {
  return match(mutation)
    .with({ kind: 'guard' }, (m) => `${design.id}, but guard ${m.name} ${m.holds} holds`)
    .with({ kind: 'action' }, (m) => `${design.id}, but action ${m.name} is skipped`)
    .with({ kind: 'first' }, (m) => `${design.id}, but ${m.why}`)
    .exhaustive();
}

/**
 * Every mutant of `design`, in a stable order: for each named guard (in
 * declaration order) one that always holds, then one that never holds;
 * for each named action, one that skips it; then the hand-written ones.
 * Each is `variant(design, ...)`, so it runs through the same kernel
 * machine with one implementation provided.
 */
export function mutantsOf(design: Design): Mutant[] {
  const mutations: Mutation[] = [
    ...Object.keys(design.rules.guards ?? {}).flatMap((name) => (['always', 'never'] as const).map((holds): Mutation => ({ kind: 'guard', name, holds }))),
    ...Object.keys(design.rules.actions ?? {}).map((name): Mutation => ({ kind: 'action', name })),
    ...(HAND_WRITTEN[design.id] ?? []),
  ];
  return mutations.map((mutation) => {
    const id = `${design.id}~${mutationText(mutation)}`;
    return { id, of: design, mutation, design: variant(design, id, summaryOf(design, mutation), provided(design, mutation)) };
  });
}
