/**
 * Action kinds, declared once per kind in a design's table, from which the
 * action type, the file schema, replay's range checks, the symmetry
 * renamer, Mermaid and the random engine's choices all derive.
 *
 * An action is plain JSON data: a `type` naming its kind and the fields the
 * kind declares. What a field holds decides how it is validated, renamed
 * when client slots are permuted, and checked against a world's size.
 */

/** What one field of an action holds. */
export type Field =
  /** A process slot index; renamed with its slot. */
  | { readonly kind: 'slot' }
  /**
   * An IPC number as an app passes it (subscribe, allow or notify number):
   * below the processes loaded it is a slot index, renamed with its slot;
   * from there to `numProcs` an empty slot's number or, at `numProcs`, the
   * first past NUM_PROCS (all larger ones behave alike): not renamed.
   */
  | { readonly kind: 'number' }
  /** A buffer number of some process (below the world's `buffers`); not renamed. */
  | { readonly kind: 'buffer' }
  /** A 32-bit address; moves with the slot whose flash or RAM holds it. */
  | { readonly kind: 'address' }
  /** A package name; moves with the slot that bears it. */
  | { readonly kind: 'name' }
  /** One of a fixed list of words; not renamed. */
  | { readonly kind: 'choice'; readonly values: readonly [string, ...string[]] };

export const slotField = { kind: 'slot' } as const;
export const numberField = { kind: 'number' } as const;
export const bufferField = { kind: 'buffer' } as const;
export const addressField = { kind: 'address' } as const;
export const nameField = { kind: 'name' } as const;

/** A field holding one of `values`. */
export function choiceField<const V extends readonly [string, ...string[]]>(...values: V): { readonly kind: 'choice'; readonly values: V } {
  return { kind: 'choice', values };
}

export type Fields = Readonly<Record<string, Field>>;

/** The value a field of this kind holds. */
export type FieldValue<F extends Field> = F extends { readonly kind: 'choice'; readonly values: readonly (infer V)[] }
  ? V
  : F extends { readonly kind: 'name' }
    ? string
    : number;

/** The fields of an action of a kind with these fields. */
export type FieldValues<F extends Fields> = { readonly [K in keyof F]: FieldValue<F[K]> };

/** Any action: its kind and its fields' values. Plain JSON. */
export type Action = { readonly type: string; readonly [field: string]: string | number };

/**
 * One action kind: its fields, which of them names the acting slot, who
 * starts it, and how a person reads it.
 */
export interface ActionKind<F extends Fields = Fields> {
  readonly fields: F;
  /** The slot field naming who acts: the process making the call, or the one the kernel acts on. */
  readonly actor: keyof F & string;
  /** `process`: a syscall or memory access of the actor; `kernel`: the kernel acts on it (scheduling, restart). */
  readonly by: 'process' | 'kernel';
  /** One line, for people: `#1 notify-service #0`. */
  format(action: FieldValues<F>): string;
  /**
   * Random runs take it seldom: something apps rarely do that undoes what
   * other steps build (an unsubscribe). The exhaustive search and the
   * enabled set are unaffected; only the random engine's odds change.
   */
  readonly rare?: true;
}

/** A design's action kinds by type, in the order its reports and random choices list them. */
export type KindTable = Readonly<Record<string, ActionKind<any>>>;

/** True iff some kind of `kinds` takes an IPC number (`numberField`): the design can name empty slots. */
export function takesIpcNumbers(kinds: KindTable): boolean {
  return Object.values(kinds).some((kind) => Object.values(kind.fields as Fields).some((field) => field.kind === 'number'));
}

/** An action kind, with `format` typed by its fields. */
export function actionKind<const F extends Fields>(kind: ActionKind<F>): ActionKind<F> {
  return kind;
}

/** The action union a table declares. */
export type ActionOf<T extends KindTable> = {
  [K in keyof T & string]: { readonly type: K } & (T[K] extends ActionKind<infer F> ? FieldValues<F> : never);
}[keyof T & string];

/** The kind of `action` in `kinds`; throws on a kind the table lacks (a bug: actions come from the design's own `enabled`). */
export function kindOf(kinds: KindTable, action: Action): ActionKind {
  const kind = kinds[action.type];
  if (kind === undefined) throw new RangeError(`internal: no action kind '${action.type}'`);
  return kind as ActionKind;
}

/** The slot whose action this is: the process making the call or access, or the one the kernel schedules or restarts. */
export function actorOf(kinds: KindTable, action: Action): number {
  return action[kindOf(kinds, action).actor] as number;
}

/** One line, for people: `#1 notify-service #0`. */
export function formatAction(kinds: KindTable, action: Action): string {
  return kindOf(kinds, action).format(action as never);
}
