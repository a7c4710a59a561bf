import type { Action, ActionKind, Field, KindTable } from './action-kind.ts';
import { hex } from './spans.ts';

/**
 * Reading an action back from the line its kind's `format` prints, so that
 * people can write traces as the reports show them (`#1 notify-service
 * #0`). Nothing is declared twice: each kind's pattern is derived from its
 * own `format`, by formatting an action whose fields hold sentinel values
 * and turning each sentinel's rendering into a capture group, once per
 * combination of its choice fields (a format may spell a choice however it
 * likes). The derivation throws when a format omits a field or renders it
 * twice; test/model/action-text.test.ts reads back every kind of every
 * built-in design.
 */

/** An action read from its line, or why the line is none. */
export type ParsedAction = { readonly ok: true; readonly action: Action } | { readonly ok: false; readonly error: string };

interface Pattern {
  readonly type: string;
  readonly regex: RegExp;
  /** The fields the capture groups hold, in order. */
  readonly groups: readonly (readonly [string, Field])[];
  /** The choice fields this pattern fixes. */
  readonly fixed: Readonly<Record<string, string>>;
}

const parsers = new WeakMap<KindTable, (line: string) => ParsedAction>();

/** The reader of `kinds`' lines; memoised per table. */
export function actionParser(kinds: KindTable): (line: string) => ParsedAction {
  let parse = parsers.get(kinds);
  if (parse === undefined) {
    const patterns = Object.entries(kinds).flatMap(([type, kind]) => patternsOf(type, kind));
    parse = (line) => parseWith(patterns, line.trim());
    parsers.set(kinds, parse);
  }
  return parse;
}

function parseWith(patterns: readonly Pattern[], line: string): ParsedAction {
  const found: Action[] = [];
  for (const pattern of patterns) {
    const match = pattern.regex.exec(line);
    if (match === null) continue;
    const action: Record<string, string | number> = { type: pattern.type, ...pattern.fixed };
    pattern.groups.forEach(([name, field], i) => {
      const text = match[i + 1]!;
      action[name] = field.kind === 'name' ? text : field.kind === 'address' ? Number.parseInt(text, 16) : Number(text);
    });
    found.push(action as Action);
  }
  if (found.length === 1) return { ok: true, action: found[0]! };
  if (found.length === 0) return { ok: false, error: `no action reads "${line}"` };
  return { ok: false, error: `"${line}" reads as ${found.length} actions (${found.map((a) => a.type).join(', ')})` };
}

/** Sentinel values, one per field, that no format prints by itself. */
const SENTINEL_BASE = 7_340_033;

function patternsOf(type: string, kind: ActionKind): Pattern[] {
  const fields = Object.entries(kind.fields);
  const choices = fields.filter(([, f]) => f.kind === 'choice') as [string, Extract<Field, { kind: 'choice' }>][];
  const combos = choices.reduce<Record<string, string>[]>((acc, [name, f]) => acc.flatMap((c) => f.values.map((v) => ({ ...c, [name]: v }))), [{}]);
  return combos.map((fixed) => {
    const sample: Record<string, string | number> = { type, ...fixed };
    const renderings: { name: string; field: Field; text: string }[] = [];
    fields.forEach(([name, field], i) => {
      if (field.kind === 'choice') return;
      const value = field.kind === 'name' ? `\u0001${i}\u0001` : SENTINEL_BASE + i;
      sample[name] = value;
      renderings.push({ name, field, text: field.kind === 'address' ? hex(value as number) : String(value) });
    });
    const line = kind.format(sample as never);
    let source = '';
    let rest = line;
    const groups: (readonly [string, Field])[] = [];
    for (;;) {
      const next = renderings
        .map((r) => ({ r, at: rest.indexOf(r.text) }))
        .filter((x) => x.at >= 0)
        .sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      source += escape(rest.slice(0, next.at)) + capture(next.r.field);
      groups.push([next.r.name, next.r.field]);
      rest = rest.slice(next.at + next.r.text.length);
    }
    source += escape(rest);
    for (const r of renderings) {
      const times = groups.filter(([name]) => name === r.name).length;
      if (times !== 1) throw new Error(`internal: action kind '${type}' prints field '${r.name}' ${times} times; its line cannot be read back`);
    }
    return { type, regex: new RegExp(`^${source}$`), groups, fixed };
  });
}

function capture(field: Field): string {
  if (field.kind === 'name') return '(.*?)';
  if (field.kind === 'address') return '(0x[0-9a-fA-F]+)';
  return '(\\d+)';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
