import { match } from 'ts-pattern';
import { bufferCount, numProcs, type Fields, type KindTable, type WorldParams } from '../model/index.ts';

/**
 * Why a value read from a file is not an action of `kinds` that can name
 * something in a world of `params`, as `field: problem` (the field under
 * the action), or null. Derived from the kind table: each field is checked
 * as its kind says, and a field the kind lacks is refused.
 */
export function actionProblem(kinds: KindTable, value: unknown, params: WorldParams): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '(action): not an object';
  const record = value as Record<string, unknown>;
  const type = record.type;
  const known = Object.keys(kinds);
  if (typeof type !== 'string' || !Object.hasOwn(kinds, type)) return `type: not an action kind of this design (known: ${known.join(', ')})`;
  const { fields } = kinds[type]!;
  for (const name of Object.keys(record)) {
    if (name !== 'type' && !Object.hasOwn(fields, name)) return `${name}: '${type}' has no such field`;
  }
  const slots = params.clients + 1;
  for (const [name, field] of Object.entries(fields as Fields)) {
    const v = record[name];
    if (v === undefined) return `${name}: missing`;
    const problem = match(field)
      .with({ kind: 'slot' }, () => (!isNat(v) ? 'not a slot index' : v >= slots ? `no process slot ${v} (the world has ${slots})` : null))
      .with({ kind: 'number' }, () => (!isNat(v) ? 'not an IPC number' : v > numProcs(params) ? `no IPC number ${v} (NUM_PROCS is ${numProcs(params)}; ${numProcs(params)} stands for every number past it)` : null))
      .with({ kind: 'buffer' }, () => (!isNat(v) ? 'not a buffer number' : v >= bufferCount(params) ? `no buffer ${v} (each process has ${bufferCount(params)})` : null))
      .with({ kind: 'address' }, () => (isNat(v) && v <= 0xffff_ffff ? null : 'not a 32-bit address'))
      .with({ kind: 'name' }, () => (typeof v === 'string' && v.length <= 64 ? null : 'not a name of at most 64 characters'))
      .with({ kind: 'choice' }, (c) => (typeof v === 'string' && c.values.includes(v) ? null : `not one of ${c.values.join(', ')}`))
      .exhaustive();
    if (problem !== null) return `${name}: ${problem}`;
  }
  return null;
}

/** The trace as actions, or the first problem as `trace.I.field: problem`. */
export function traceProblem(kinds: KindTable, trace: readonly unknown[], params: WorldParams): string | null {
  for (const [i, value] of trace.entries()) {
    const problem = actionProblem(kinds, value, params);
    if (problem !== null) return `trace.${i}.${problem}`;
  }
  return null;
}

function isNat(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

