import type { World } from '../model/index.ts';
import type { CounterexampleFile } from './counterexample-file.ts';
import type { ReplayedStep } from './replay.ts';

/**
 * A replayed counterexample in the Informal Trace Format (ITF) of Apalache
 * and Quint (ADR-015): one state per step, the initial world first, each
 * with the variables `world`, `action` (the action that led there) and
 * `outcome`. Integers are `{"#bigint": "..."}`, records are objects, lists
 * are arrays; `null` and the missing first action are the variant `None`,
 * a present action `Some`, as Quint writes an Option.
 */
export function itfTrace(file: CounterexampleFile, source: string, worlds: readonly World[], steps: readonly ReplayedStep[]): object {
  const none = { tag: 'None', value: { '#tup': [] } };
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source,
      description: `tock-ipc-check counterexample: ${file.property} on ${file.model.design}: ${file.message}`,
    },
    vars: ['world', 'action', 'outcome'],
    states: worlds.map((world, index) => {
      const step = steps[index - 1];
      return {
        '#meta': { index },
        world: itfValue(world),
        action: step === undefined ? none : { tag: 'Some', value: itfValue(step.action) },
        outcome: step === undefined ? none : { tag: 'Some', value: itfValue(step.outcome) },
      };
    }),
  };
}

/** A JSON value in ITF's encoding. */
export function itfValue(value: unknown): unknown {
  if (value === null || value === undefined) return { tag: 'None', value: { '#tup': [] } };
  if (typeof value === 'number') return { '#bigint': String(value) };
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(itfValue);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, itfValue(v)]));
}
