import type { Handler } from '../design.ts';
import { appBreakOf, kernelBreakOf } from '../growth.ts';
import { GRANT_SIZES, type GrantName } from '../memory-layout.ts';
import { mpuAfter } from '../mpu-machine.ts';
import { outcome } from '../outcome.ts';
import { hex } from '../spans.ts';
import { slotAt, withSlot, type World } from '../world.ts';
import type { LegacyAction } from './legacy-kinds.ts';

/**
 * `tock-2.2`'s memory growth, in worlds with `heap` (process_standard.rs
 * at release-2.2; in other worlds memory use never moves and every grant
 * counts as allocated from the start). A grant is allocated on first use,
 * downward from the kernel break, only if it stays at or above the app
 * break and the MPU accepts the new breaks (2222-2274); the heap grows by
 * sbrk only to at most the kernel break, with the MPU's consent (839-876).
 * Nothing else is checked: in particular not what another process's MPU
 * still reaches in the memory a grant now takes.
 */

/** The world with `name` allocated in slot `index`'s grant region: unchanged if it is already, or memory never moves; null if it does not fit. */
export function withGrant(world: World, index: number, name: GrantName): World | null {
  const slot = slotAt(world, index);
  if (world.params.heap !== 1 || slot.growth.grants.includes(name)) return world;
  const kernelBreak = kernelBreakOf(slot) - GRANT_SIZES[name];
  if (kernelBreak < appBreakOf(slot)) return null;
  const mpu = mpuAfter(slot.mpu, { type: 'moveBreaks', appBreak: appBreakOf(slot), kernelBreak });
  if (mpu === slot.mpu) return null;
  return withSlot(world, index, (s) => ({ ...s, mpu, growth: { ...s.growth, grants: [...s.growth.grants, name] } }));
}

/** A syscall of the IPC driver: entering its grant allocates it first; NOMEM when it does not fit (kernel.rs `try_allocate_grant`). */
export function inIpcGrant<A extends Extract<LegacyAction, { by: number }>>(handler: Handler<A>): Handler<A> {
  return (world, action) => {
    const entered = withGrant(world, action.by, 'ipc');
    if (entered === null) return { world, outcome: outcome('NOMEM', `no room for #${action.by}'s IPC grant below its kernel break`) };
    return handler(entered, action);
  };
}

/** memop sbrk: the app break moves up by HEAP_STEP, unless that passes the kernel break or the MPU refuses (NOMEM). */
export const sbrk: Handler<Extract<LegacyAction, { type: 'sbrk' }>> = (world, { by }) => {
  const slot = slotAt(world, by);
  const grown = { ...slot, growth: { ...slot.growth, heap: true } };
  const appBreak = appBreakOf(grown);
  if (appBreak > kernelBreakOf(slot)) return { world, outcome: outcome('NOMEM', `the break would pass #${by}'s kernel break at ${hex(kernelBreakOf(slot))}`) };
  const mpu = mpuAfter(slot.mpu, { type: 'moveBreaks', appBreak, kernelBreak: kernelBreakOf(slot) });
  if (mpu === slot.mpu) return { world, outcome: outcome('NOMEM', `the MPU cannot move #${by}'s break to ${hex(appBreak)}`) };
  return { world: withSlot(world, by, () => ({ ...grown, mpu })), outcome: outcome('SUCCESS', `#${by}'s break moved up to ${hex(appBreak)}`) };
};

/** A syscall to another driver, whose grant is allocated on first use (NOMEM when it does not fit). */
export const useDriver: Handler<Extract<LegacyAction, { type: 'use-driver' }>> = (world, { by }) => {
  const next = withGrant(world, by, 'driver');
  if (next === null) return { world, outcome: outcome('NOMEM', `no room for the driver's grant below #${by}'s kernel break`) };
  return { world: next, outcome: outcome('SUCCESS', `grant allocated: #${by}'s kernel break now ${hex(kernelBreakOf(slotAt(next, by)))}`) };
};
