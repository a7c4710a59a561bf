import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/cli.ts';
import { DESIGNS, defaultParams, formatAction, initialWorld, step, type Action, type Design } from '../../model/index.ts';
import { caseView, memoryMap, reportInput, reportPage, axisOf, xOf } from '../../report/index.ts';
import { modelFingerprint, newCounterexample } from '../../trace/index.ts';

/** A trace of `design`: the first action enabled at each of `length` steps, in the default world on `arch`. */
function firstActions(design: Design, length: number, arch: 'cortex-m' | 'abstract' = 'cortex-m'): Action[] {
  let world = initialWorld(defaultParams(arch));
  const trace: Action[] = [];
  for (let i = 0; i < length; i++) {
    const action = design.enabled(world)[i % 3] ?? design.enabled(world)[0];
    if (action === undefined) break;
    trace.push(action);
    world = step(design, world, action).world;
  }
  return trace;
}

/** The CLI in this process. */
async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' });
  return { code, out, err };
}

describe('the HTML report', () => {
  it.each(DESIGNS.map((d) => [d.id, d] as const))('works for %s: lanes from its processes, step labels from its own formatter', (_, design) => {
    const params = defaultParams('cortex-m');
    const trace = firstActions(design, 6);
    const file = newCounterexample({ model: { design: design.id, params, fingerprint: modelFingerprint(design, params) }, property: 'isolation', cause: null, message: 'a walk', search: { engine: 'hand-written' }, trace });
    const view = caseView('cx-1', 'a walk', file);
    if ('problem' in view) throw new Error(view.problem);
    expect(view.lanes).toEqual(['kernel', ...initialWorld(params).processes.map((s, i) => `#${i} ${s.name}`)]);
    expect(view.steps).toHaveLength(trace.length + 1);
    trace.forEach((action, i) => expect(view.steps[i + 1]!.label).toBe(formatAction(design.kinds, action).replace(/^#\d+ /, '')));
    const html = reportPage([{ name: 'walk.json', text: JSON.stringify(file) }]);
    for (const [i, action] of trace.entries()) {
      expect(html).toContain(`id="cx-1-s${i + 1}"`);
      expect(html).toContain(escapeHtml(formatAction(design.kinds, action).replace(/^#\d+ /, '')));
    }
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/);
  });

  it("the isolation counterexample after unallow: the service's MPU reach over the client's buffer is the violation, in the client's column", () => {
    const text = readFileSync('counterexamples/tock-2.2/isolation-d8d9b44c.json', 'utf8');
    const view = caseView('cx-1', 'file', JSON.parse(text));
    if ('problem' in view) throw new Error(view.problem);
    const afterUnallow = view.steps.find((s) => s.label.startsWith('unallow'))!;
    const map = afterUnallow.memory!;
    const b4 = map.rows[1]!.owned.find((e) => e.label === 'b4 of #1')!;
    const wrong = map.rows[0]!.reach.filter((r) => r.violation);
    expect(wrong.some((r) => r.start <= b4.start && b4.end <= r.end)).toBe(true);
    // Before the share, nothing of the service's reach is wrong.
    expect(view.steps[1]!.memory!.rows[0]!.reach.some((r) => r.violation)).toBe(false);
    // On one axis for every step, the violation is drawn where the buffer is.
    const axis = axisOf(view.steps.map((s) => s.memory!));
    expect(xOf(axis, wrong[0]!.start)).toBeLessThanOrEqual(xOf(axis, b4.start));
    expect(xOf(axis, wrong[0]!.end)).toBeGreaterThanOrEqual(xOf(axis, b4.end));
  });

  it('the regions drawn are what the MPU configuration sets: a Cortex-M region with disabled subregions, whose enabled parts are the reach', () => {
    const view = caseView('cx-1', 'file', JSON.parse(readFileSync('counterexamples/tock-2.2/isolation-d8d9b44c.json', 'utf8')));
    if ('problem' in view) throw new Error(view.problem);
    const service = view.steps[5]!.memory.rows[0]!;
    const split = service.regions.filter((h) => h.subregions.some((p) => !p.enabled));
    expect(split.length).toBeGreaterThan(0);
    for (const h of service.regions) {
      for (const p of h.subregions.filter((q) => q.enabled)) expect(service.reach.some((r) => r.start <= p.start && p.end <= r.end), `${h.label} ${p.start}`).toBe(true);
    }
    // The abstract MPU draws its exact regions too.
    const design = DESIGNS[0]!;
    expect(memoryMap(design, initialWorld(defaultParams('abstract'))).rows[0]!.regions.map((h) => h.label)).toContain('app memory');
  });

  it('names a subscription as the trace does (upcall N), not as #N, which names a process', () => {
    const view = caseView('cx-1', 'file', JSON.parse(readFileSync('counterexamples/tock-2.2/delivery-0f7a7034.json', 'utf8')));
    if ('problem' in view) throw new Error(view.problem);
    const subscribed = view.steps.findIndex((s) => s.label === 'subscribe upcall 0');
    expect(subscribed).toBeGreaterThan(0);
    expect(view.steps[subscribed]!.processes[2]!.subscriptions).toEqual(['upcall 0']);
  });

  it("shows what a design keeps kernel-wide (threadx-queue's queues), step by step", () => {
    const design = DESIGNS.find((d) => d.id === 'threadx-queue')!;
    const params = defaultParams('cortex-m');
    const trace = firstActions(design, 6);
    const file = newCounterexample({ model: { design: design.id, params, fingerprint: modelFingerprint(design, params) }, property: 'delivery', cause: null, message: 'a walk', search: { engine: 'hand-written' }, trace });
    const view = caseView('cx-1', 'a walk', file);
    if ('problem' in view) throw new Error(view.problem);
    const states = view.steps.map((st) => st.kernelState);
    expect(states.some((k) => k !== null && k.includes('queues'))).toBe(true);
    expect(new Set(states).size).toBeGreaterThan(1);
    expect(reportPage([{ name: 'walk.json', text: JSON.stringify(file) }])).toContain('<p class="kernel-state">');
  });

  it('runs of one design and architecture in different worlds get rows of their own, named by the flags that differ', () => {
    const text = readFileSync('counterexamples/tock-2.2/isolation-d8d9b44c.json', 'utf8');
    const other = JSON.parse(text) as { model: { params: { clients: number } } };
    other.model.params.clients = 1;
    const input = reportInput([
      { name: 'a.json', text },
      { name: 'b.json', text: JSON.stringify(other) },
    ]);
    expect(input.cells.map((c) => c.world)).toEqual(['', '--clients 1']);
    const html = reportPage([
      { name: 'a.json', text },
      { name: 'b.json', text: JSON.stringify(other) },
    ]);
    expect(html).toContain('<th scope="row">tock-2.2 <span class="arch">cortex-m</span></th>');
    expect(html).toContain('<th scope="row">tock-2.2 <span class="arch">cortex-m --clients 1</span></th>');
  });

  it('report --from a check --json document and files beside it: one page, a matrix cell per verdict, links to each counterexample', async () => {
    const { out } = await cli('check', '--design', 'ipc-2026', '--runs', '200', '--directed-states', '0', '--json');
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/report-`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/check.json`, out.join('\n'));
    const result = await cli('report', '--from', `${dir}/check.json`, 'counterexamples/tock-2.2/isolation-d8d9b44c.json', '--html', `${dir}/page.html`);
    expect(result).toEqual({ code: 0, out: [`wrote ${dir}/page.html`], err: [] });
    const html = readFileSync(`${dir}/page.html`, 'utf8');
    const violated = (JSON.parse(out.join('\n')) as { results: { status: string }[] }).results.filter((r) => r.status === 'violated').length;
    expect(violated).toBeGreaterThan(0);
    expect(html.match(/<td class="violated"/g)?.length).toBe(violated + 1);
    expect(html).toContain('<th scope="row">ipc-2026 <span class="arch">cortex-m</span></th>');
    expect(html).toContain('<a href="#cx-1">see</a>');
  });

  it('bad input is one line, exit 2, and no page written', async () => {
    const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
    const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/report-`);
    writeFileSync(`${dir}/junk.json`, '{"tool":"tock-ipc-check","rows":[{"design":1}]}');
    for (const [argv, message] of [
      [['report', 'counterexamples/tock-2.2/isolation-d8d9b44c.json'], /^tock-ipc-check: --html OUT.html is required: the page to write, whole or not at all$/],
      [['report', '--html', `${dir}/p.html`], /needs --from RESULTS.json/],
      [['report', `${dir}/junk.json`, '--html', `${dir}/p.html`], /junk.json: not valid compare --json output \(version: /],
      [['report', 'README.md', '--html', `${dir}/p.html`], /README.md: not JSON/],
      [['report', 'counterexamples/tock-2.2/isolation-d8d9b44c.json', '--html', dir], /--html .*: a folder, not a file/],
      [['report', `${dir}/junk.json`, '--html', `${dir}/junk.json`], /--html .*junk.json: is the input .*junk.json; the page would overwrite it/],
      [['report', `${dir}/junk.json`, '--html', ''], /--html needs a file name/],
    ] as const) {
      const { code, err } = await cli(...argv);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
      expect(code).toBe(2);
    }
    expect(existsSync(`${dir}/p.html`)).toBe(false);
  });
});

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
