import type { Renaming } from '../../symmetry.ts';
import { NO_IPC_STATE, slotAt, withSlot, type IpcState, type World } from '../../world.ts';
import { newShare, shareAfter, type Share, type ShareEvent, type ShareRecord } from './share-machine.ts';

export type { ShareRecord } from './share-machine.ts';

/**
 * What `share-proposal` keeps per process, in its grant (`ProcessSlot.ipc`):
 * the shares it made, one per buffer, sorted by buffer, each a snapshot of
 * its `shareMachine`. The kernel keeps a share by its buffer, as Tock
 * keeps an allow by its slot: a second share of the same buffer would
 * overwrite the first, which the overlap check refuses.
 */
export interface ShareState extends IpcState {
  readonly shares?: readonly Share[];
}

function snapshotsOf(world: World, owner: number): readonly Share[] {
  return (slotAt(world, owner).ipc as ShareState).shares ?? [];
}

/** The shares slot `owner` made, as their machines' contexts. */
export function sharesOf(world: World, owner: number): readonly ShareRecord[] {
  return snapshotsOf(world, owner).map((s) => s.context);
}

/** The share of `owner`'s buffer `buffer`, if any. */
export function shareOf(world: World, owner: number, buffer: number): ShareRecord | undefined {
  return sharesOf(world, owner).find((s) => s.buffer === buffer);
}

function withSnapshots(world: World, owner: number, shares: readonly Share[]): World {
  const sorted = [...shares].sort((a, b) => a.context.buffer - b.context.buffer);
  return withSlot(world, owner, (slot) => ({ ...slot, ipc: sorted.length === 0 ? NO_IPC_STATE : { shares: sorted } }));
}

/** The world with a new share of `owner`'s buffer `buffer` for `to` (replacing any share of that buffer). */
export function withNewShare(world: World, owner: number, buffer: number, to: ShareRecord['to']): World {
  return withSnapshots(world, owner, [...snapshotsOf(world, owner).filter((s) => s.context.buffer !== buffer), newShare(buffer, to)]);
}

/** The world with the share of `owner`'s buffer `buffer` sent `event`. */
export function withShareEvent(world: World, owner: number, buffer: number, event: ShareEvent): World {
  return withSnapshots(world, owner, snapshotsOf(world, owner).map((s) => (s.context.buffer === buffer ? shareAfter(s, event) : s)));
}

/** The world with `owner`'s shares that `ends` picks ended: gone from its grant. */
export function withSharesEnded(world: World, owner: number, ends: (share: ShareRecord) => boolean): World {
  return withSnapshots(world, owner, snapshotsOf(world, owner).filter((s) => !ends(s.context)));
}

/** A process's shares under a client permutation: the instance each is for, and its region's address, move. */
export function renameShares(state: IpcState, renaming: Renaming): IpcState {
  const shares = (state as ShareState).shares;
  if (shares === undefined) return state;
  return {
    shares: shares.map((s) => ({
      ...s,
      context: {
        ...s.context,
        to: renaming.instance(s.context.to),
        holder: s.context.holder && renaming.instance(s.context.holder),
        region: s.context.region && { start: renaming.address(s.context.region.start), size: s.context.region.size },
      },
    })),
  };
}
