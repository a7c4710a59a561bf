/**
 * Sets of bytes as sorted, disjoint, half-open spans `[start, end)`, and the
 * set operations the properties need. Every function returns normalised
 * spans (sorted, disjoint, non-empty, touching spans joined).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The union of any spans, normalised. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The bytes in both. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const x of union(a)) {
    for (const y of union(b)) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  }
  return union(out);
}

/** The bytes of `a` not in `b`. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  let rest = union(a);
  for (const y of union(b)) {
    rest = rest.flatMap((x) =>
      [
        { start: x.start, end: Math.min(x.end, y.start) },
        { start: Math.max(x.start, y.end), end: x.end },
      ].filter((s) => s.end > s.start),
    );
  }
  return rest;
}

/** True iff every byte of `[start, end)` is in `spans`. */
export function coversSpan(spans: readonly Span[], start: number, end: number): boolean {
  return subtract([{ start, end }], spans).length === 0;
}

/** True iff some byte of `[start, end)` is in `spans`. */
export function overlapsSpan(spans: readonly Span[], start: number, end: number): boolean {
  return start < end && spans.some((s) => s.start < end && start < s.end && s.start < s.end);
}

/** True iff `addr` is in some span. */
export function containsByte(spans: readonly Span[], addr: number): boolean {
  return spans.some((s) => s.start <= addr && addr < s.end);
}

/** `0x20008100-0x20008140`, for messages. */
export function formatSpans(spans: readonly Span[]): string {
  return spans.map((s) => `${hex(s.start)}-${hex(s.end)}`).join(', ');
}

/** `0x20008100`. */
export function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
