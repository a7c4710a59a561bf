import type { World, WorldParams } from './world.ts';

/**
 * A parameter a design declares, once: its name, meaning, values and
 * default. The CLI's `--param NAME=VALUE`, the counterexample file's
 * check, `list` and the repeat command all derive from the design's
 * table of these; its rules read the value with `of(world)`.
 *
 * A world's params hold only the values that differ from their defaults
 * (`WorldParams.design`, absent when all are defaults), so one setting
 * has one spelling, and a design without parameters writes the files it
 * always wrote.
 */
export type DesignParam<V extends string | number = string | number> = ChoiceParam<V & string> | IntegerParam;

/** A parameter with named values, e.g. a registration policy. */
export interface ChoiceParam<V extends string = string> {
  readonly kind: 'choice';
  readonly name: string;
  readonly doc: string;
  readonly choices: readonly V[];
  readonly default: V;
  /** Its value in `world` (the default unless the world's params set it). */
  of(world: World): V;
}

/** A parameter with an integer range. */
export interface IntegerParam {
  readonly kind: 'integer';
  readonly name: string;
  readonly doc: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  of(world: World): number;
}

/** Values of design parameters that differ from their defaults, by name. */
export type DesignParamValues = Readonly<Record<string, string | number>>;

const NAME = /^[a-z][a-z0-9-]*$/;

function checkedName(name: string): string {
  if (!NAME.test(name)) throw new Error(`design parameter '${name}' must be lowercase words and digits joined by '-'`);
  return name;
}

/** A parameter with named values; the first of `choices` unless `default` says otherwise. */
export function choiceParam<const V extends string>(name: string, spec: { doc: string; choices: readonly V[]; default?: V }): ChoiceParam<V> {
  if (spec.choices.length < 2) throw new Error(`design parameter '${name}' needs at least two choices`);
  const fallback = spec.default ?? spec.choices[0]!;
  if (!spec.choices.includes(fallback)) throw new Error(`design parameter '${name}': default '${fallback}' is not one of its choices`);
  return { kind: 'choice', name: checkedName(name), doc: spec.doc, choices: spec.choices, default: fallback, of: (world) => (world.params.design?.[name] as V | undefined) ?? fallback };
}

/** A parameter with an integer range. */
export function integerParam(name: string, spec: { doc: string; min: number; max: number; default: number }): IntegerParam {
  const { min, max, default: fallback } = spec;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min <= fallback && fallback <= max && Number.isInteger(fallback))) {
    throw new Error(`design parameter '${name}': needs integers min <= default <= max`);
  }
  return { kind: 'integer', name: checkedName(name), doc: spec.doc, min, max, default: fallback, of: (world) => (world.params.design?.[name] as number | undefined) ?? fallback };
}

/** The values a parameter takes, for people: `open|owner` or `0..3`. */
export function paramValues(param: DesignParam): string {
  return param.kind === 'choice' ? param.choices.join('|') : `${param.min}..${param.max}`;
}

/**
 * The values `given` (by name, as text or numbers) set for the design
 * whose parameters are `declared`, defaults dropped; undefined when none
 * differs. Throws an Error naming the first unknown name or bad value.
 */
export function designParamValues(designId: string, declared: readonly DesignParam[], given: Readonly<Record<string, string | number>>): DesignParamValues | undefined {
  const values: Record<string, string | number> = {};
  for (const [name, raw] of Object.entries(given)) {
    const param = declared.find((p) => p.name === name);
    if (param === undefined) {
      const known = declared.length === 0 ? 'it has none' : `known: ${declared.map((p) => p.name).join(', ')}`;
      throw new Error(`design ${designId} has no parameter '${name}' (${known})`);
    }
    const value = valueOf(param, raw);
    if (value === undefined) throw new Error(`design parameter '${name}' of ${designId} must be ${param.kind === 'choice' ? 'one of' : 'an integer in'} ${paramValues(param)}, not '${raw}'`);
    if (value !== param.default) values[name] = value;
  }
  const names = declared.map((p) => p.name).filter((n) => n in values);
  return names.length === 0 ? undefined : Object.fromEntries(names.map((n) => [n, values[n]!]));
}

/** `params` with the design's parameter values set to `values` (none: the field is dropped). */
export function withDesignParams(params: WorldParams, values: DesignParamValues | undefined): WorldParams {
  const { design: _, ...rest } = params;
  return values === undefined ? rest : { ...rest, design: values };
}

function valueOf(param: DesignParam, raw: string | number): string | number | undefined {
  if (param.kind === 'choice') return param.choices.find((c) => c === raw);
  const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= param.min && n <= param.max ? n : undefined;
}
