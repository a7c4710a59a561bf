import type { World } from './world.ts';

/** A canonical, run-independent string naming one world state. */
export type WorldKey = string & { readonly __brand: 'WorldKey' };

/**
 * The canonical key of a world: JSON with object keys sorted at every level,
 * so two equal worlds get the same key whatever order their objects were
 * built in. Arrays keep their order (it is meaningful: queues, slots).
 */
export function worldKey(world: World): WorldKey {
  return canonicalJson(world) as WorldKey;
}

/** JSON of `value` with sorted object keys; `undefined` fields are dropped, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
