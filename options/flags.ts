import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isMpuArchId, MPU_ARCH_IDS, regionsRange, type MpuArchId } from '../model/index.ts';

/** Bad usage: the CLI prints `message` on one line and exits 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags strictly (no positionals); a parse error becomes one line of `UsageError`. */
export function parseFlags(args: readonly string[], options: Options): Record<string, unknown> {
  try {
    return parseArgs({ args: joinNegatives(args, options), options, strict: true, allowPositionals: false }).values as Record<string, unknown>;
  } catch (e) {
    throw parseError(e);
  }
}

/** Parses a command's flags and its positional arguments (files) strictly; a parse error becomes one line of `UsageError`. */
export function parseFlagsAndFiles(args: readonly string[], options: Options): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: values as Record<string, unknown>, positionals };
  } catch (e) {
    throw parseError(e);
  }
}

/** node:util's parse error as one line: its first sentence (what is wrong, not how to pass a file named like an option). */
function parseError(e: unknown): UsageError {
  return new UsageError(((e as Error).message.split('\n')[0] ?? 'bad arguments').replace(/\. To specify a positional argument.*$/, ''));
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
