import { match } from 'ts-pattern';
import { appBreakOf, formatBuffer, formatInstance, formatSpans, hex, kernelBreakOf, mpuRanges, subtract, type ProcessSlot, type Task, type World } from '../model/index.ts';


/** At most this many changes are listed for one step; the rest are counted. */
const MAX_CHANGES = 10;

/**
 * What changed between two worlds, as short lines for people, per process
 * slot: its lifecycle, its task queue (listed), the bytes its MPU grants
 * (gained and lost ranges), its breaks, its grant and the app's knowledge
 * (by field and index). The static parts (name, memory layout) never change.
 */
export function diffWorlds(before: World, after: World): string[] {
  const lines: string[] = [];
  after.processes.forEach((slot, i) => {
    const old = before.processes[i];
    if (old !== undefined && old !== slot) diffSlot(`#${i}`, old, slot, lines);
  });
  if (before.ipc !== after.ipc) compare('kernel ipc', before.ipc, after.ipc, lines);
  if (lines.length <= MAX_CHANGES) return lines;
  return [...lines.slice(0, MAX_CHANGES), `... and ${lines.length - MAX_CHANGES} more changes`];
}

function diffSlot(at: string, a: ProcessSlot, b: ProcessSlot, out: string[]): void {
  if (a.lifecycle.value !== b.lifecycle.value) out.push(`${at} ${a.lifecycle.value} -> ${b.lifecycle.value}`);
  if (a.lifecycle.context.generation !== b.lifecycle.context.generation) {
    out.push(`${at} generation ${a.lifecycle.context.generation} -> ${b.lifecycle.context.generation}`);
  }
  const was = a.tasks.context.tasks.map(formatTask).join(', ');
  const now = b.tasks.context.tasks.map(formatTask).join(', ');
  if (was !== now) out.push(`${at} queue [${was}] -> [${now}]`);
  const gained = subtract(mpuRanges(b.mpu), mpuRanges(a.mpu));
  const lost = subtract(mpuRanges(a.mpu), mpuRanges(b.mpu));
  if (gained.length > 0) out.push(`${at} MPU grants ${formatSpans(gained)}`);
  if (lost.length > 0) out.push(`${at} MPU no longer grants ${formatSpans(lost)}`);
  if (appBreakOf(a) !== appBreakOf(b)) out.push(`${at} app break ${hex(appBreakOf(a))} -> ${hex(appBreakOf(b))}`);
  if (kernelBreakOf(a) !== kernelBreakOf(b)) out.push(`${at} kernel break ${hex(kernelBreakOf(a))} -> ${hex(kernelBreakOf(b))} (grants: ${b.growth.grants.join(', ') || 'none'})`);
  compare(`${at} grant`, a.grant, b.grant, out);
  compare(`${at} app`, a.app, b.app, out);
  compare(`${at} ipc`, a.ipc, b.ipc, out);
}

/** A queued task, for people: `upcall 0 from #1@0, b2 of #1`. */
export function formatTask(t: Task): string {
  return match(t)
    .with({ kind: 'ipc' }, (x) => `ipc-${x.notify} from ${formatInstance(x.from)}`)
    .with({ kind: 'capsule' }, (x) => `${x.upcall} ${x.status}${x.id === null ? '' : ` ${formatInstance(x.id)}`}`)
    .with({ kind: 'upcall' }, (x) => `upcall ${x.upcall} from ${formatInstance(x.from)}${x.buffer === null ? '' : `, ${formatBuffer(x.buffer)}`}`)
    .with({ kind: 'null-upcall' }, (x) => `null-upcall ${x.upcall} from ${formatInstance(x.from)}`)
    .with({ kind: 'init' }, () => 'init call')
    .exhaustive();
}

function compare(path: string, a: unknown, b: unknown, out: string[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => compare(`${path}[${i}]`, x, b[i], out));
    return;
  }
  if (isRecord(a) && isRecord(b) && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) compare(`${path}.${key}`, a[key], b[key], out);
    return;
  }
  const from = JSON.stringify(a);
  const to = JSON.stringify(b);
  if (from !== to) out.push(`${path}: ${from} -> ${to}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
