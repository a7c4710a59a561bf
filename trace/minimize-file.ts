import { designById } from '../model/index.ts';
import { propertyById, withCause } from '../properties/index.ts';
import { newCounterexample, parseCounterexample, type CounterexampleFile } from './counterexample-file.ts';
import { modelFingerprint } from './fingerprint.ts';
import { minimizeTrace } from '../engine/index.ts';
import { replayCounterexample } from './replay.ts';

/** The outcome of `minimize FILE`: the shorter file to write, or why there is none. */
export type MinimizeResult =
  | { readonly kind: 'minimized'; readonly file: CounterexampleFile; readonly from: number }
  /** The trace is as short as minimizing makes it: nothing to write. */
  | { readonly kind: 'minimal'; readonly property: string; readonly steps: number }
  | { readonly kind: 'not-reproduced'; readonly why: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Shrinks a saved trace against the current model, keeping the same
 * property (and cause) violated. The result is a new file header: this
 * tool's version, the current fingerprint, search `minimize` from `source`.
 */
export function minimizeFile(text: string, source: string): MinimizeResult {
  const parsed = parseCounterexample(text);
  if (!parsed.ok) return { kind: 'invalid', problem: parsed.problem };
  const file = parsed.file;
  const replay = replayCounterexample(file);
  if (replay.kind === 'invalid') return { kind: 'invalid', problem: replay.problem };
  if (replay.kind === 'not-reproduced') return { kind: 'not-reproduced', why: replay.why };
  const design = designById(file.model.design)!;
  const property = withCause(propertyById(file.property)!, file.cause);
  const trace = minimizeTrace(design, file.model.params, property, file.trace);
  if (trace.length === file.trace.length) return { kind: 'minimal', property: file.property, steps: trace.length };
  const shrunk = replayCounterexample({ ...file, trace });
  if (shrunk.kind !== 'reproduced') throw new Error('internal: a minimized trace no longer reproduces');
  return {
    kind: 'minimized',
    from: file.trace.length,
    file: newCounterexample({
      model: { ...file.model, fingerprint: modelFingerprint(design, file.model.params) },
      property: file.property,
      cause: file.cause,
      message: shrunk.violation.message,
      search: { engine: 'minimize', from: source },
      trace,
    }),
  };
}
