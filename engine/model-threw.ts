import { step, type Action, type Design, type World } from '../model/index.ts';

/**
 * The model threw: on the last step of `trace`, or while listing the
 * actions enabled in the world `trace` leads to. A bug of the design (or
 * of the checker), reported as an `error` with its trace by every
 * engine, never as a violation. `message` is the first line of what was
 * thrown.
 */
export class ModelThrew extends Error {
  constructor(
    message: string,
    readonly trace: readonly Action[],
  ) {
    super(message.split('\n')[0]!);
  }
}

/** `step`, or `ModelThrew` with the trace `traceTo()` when the model throws. */
export function stepOrThrew(design: Design, world: World, action: Action, traceTo: () => Action[]): ReturnType<typeof step> {
  try {
    return step(design, world, action);
  } catch (e) {
    throw new ModelThrew(messageOf(e), traceTo());
  }
}

/** `design.enabled(world)`, or `ModelThrew` with the trace `traceTo()` to `world` when the model throws. */
export function enabledOrThrew(design: Design, world: World, traceTo: () => Action[]): readonly Action[] {
  try {
    return design.enabled(world);
  } catch (e) {
    throw new ModelThrew(`listing the enabled actions: ${messageOf(e)}`, traceTo());
  }
}

/** What was thrown, as text. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
