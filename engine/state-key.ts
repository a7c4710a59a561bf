import { canonicalJson, type World } from '../model/index.ts';

/**
 * The part of a world that changes: everything but the parameters and each
 * slot's static memory layout. Two worlds of one check are equal iff their
 * state keys are.
 */
export function stateKey(world: World): string {
  return canonicalJson([world.processes.map(({ memory: _, ...rest }) => rest), world.ipc]);
}
