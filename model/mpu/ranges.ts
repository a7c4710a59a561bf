import type { AccessRange } from './address-mpu.ts';

/**
 * Sorts non-overlapping access ranges by start, drops empty ones, and joins
 * neighbours that touch and grant the same permissions.
 */
export function mergeRanges(ranges: readonly AccessRange[]): AccessRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: AccessRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.end === r.start && last.perms === r.perms) merged[merged.length - 1] = { ...last, end: r.end };
    else merged.push(r);
  }
  return merged;
}

/** True iff some range contains `addr` and grants every letter of `perms`. */
export function rangesAllow(ranges: readonly AccessRange[], addr: number, perms: string): boolean {
  return ranges.some((r) => r.start <= addr && addr < r.end && [...perms].every((p) => r.perms.includes(p)));
}
