import type { Action } from './action.ts';
import type { BufferRef, Instance } from './instance.ts';
import type { Outcome } from './outcome.ts';
import type { World } from './world.ts';

/** The world after one step and what the step did. */
export interface StepResult {
  readonly world: World;
  readonly outcome: Outcome;
}

/** How a design handles one kind of action; pure. */
export type Handler<T extends Action['type']> = (world: World, action: Extract<Action, { type: T }>) => StepResult;

/** One handler per action kind: the named pieces a design gives the kernel skeleton. */
export type KernelHandlers = { readonly [T in Action['type']]: Handler<T> };

/** Ghost: `owner` currently shares `buffer` with instance `to`. */
export interface Share {
  readonly owner: Instance;
  readonly buffer: BufferRef;
  readonly to: Instance;
}

/**
 * An IPC design: what differs between Tock's legacy IPC and its redesigns.
 *
 * `enabled` lists the actions possible next in a stable, documented order
 * (the random engine's choices index into it, so a change of order changes
 * which trace a seed finds): those of `enabledAt` slot 0, then slot 1, and
 * so on. `enabledAt(world, i)` lists the actions that slot i's program or
 * the kernel's handling of slot i offers; it should read little besides
 * slot i, since the exhaustive explorer memoises it on the slots it reads.
 * `shares` is the design's ground truth of who may
 * touch whose buffer, read by the properties.
 */
export interface Design {
  readonly id: string;
  readonly summary: string;
  readonly handlers: KernelHandlers;
  /**
   * Every result code its handlers can return (`resultCode` of
   * `Outcome.result`: `SUCCESS(2)` counts as `SUCCESS`), in the order
   * reports list them. Coverage reports measure against it;
   * test/model/design-results.test.ts checks that no step returns another.
   */
  readonly results: readonly string[];
  enabled(world: World): readonly Action[];
  enabledAt(world: World, index: number): readonly Action[];
  shares(world: World): readonly Share[];
}

/** `enabled` made of `enabledAt`: the actions of every slot, in slot order. */
export function inSlotOrder(enabledAt: Design['enabledAt']): Design['enabled'] {
  return (world) => world.processes.flatMap((_, index) => enabledAt(world, index));
}
