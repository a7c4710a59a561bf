/**
 * Saves the hand-written hazard scenarios that random search rarely reaches
 * as counterexample files (search engine `hand-written`), each cut at the
 * step where its property first breaks. Run from the project root by
 * scripts/counterexamples.sh.
 */
import { newCounterexample } from '../checker/counterexample-file.ts';
import { modelFingerprint } from '../checker/fingerprint.ts';
import { runTrace } from '../checker/trace-run.ts';
import { saveCounterexample } from '../checker/save.ts';
import { designById } from '../model/index.ts';
import { propertyById, type PropertyId } from '../properties/index.ts';
import { SCENARIOS } from '../scenarios/index.ts';
const design = designById('tock-2.2')!;
for (const id of ['hazard-client-restart', 'hazard-service-restart', 'hazard-client-handle', 'hazard-silent-loss', 'cortex-m-exhaustion']) {
  const s = SCENARIOS.find((x) => x.id === id)!;
  for (const [prop, at] of Object.entries(s.expected['tock-2.2']!)) {
    const property = propertyById(prop)!;
    const end = runTrace(design, s.params, [property], s.trace);
    if (end.kind !== 'violated') throw new Error(id);
    if (end.steps.length !== at) throw new Error(id + prop);
    const saved = saveCounterexample('counterexamples', newCounterexample({
      model: { design: 'tock-2.2', params: s.params, fingerprint: modelFingerprint(design, s.params) },
      property: prop as PropertyId, cause: end.violation.cause ?? null, message: end.violation.message,
      search: { engine: 'hand-written' }, trace: s.trace.slice(0, at),
    }));
    console.log(saved.status, saved.path, `(scenario ${id})`);
  }
}
