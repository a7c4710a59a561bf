import { match } from 'ts-pattern';
import { z } from 'zod';
import { mpuFor, type AccessRange, type AddressMpu, type Allocation, type MpuArchId, type Region } from '../model/index.ts';

/**
 * The `mpu` command: runs sequences of Tock MPU calls on one architecture's
 * allocator and reports, after each call, what Tock's function returned and
 * the exact bytes the whole configuration grants. Each input line is one
 * sequence, starting from a new configuration.
 */

const u32 = z.number().int().min(0).max(2 ** 32 - 1);
const perms = z.enum(['rwx', 'rw', 'rx', 'r', 'x']);

const Op = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('allocate_region'), start: u32, size: u32, minSize: u32, perms }),
  z.strictObject({ op: z.literal('remove_region'), start: u32, size: u32 }),
  z.strictObject({
    op: z.literal('allocate_app_memory_region'),
    start: u32,
    size: u32,
    minSize: u32,
    appSize: u32,
    kernelSize: u32,
    perms,
  }),
  z.strictObject({ op: z.literal('update_app_memory_region'), appBreak: u32, kernelBreak: u32, perms }),
]);

const Sequence = z.strictObject({ ops: z.array(Op) });

type Op = z.infer<typeof Op>;

/** What one call did: Tock's success, the region it returned, and the access the configuration grants after it. */
export interface OpResult {
  readonly ok: boolean;
  readonly region: Region | null;
  readonly access: readonly AccessRange[];
}

/** The answer to one input line: a result per op, or why the line was refused. */
export type LineAnswer = readonly OpResult[] | { readonly error: string };

/** Runs one sequence on a new configuration of `mpu`. `access` is empty on `abstract`, which models no hardware. */
export function runSequence(mpu: AddressMpu<unknown>, ops: readonly Op[]): OpResult[] {
  let config = mpu.newConfig();
  const hardware = mpu.id !== 'abstract';
  return ops.map((op) => {
    const { next, region } = apply(mpu, config, op);
    const ok = next !== null;
    if (next !== null) config = next;
    return { ok, region, access: hardware ? mpu.accessRanges(config) : [] };
  });
}

/** One call: the configuration after it (null when Tock refuses) and the region Tock's function returns. */
function apply(mpu: AddressMpu<unknown>, config: unknown, op: Op): { next: unknown | null; region: Region | null } {
  return match(op)
    .with({ op: 'allocate_region' }, (o) => allocation(mpu.allocateRegion(config, o.start, o.size, o.minSize, o.perms)))
    .with({ op: 'remove_region' }, (o) => ({ next: mpu.removeRegion(config, { start: o.start, size: o.size }), region: null }))
    .with({ op: 'allocate_app_memory_region' }, (o) =>
      allocation(mpu.allocateAppMemoryRegion(config, o.start, o.size, o.minSize, o.appSize, o.kernelSize, o.perms)),
    )
    .with({ op: 'update_app_memory_region' }, (o) => ({
      next: mpu.updateAppMemoryRegion(config, o.appBreak, o.kernelBreak, o.perms),
      region: null,
    }))
    .exhaustive();
}

function allocation(a: Allocation<unknown> | null): { next: unknown | null; region: Region | null } {
  return { next: a?.config ?? null, region: a?.region ?? null };
}

/** Answers one line of JSON input; never throws. */
export function answerLine(arch: MpuArchId, regions: number, line: string, lineNumber: number): LineAnswer {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { error: `line ${lineNumber}: not JSON (${(e as Error).message})` };
  }
  const parsed = Sequence.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(line)';
    return { error: `line ${lineNumber}: ${where}: ${issue.message}` };
  }
  try {
    return runSequence(mpuFor(arch, regions), parsed.data.ops);
  } catch (e) {
    // The allocators throw only where Tock's own code panics (see model/mpu/cortex-m.ts).
    return { error: `line ${lineNumber}: ${(e as Error).message}` };
  }
}
