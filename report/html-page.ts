import { hex } from '../model/index.ts';
import type { CaseView, StepView } from './case-view.ts';
import { axisOf, xOf, type Axis, type MemoryMap } from './memory-map.ts';
import type { Cell } from './report-input.ts';
import { PAGE_STYLE, VIEWER_SCRIPT } from './page-assets.ts';

/**
 * The report as one self-contained HTML page: no network, no external
 * file; its style and its small script are inline. Everything is drawn
 * here, as HTML and SVG; the script only shows one step of each
 * counterexample at a time and follows the keyboard and the links.
 */
export function htmlPage(page: { readonly title: string; readonly cells: readonly Cell[]; readonly cases: readonly (CaseView | { readonly id: string; readonly source: string; readonly problem: string })[]; readonly notes: readonly string[] }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>${esc(page.title)}</h1>
<p class="help">Keys: <kbd>←</kbd> <kbd>→</kbd> step through the counterexample last clicked; every step has a link of its own.</p>
${page.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
</header>
<main>
${matrix(page.cells)}
${page.cases.map((c) => ('problem' in c ? unreplayable(c) : caseSection(c))).join('\n')}
</main>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}

/** Text as HTML (also inside attributes). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The results matrix: a row per design and architecture, a column per property; a violation links to its counterexamples. */
function matrix(cells: readonly Cell[]): string {
  if (cells.length === 0) return '';
  const properties = [...new Set(cells.map((c) => c.property))];
  const rows = [...new Set(cells.map((c) => `${c.design}\u0000${c.arch}\u0000${c.world}`))];
  const body = rows.map((key) => {
    const [design, arch, world] = key.split('\u0000') as [string, string, string];
    const tds = properties.map((p) => {
      const here = cells.filter((c) => c.design === design && c.arch === arch && c.world === world && c.property === p);
      if (here.length === 0) return '<td class="none">—</td>';
      // Several runs of one world: the gravest verdict shows, every detail is in the tooltip.
      const status = GRAVITY.find((g) => here.some((c) => c.status === g))!;
      const links = here.flatMap((c) => c.cases).map((id, i) => `<a href="#${id}">${i === 0 ? 'see' : i + 1}</a>`);
      return `<td class="${statusClass(status)}" title="${esc(here.map((c) => `${c.status}: ${c.detail}`).join('; '))}">${esc(status)}${links.length === 0 ? '' : ` ${links.join(' ')}`}</td>`;
    });
    return `<tr><th scope="row">${esc(design)} <span class="arch">${esc(arch)}${world === '' ? '' : ` ${esc(world)}`}</span></th>${tds.join('')}</tr>`;
  });
  return `<section id="results"><h2>Results</h2>
<table class="matrix"><thead><tr><th>design (MPU)</th>${properties.map((p) => `<th scope="col">${esc(p)}</th>`).join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody></table></section>`;
}

/** Verdicts from the gravest: what a cell shows when several runs of one world judged it. */
const GRAVITY = ['violated', 'error', 'inconclusive', 'held', 'n/a'] as const;

function statusClass(status: string): string {
  return status === 'n/a' ? 'na' : status;
}

function unreplayable(c: { readonly id: string; readonly source: string; readonly problem: string }): string {
  return `<section class="case unreplayable" id="${c.id}"><h2>${esc(c.source)}</h2><p class="problem">cannot replay on the current model: ${esc(c.problem)}</p></section>`;
}

/** One counterexample: its heading, the timeline, and a panel per step, the violating one shown first. */
function caseSection(view: CaseView): string {
  const shown = view.ending.kind === 'reproduced' ? view.ending.step : view.steps.length - 1;
  const ending =
    view.ending.kind === 'reproduced'
      ? `<p class="violation">Violated at step ${view.ending.step}: ${esc(view.ending.message)}</p>`
      : `<p class="problem">Not reproduced on the current model: ${esc(view.ending.why)}</p>`;
  const axis = axisOf(view.steps.map((s) => s.memory));
  return `<section class="case" id="${view.id}" data-initial="${shown}" data-steps="${view.steps.length}">
<h2>${esc(view.title)}</h2>
<p class="source">${esc(view.source)}</p>
${ending}
<nav class="stepper"><button type="button" class="prev" aria-label="previous step">←</button> <span class="position">step ${shown} of ${view.steps.length - 1}</span> <button type="button" class="next" aria-label="next step">→</button></nav>
${timeline(view)}
${view.steps.map((s) => stepPanel(view, s, axis)).join('\n')}
</section>`;
}

const ROW = 30;
const TEXT_WIDTH = 420;
const LANE = 120;

/** The trace as a sequence diagram: the kernel and each process are lanes; a row per step, each a link to it; a restart marks the new generation; the violating step is shaded. */
function timeline(view: CaseView): string {
  const laneX = (lane: number) => TEXT_WIDTH + LANE / 2 + lane * LANE;
  const width = TEXT_WIDTH + view.lanes.length * LANE;
  const height = (view.steps.length + 1) * ROW;
  const violating = view.ending.kind === 'reproduced' ? view.ending.step : -1;
  const heads = view.lanes.map((name, lane) => `<text class="lane-name" x="${laneX(lane)}" y="${ROW / 2 + 5}" text-anchor="middle">${esc(name)}</text><line class="lane" x1="${laneX(lane)}" y1="${ROW}" x2="${laneX(lane)}" y2="${height}"/>`);
  const rows = view.steps.map((s) => {
    const y = (s.n + 1) * ROW;
    const mid = y + ROW / 2;
    const label = s.n === 0 ? 'the initial world' : `${s.n}. ${s.label} → ${s.result}`;
    const from = s.by === 'process' ? laneX(s.lane) : laneX(0);
    const to = s.by === 'process' ? laneX(0) : laneX(s.lane);
    const arrow = s.n === 0 ? '' : `<line class="arrow" x1="${from}" y1="${mid}" x2="${to}" y2="${mid}" marker-end="url(#${view.id}-head)"/>`;
    // Right of the lane, clear of an arrowhead that ends on it.
    const marks = s.newGenerations.map((g) => `<rect class="generation" x="${laneX(g.lane) + 6}" y="${mid - 9}" width="52" height="18" rx="4"/><text class="generation-text" x="${laneX(g.lane) + 32}" y="${mid + 4}" text-anchor="middle">gen ${g.generation}</text>`);
    return `<a class="row${s.n === violating ? ' violating' : ''}" href="#${view.id}-s${s.n}" data-step="${s.n}"><title>${esc(`${label}: ${s.note}`)}</title><rect class="row-bg" x="0" y="${y}" width="${width}" height="${ROW}"/><text class="step-text" x="8" y="${mid + 4}">${esc(clip(label, 62))}</text>${arrow}${marks.join('')}</a>`;
  });
  return `<svg class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="sequence of steps">
<defs><marker id="${view.id}-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>
${heads.join('\n')}
${rows.join('\n')}
</svg>`;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** The state after one step: what it did, every process, and the memory map. */
function stepPanel(view: CaseView, s: StepView, axis: Axis): string {
  const violating = view.ending.kind === 'reproduced' && view.ending.step === s.n;
  const rows = s.processes.map(
    (p) => `<tr><th scope="row">${esc(p.label)}</th><td>${esc(p.state)}</td><td>${p.generation}</td><td>${list(p.queue)}</td><td>${list(p.shares)}</td><td>${list(p.subscriptions)}</td><td class="design-state">${p.designState === null ? '' : `<code>${esc(p.designState)}</code>`}</td></tr>`,
  );
  return `<div class="step${violating ? ' violating' : ''}" id="${view.id}-s${s.n}" data-step="${s.n}">
<h3>Step ${s.n}${s.n === 0 ? ': the initial world' : `: ${esc(s.label)} → ${esc(s.result)}`}</h3>
<p class="note">${esc(s.note)}</p>
${violating && view.ending.kind === 'reproduced' ? `<p class="violation">${esc(view.ending.message)}</p>` : ''}
<table class="processes"><thead><tr><th>process</th><th>state</th><th>generation</th><th>queue</th><th>shares</th><th>subscriptions</th><th>design state</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${s.kernelState === null ? '' : `<p class="kernel-state">The kernel's state of this design: <code>${esc(s.kernelState)}</code></p>`}
${memorySvg(s.memory, axis)}
</div>`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '<span class="empty">none</span>' : items.map(esc).join('<br>');
}

const LABEL = 130;
const BAR = 18;
const REACH = 12;
const REGIONS = 10;
const ROW_GAP = 14;
const AXIS = 34;

/**
 * A memory map: one address axis for all processes (a stretch's width
 * grows with the log of its size; a break where no process owns memory),
 * and per process the memory it owns, with its MPU's reach beneath:
 * its own in green, other processes' bytes it is entitled to (a share) in
 * blue, and those it is not in red: the violation.
 */
function memorySvg(map: MemoryMap, axis: Axis): string {
  const x = (addr: number) => LABEL + xOf(axis, addr);
  const width = LABEL + axis.x.at(-1)! + 10;
  const rowHeight = BAR + REACH + REGIONS + ROW_GAP;
  const height = AXIS + map.rows.length * rowHeight;
  // Where flash and each process's RAM begin is always labelled; other addresses where there is room (all are in the tooltips).
  const starts = new Set(map.rows.flatMap((r) => r.owned.filter((e) => e.kind === 'app' || (e.kind === 'flash' && r.index === 0)).map((e) => e.start)));
  const ticks = axis.cuts.map((addr, i) => {
    const room = i === axis.cuts.length - 1 ? 60 : axis.x[i + 1]! - axis.x[i]!;
    return `<line class="tick" x1="${x(addr)}" y1="${AXIS - 6}" x2="${x(addr)}" y2="${height}"/>${room >= 66 || starts.has(addr) ? `<text class="tick-text" x="${x(addr) + 2}" y="${AXIS - 10}">${hex(addr)}</text>` : ''}`;
  });
  const gaps = axis.gap.flatMap((g, i) => (g ? [`<rect class="gap" x="${x(axis.cuts[i]!)}" y="${AXIS}" width="${axis.x[i + 1]! - axis.x[i]!}" height="${height - AXIS}"><title>${esc(`${hex(axis.cuts[i]!)}-${hex(axis.cuts[i + 1]!)}: no process's memory (not to scale)`)}</title></rect>`] : []));
  const rows = map.rows.map((row, r) => {
    const y = AXIS + r * rowHeight;
    const owned = [...row.owned.filter((e) => e.kind !== 'buffer'), ...row.owned.filter((e) => e.kind === 'buffer')].map(
      (e) => `<rect class="owned ${e.kind}" x="${x(e.start)}" y="${y}" width="${Math.max(1, x(e.end) - x(e.start))}" height="${BAR}"><title>${esc(`${e.label}: ${hex(e.start)}-${hex(e.end)} (${e.end - e.start} bytes)`)}</title></rect>${e.kind === 'buffer' && x(e.end) - x(e.start) >= 16 ? `<text class="buffer-text" x="${x(e.start) + 2}" y="${y + 13}">${esc(e.label.split(' ')[0]!)}</text>` : ''}`,
    );
    const reach = row.reach.map((m) => {
      const kind = m.violation ? 'violation' : m.foreign ? 'shared' : 'own';
      const why = m.violation ? `: ${row.label} can touch these bytes of another process but is not entitled to them` : m.foreign ? ': shared with it' : '';
      return `<rect class="reach ${kind}" x="${x(m.start)}" y="${y + BAR + 1}" width="${Math.max(1, x(m.end) - x(m.start))}" height="${REACH}"><title>${esc(`MPU of ${row.label}: ${m.perms} ${hex(m.start)}-${hex(m.end)} (${m.end - m.start} bytes)${why}`)}</title></rect>`;
    });
    const top = y + BAR + REACH + 2;
    const regions = row.regions.map((h) => {
      const parts = h.subregions.filter((p) => !p.enabled).map((p) => `<rect class="hw-off" x="${x(p.start)}" y="${top}" width="${Math.max(1, x(p.end) - x(p.start))}" height="${REGIONS - 2}"/>`);
      const off = h.subregions.flatMap((p, k) => (p.enabled ? [] : [k]));
      const what = `${h.label} of ${row.label}: ${h.perms || 'no access'} ${hex(h.start)}-${hex(h.end)} (${h.end - h.start} bytes)${off.length === 0 ? '' : `, subregion${off.length > 1 ? 's' : ''} ${off.join(', ')} disabled`}`;
      return `<g class="hw-region"><rect class="hw" x="${x(h.start)}" y="${top}" width="${Math.max(1, x(h.end) - x(h.start))}" height="${REGIONS - 2}"><title>${esc(what)}</title></rect>${parts.join('')}</g>`;
    });
    return `<g class="mem-row" data-process="${row.index}"><text class="mem-label" x="4" y="${y + 13}">${esc(row.label)}</text><text class="mem-sub" x="4" y="${y + BAR + 10}">its MPU reach</text><text class="mem-sub" x="4" y="${top + 8}">its regions</text>${owned.join('')}${reach.join('')}${regions.join('')}</g>`;
  });
  return `<figure class="memory"><figcaption>Memory map: what each process owns (flash, app memory, unallocated room, kernel-owned grant memory, buffers); beneath, what its MPU lets it touch: <span class="key own">its own</span> <span class="key shared">shared with it</span> <span class="key violation">another's, not entitled: the violation</span>; and beneath that the hardware regions its MPU configuration sets, <span class="key off">disabled subregions</span> in grey. Widths grow with the logarithm of sizes; hover for addresses.</figcaption>
<div class="scroll"><svg class="memory-map" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="memory map">
${gaps.join('')}
${ticks.join('')}
${rows.join('\n')}
</svg></div></figure>`;
}
