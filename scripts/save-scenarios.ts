/**
 * Saves the hand-written hazard scenarios that random search rarely reaches
 * as counterexample files (search engine `hand-written`), each cut at the
 * step where its property first breaks. Run from the project root by
 * scripts/counterexamples.sh.
 */
import { savedLine, saveFound } from '../trace/save.ts';
import { runTrace } from '../engine/trace-run.ts';
import { designById } from '../model/index.ts';
import { propertyById } from '../properties/index.ts';
import { SCENARIOS } from '../scenarios/index.ts';

const design = designById('tock-2.2')!;
const SAVED = ['hazard-client-restart', 'hazard-service-restart', 'hazard-client-handle', 'hazard-silent-loss', 'cortex-m-exhaustion', 'grant-over-stale-region', 'no-room-for-ipc-grant', 'service-exits'];

for (const scenario of SCENARIOS.filter((s) => SAVED.includes(s.id))) {
  const found = Object.entries(scenario.expected['tock-2.2'] ?? {}).map(([id, at]) => {
    const end = runTrace(design, scenario.params, [propertyById(id)!], scenario.trace);
    if (end.kind !== 'violated' || end.steps.length !== at) throw new Error(`${scenario.id}: ${id} does not break at step ${at}`);
    return { violation: end.violation, trace: scenario.trace.slice(0, at), search: { engine: 'hand-written' as const } };
  });
  saveFound('counterexamples', { design, params: scenario.params, properties: [] }, found).forEach((s) => console.log(savedLine(s), `(scenario ${scenario.id})`));
}
