/**
 * The report page's inline style and script. The script holds no data and
 * draws nothing: it shows one step panel per counterexample, moves with
 * the arrow keys and the step links (`#cx-2-s5`), and marks the timeline
 * row of the step shown. Without it every panel shows, as in print.
 */

export const PAGE_STYLE = `
:root { font-family: system-ui, sans-serif; color: #1b1b1b; }
body { margin: 0 1.5rem 3rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; } h3 { font-size: 1rem; margin-bottom: .3rem; }
.help, .source, .note { color: #555; font-size: .9rem; }
kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 .3em; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.matrix td { text-align: center; white-space: nowrap; }
.matrix .violated { background: #fdd; } .matrix .held { background: #dfd; } .matrix .inconclusive { background: #ffe9b3; }
.matrix .na { background: #eee; color: #777; } .matrix .error { background: #f9c; }
.arch { color: #666; font-weight: normal; }
.violation { color: #a00; font-weight: 600; } .problem { color: #a50; }
.stepper button { font-size: 1rem; }
svg text { font-size: 12px; font-family: ui-monospace, monospace; }
.lane { stroke: #bbb; stroke-dasharray: 4 3; } .lane-name { font-weight: 600; }
.row .row-bg { fill: transparent; } .row:hover .row-bg { fill: #f0f4ff; }
.row.violating .row-bg { fill: #fdd; } .row.selected .row-bg { fill: #dce6ff; } .row.violating.selected .row-bg { fill: #f9b9b9; }
.arrow { stroke: #333; stroke-width: 1.5; } marker path { fill: #333; }
.generation { fill: #fff3c4; stroke: #b88a00; } .generation-text { font-size: 11px; }
.step { border-top: 1px solid #ddd; margin-top: 1rem; } .step.violating h3 { color: #a00; }
.design-state code, .kernel-state code { font-size: .75rem; word-break: break-all; }
.empty { color: #999; }
.memory .scroll { overflow-x: auto; }
.owned.flash { fill: #c9d6ea; } .owned.app { fill: #d8efd3; } .owned.room { fill: #f6f6f6; stroke: #ddd; }
.owned.grant { fill: #d4d4d4; } .owned.buffer { fill: #fff; stroke: #444; stroke-width: 1; fill-opacity: .6; }
.buffer-text { font-size: 10px; }
.reach.own { fill: #2e8b57; } .reach.shared { fill: #3b6fd8; } .reach.violation { fill: #d11; }
.key { padding: 0 .4em; color: #fff; border-radius: 3px; white-space: nowrap; } .key.own { background: #2e8b57; } .key.shared { background: #3b6fd8; } .key.violation { background: #d11; }
.gap { fill: #fafafa; stroke: #eee; } .tick { stroke: #eee; } .tick-text { font-size: 10px; fill: #666; }
.hw { fill: #fff; stroke: #555; stroke-width: 1; } .hw-off { fill: #bbb; stroke: none; } .key.off { background: #999; }
.mem-label { font-weight: 600; } .mem-sub { font-size: 10px; fill: #666; }
@media print {
  .stepper, .help { display: none; }
  .step[hidden] { display: none; }
  section.case { break-before: page; }
  .memory .scroll { overflow: visible; }
  .matrix { font-size: .65rem; } .matrix th, .matrix td { padding: .1rem .2rem; }
  svg.memory-map, svg.timeline { max-width: 100%; height: auto; }
}
`;

export const VIEWER_SCRIPT = `
(() => {
  const cases = Array.from(document.querySelectorAll('section.case[data-steps]'));
  /** The counterexample the arrow keys move: the first, then the one last clicked or linked to. */
  let active = cases[0];
  const show = (section, wanted) => {
    const steps = section.querySelectorAll('.step');
    const n = Math.max(0, Math.min(steps.length - 1, wanted));
    steps.forEach((s, i) => { s.hidden = i !== n; });
    section.querySelectorAll('.row').forEach((r) => r.classList.toggle('selected', Number(r.dataset.step) === n));
    section.dataset.current = String(n);
    section.querySelector('.position').textContent = 'step ' + n + ' of ' + (steps.length - 1);
    // The memory map scrolls to the first byte in violation, when it is wider than the page.
    const red = steps[n].querySelector('.reach.violation');
    const scroller = red && red.closest('.scroll');
    if (scroller) scroller.scrollLeft = Math.max(0, red.x.baseVal.value - scroller.clientWidth / 3);
    return n;
  };
  const go = (section, n) => {
    active = section;
    const shown = show(section, n);
    history.replaceState(null, '', '#' + section.id + '-s' + shown);
  };
  // A link to a counterexample (#cx-3) or to one of its steps (#cx-3-s5) makes it the one the keys move.
  // Followed on the click itself, as well as on hashchange (which comes a task later): a key
  // pressed right after the click must already move the counterexample linked to.
  const follow = (hash) => {
    const m = /^#(cx-\\d+)(?:-s(\\d+))?$/.exec(hash);
    const section = m && document.getElementById(m[1]);
    if (!section || !section.dataset.steps) return;
    active = section;
    if (m[2] !== undefined) show(section, Number(m[2]));
  };
  for (const section of cases) {
    show(section, Number(section.dataset.initial));
    section.addEventListener('click', () => { active = section; });
    section.querySelector('.prev').addEventListener('click', () => go(section, Number(section.dataset.current) - 1));
    section.querySelector('.next').addEventListener('click', () => go(section, Number(section.dataset.current) + 1));
  }
  document.addEventListener('keydown', (e) => {
    if (!active || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    go(active, Number(active.dataset.current) + (e.key === 'ArrowRight' ? 1 : -1));
  });
  document.addEventListener('click', (e) => {
    const link = e.target instanceof Element && e.target.closest('a[href^="#cx-"]');
    if (link) follow(link.getAttribute('href'));
  });
  window.addEventListener('hashchange', () => follow(location.hash));
  follow(location.hash);
})();
`;
