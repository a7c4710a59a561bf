import { TOOL_VERSION } from './version.ts';
import { z } from 'zod';
import { MAX_REGIONS, MPU_ARCH_IDS, SIZE_PARAM_NAMES, SIZE_PARAMS, type Action, type SizeParam, type WorldParams } from '../model/index.ts';

/**
 * The counterexample file: a header that says what model and search
 * produced it, and the trace as plain actions. Files are JSON with a fixed
 * key order and no timestamps, so the same search writes the same bytes.
 */

/** Bumped when the layout of the file changes. */
export const FORMAT_VERSION = 1;

/**
 * An action's shape: a kind and plain fields. Which kinds and fields are
 * valid depends on the file's design; replay checks them against its kind
 * table (trace/action-check.ts).
 */
const ActionSchema = z.custom<Action>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { type?: unknown }).type === 'string' &&
    Object.values(v).every((f) => typeof f === 'string' || (typeof f === 'number' && Number.isFinite(f))),
  { message: 'not an action (an object with a string type and string or number fields)' },
);

/** The world's parameters, from the table that declares them (the regions' lower bound per architecture is replay's check). */
const ParamsSchema = z.strictObject({
  ...(Object.fromEntries(
    SIZE_PARAM_NAMES.map((k) => {
      const spec: { min: number; max: number; default: number; optionalInFiles?: boolean } = SIZE_PARAMS[k];
      const value = z.number().int().min(spec.min).max(spec.max);
      return [k, spec.optionalInFiles === true ? value.default(spec.default) : value];
    }),
  ) as Record<SizeParam, z.ZodNumber>),
  arch: z.enum(MPU_ARCH_IDS),
  regions: z.number().int().min(0).max(MAX_REGIONS),
  /** The design's parameters off their defaults; replay checks them against the design's table. */
  design: z.record(z.string(), z.union([z.string(), z.number().int()])).optional(),
}) satisfies z.ZodType<WorldParams>;

const FileSchema = z.strictObject({
  format: z.literal('tock-ipc-check/counterexample'),
  formatVersion: z.literal(FORMAT_VERSION),
  toolVersion: z.string(),
  model: z.strictObject({ design: z.string(), params: ParamsSchema, fingerprint: z.string().regex(/^[0-9a-f]{16}$/) }),
  property: z.string().min(1),
  cause: z.string().nullable(),
  message: z.string(),
  search: z.discriminatedUnion('engine', [
    z.strictObject({ engine: z.literal('random'), seed: z.number().int(), path: z.string(), runs: z.number().int(), maxSteps: z.number().int() }),
    z.strictObject({ engine: z.literal('directed'), maxStates: z.number().int() }),
    z.strictObject({ engine: z.literal('bfs'), maxDepth: z.number().int() }),
    z.strictObject({ engine: z.literal('hand-written') }),
    z.strictObject({ engine: z.literal('minimize'), from: z.string() }),
  ]),
  trace: z.array(ActionSchema).min(1),
});

/** A counterexample file, as read or about to be written. */
export type CounterexampleFile = z.infer<typeof FileSchema>;

/** Parses and validates a file's text; on failure, the one-line reason names the field. */
export function parseCounterexample(text: string): { ok: true; file: CounterexampleFile } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `not JSON (${(e as Error).message})` };
  }
  const parsed = FileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(file)';
  return { ok: false, problem: `${where}: ${issue.message}` };
}

/** The file's text: two-space JSON, keys in the schema's order, a final newline. */
export function formatCounterexample(file: CounterexampleFile): string {
  const ordered = {
    format: file.format,
    formatVersion: file.formatVersion,
    toolVersion: file.toolVersion,
    model: { design: file.model.design, params: orderedParams(file.model.params), fingerprint: file.model.fingerprint },
    property: file.property,
    cause: file.cause,
    message: file.message,
    search: file.search,
    trace: file.trace,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderedParams(p: WorldParams): Readonly<Record<string, unknown>> {
  // The key order files have always had (a new parameter fails to compile here until it is placed);
  // a parameter files may lack is written only when set, so files without it keep the bytes they always had.
  const all = { clients: p.clients, restarts: p.restarts, queue: p.queue, arch: p.arch, regions: p.regions, buffers: p.buffers, heap: p.heap, impostor: p.impostor, empty: p.empty } satisfies Record<Exclude<keyof WorldParams, 'design'>, unknown>;
  const written = Object.fromEntries(Object.entries(all).filter(([k, v]) => !isUnsetOptional(k, v)));
  return p.design === undefined ? written : { ...written, design: p.design };
}

function isUnsetOptional(name: string, value: unknown): boolean {
  if (!Object.hasOwn(SIZE_PARAMS, name)) return false;
  const spec: { default: number; optionalInFiles?: boolean } = SIZE_PARAMS[name as SizeParam];
  return spec.optionalInFiles === true && value === spec.default;
}

/** A fresh file header for a trace found by the current tool. */
export function newCounterexample(fields: Omit<CounterexampleFile, 'format' | 'formatVersion' | 'toolVersion'>): CounterexampleFile {
  return { format: 'tock-ipc-check/counterexample', formatVersion: FORMAT_VERSION, toolVersion: TOOL_VERSION, ...fields };
}

