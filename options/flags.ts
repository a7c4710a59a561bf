import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isMpuArchId, MPU_ARCH_IDS, regionsRange, type MpuArchId } from '../model/index.ts';

/** Bad usage: the CLI prints `message` on one line and exits 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** One flag of a command, as its table declares it (options/command-flags.ts). */
export interface FlagSpec {
  /** The value's placeholder in usage (`N`, `NAME`, `FILE`); absent, the flag is a switch and takes none. */
  readonly value?: string;
  /** It may be given more than once. */
  readonly repeatable?: boolean;
  /** The command cannot run without it: usage shows it unbracketed, and the parser refuses its absence. */
  readonly required?: boolean;
  /** What it does, in one line. */
  readonly help: string;
  /** An integer flag's range, both ends included: the parser refuses values outside it. */
  readonly range?: readonly [number, number];
  /** The value used when it is absent: a number for an integer flag, which the parser then takes; text for help otherwise. */
  readonly default?: number | string;
  /** What values it takes, for help, where `range` cannot say. */
  readonly values?: string;
}

/** A command's flags by name. */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** The table as node:util's parseArgs takes it. */
function parseArgsOptions(table: FlagTable): Options {
  return Object.fromEntries(Object.entries(table).map(([name, f]) => [name, { type: f.value === undefined ? 'boolean' : 'string', multiple: f.repeatable === true }]));
}

/** Parses a command's flags strictly (no positionals); a parse error becomes one line of `UsageError`. */
export function parseFlags(args: readonly string[], table: FlagTable): Record<string, unknown> {
  return parseFlagsAndFiles(joinNegatives(args, parseArgsOptions(table)), table, false).values;
}

/** Parses a command's flags and its positional arguments (files) strictly; a parse error becomes one line of `UsageError`. */
export function parseFlagsAndFiles(args: readonly string[], table: FlagTable, allowPositionals = true): { values: Record<string, unknown>; positionals: string[] } {
  const options = parseArgsOptions(table);
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals, tokens: true });
  } catch (e) {
    throw parseError(e, args);
  }
  refuseRepeats(parsed.tokens, table);
  for (const [name, spec] of Object.entries(table)) {
    if (spec.required === true && parsed.values[name] === undefined) throw new UsageError(`--${name}${spec.value === undefined ? '' : ` ${spec.value}`} is required: ${spec.help}`);
  }
  return { values: parsed.values as Record<string, unknown>, positionals: parsed.positionals };
}

/**
 * Throws `UsageError` for a flag that takes one value given twice: the
 * parser would keep the last silently, and a check of a design other than
 * the one meant is worse than no check.
 */
function refuseRepeats(tokens: readonly { kind: string; name?: string; value?: string | undefined }[], table: FlagTable): void {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const spec = table[token.name];
    if (spec === undefined || spec.repeatable === true || spec.value === undefined) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} given twice ('${seen.get(token.name)}', then '${token.value}'); it takes one value`);
    seen.set(token.name, token.value);
  }
}

/**
 * node:util's parse error as one line: its first sentence (what is wrong,
 * not how to pass a file named like an option), or, for a value flag
 * followed by another flag, that it needs a value.
 */
function parseError(e: unknown, args: readonly string[]): UsageError {
  const message = (e as Error).message;
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous !== null) {
    const flag = ambiguous[1]!;
    // The occurrence that failed: the one followed by a flag (an earlier one may have had its value).
    const at = args.findIndex((a, i) => a === flag && args[i + 1]?.startsWith('-') === true);
    const next = args[at + 1];
    return new UsageError(`${flag} needs a value, but '${next}' follows it (write ${flag}=VALUE for a value that starts with '-')`);
  }
  const missing = /^Option '(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing !== null) return new UsageError(`${missing[1]} needs a value`);
  return new UsageError((message.split('\n')[0] ?? 'bad arguments').replace(/\. To specify a positional argument.*$/, ''));
}

/** `--n -1` as `--n=-1`, so a negative number reaches the range check instead of looking like an option. */
function joinNegatives(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.startsWith('--') ? args[i]!.slice(2) : '';
    const next = args[i + 1];
    if (options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(args[i]!);
    }
  }
  return out;
}

/** The integer flag `--name` of `table`, within its range; absent, `fallback` if given (a default that depends on other flags), else its declared default. */
export function integerOf(values: Record<string, unknown>, table: FlagTable, name: string, fallback?: number): number {
  const spec = table[name];
  if (spec?.range === undefined) throw new Error(`internal: --${name} is not an integer flag`);
  const byDefault = fallback ?? (typeof spec.default === 'number' ? spec.default : undefined);
  if (byDefault === undefined && values[name] === undefined) throw new Error(`internal: --${name} has no default`);
  return integerFlag(values, name, spec.range, byDefault ?? 0);
}

/** The integer flag `--name` within [min, max], or `fallback` when absent. */
export function integerFlag(values: Record<string, unknown>, name: string, [min, max]: readonly [number, number], fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const text = String(raw);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${text}'`);
  }
  return Number(text);
}

/** The architecture named by `--arch`, or `fallback`. */
export function archFlag(values: Record<string, unknown>, fallback: MpuArchId): MpuArchId {
  const id = (values.arch as string | undefined) ?? fallback;
  if (!isMpuArchId(id)) throw new UsageError(`unknown architecture '${id}' (known: ${MPU_ARCH_IDS.join(', ')})`);
  return id;
}

/** `--regions` for `arch`: from what flash and app memory need up to 16; the architecture's default when absent. */
export function regionsFlag(values: Record<string, unknown>, arch: MpuArchId): number {
  const range = regionsRange(arch);
  return integerFlag(values, 'regions', [range.min, range.max], range.default);
}
