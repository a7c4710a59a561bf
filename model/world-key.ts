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

/**
 * JSON of `value` with sorted object keys; `undefined` fields are dropped,
 * as JSON does. Native `JSON.stringify` does the writing; objects whose keys
 * are out of order are copied in order first (most already are).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'null';
}

/**
 * `canonicalJson` of a value the model never changes once built (an
 * action, a slot, a part), written once per object: searches ask for the
 * key of the same objects over and over, since a step shares what it
 * leaves alone.
 */
export function frozenJson(value: object): string {
  let key = frozenKeys.get(value);
  if (key === undefined) frozenKeys.set(value, (key = canonicalJson(value)));
  return key;
}

const frozenKeys = new WeakMap<object, string>();

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.every((k, i) => i === 0 || keys[i - 1]! <= k)) return value;
  const ordered: Record<string, unknown> = {};
  for (const k of keys.sort()) ordered[k] = (value as Record<string, unknown>)[k];
  return ordered;
}
