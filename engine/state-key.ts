import { canonicalJson, frozenJson, type ProcessSlot, type World } from '../model/index.ts';

/**
 * The part of a world that changes: everything but the parameters and each
 * slot's static memory layout. Two worlds of one check are equal iff their
 * state keys are. The key is `canonicalJson([slots without memory, ipc])`,
 * written from a key kept per slot object and per `ipc` object: a step
 * shares the slots it leaves alone, so a search writes only what changed.
 */
export function stateKey(world: World): string {
  return `[[${world.processes.map(slotKey).join(',')}],${partKey(world.ipc)}]`;
}

/** Per slot object, its key without `memory` (kept apart from `frozenJson`'s: not the JSON of the slot itself). */
const slotKeys = new WeakMap<object, string>();

/**
 * `canonicalJson` of the slot without `memory`, written field by field from
 * each field's own key (`partKey`): a step replaces a part or two of one
 * slot, so the parts it left alone are not written again.
 */
function slotKey(slot: ProcessSlot): string {
  let key = slotKeys.get(slot);
  if (key === undefined) {
    const fields: string[] = [];
    for (const name of Object.keys(slot).sort()) {
      const value = (slot as unknown as Record<string, unknown>)[name];
      if (name === 'memory' || value === undefined) continue;
      fields.push(`${JSON.stringify(name)}:${partKey(value)}`);
    }
    slotKeys.set(slot, (key = `{${fields.join(',')}}`));
  }
  return key;
}

function partKey(part: unknown): string {
  return part === null || typeof part !== 'object' ? canonicalJson(part) : frozenJson(part);
}
