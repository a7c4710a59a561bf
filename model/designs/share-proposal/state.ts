import type { Instance } from '../../instance.ts';
import type { Region } from '../../mpu/index.ts';
import type { Renaming } from '../../symmetry.ts';
import { NO_IPC_STATE, slotAt, withSlot, type IpcState, type World } from '../../world.ts';

/**
 * What `share-proposal` keeps per process, in its grant (`ProcessSlot.ipc`):
 * the shares it made, one per buffer, sorted by buffer. The kernel keeps a
 * share by its buffer, as Tock keeps an allow by its slot: a second share
 * of the same buffer would overwrite the first, which the overlap check
 * refuses.
 */
export interface ShareState extends IpcState {
  readonly shares?: readonly ShareRecord[];
}

/** One share: own buffer `buffer`, made for the instance `to`, and which instance activated it. */
export interface ShareRecord {
  readonly buffer: number;
  /** The identifier the sharer named: the instance the share is for. */
  readonly to: Instance;
  /** The instance that activated it (`to`, unless a rule is missing); null while inactive. */
  readonly holder: Instance | null;
  /** The region the allocator made in the holder's MPU for it; null when inactive or when it made none. */
  readonly region: Region | null;
}

/** The shares slot `owner` made. */
export function sharesOf(world: World, owner: number): readonly ShareRecord[] {
  return (slotAt(world, owner).ipc as ShareState).shares ?? [];
}

/** The share of `owner`'s buffer `buffer`, if any. */
export function shareOf(world: World, owner: number, buffer: number): ShareRecord | undefined {
  return sharesOf(world, owner).find((s) => s.buffer === buffer);
}

/** The world with slot `owner`'s shares replaced by `f` of them (kept sorted by buffer). */
export function withShares(world: World, owner: number, f: (shares: readonly ShareRecord[]) => readonly ShareRecord[]): World {
  const shares = [...f(sharesOf(world, owner))].sort((a, b) => a.buffer - b.buffer);
  return withSlot(world, owner, (slot) => ({ ...slot, ipc: shares.length === 0 ? NO_IPC_STATE : { shares } }));
}

/** The world with the share of `owner`'s buffer `buffer` replaced by `f` of it. */
export function withShare(world: World, owner: number, buffer: number, f: (share: ShareRecord) => ShareRecord): World {
  return withShares(world, owner, (shares) => shares.map((s) => (s.buffer === buffer ? f(s) : s)));
}

/** A process's shares under a client permutation: the instance each is for, and its region's address, move. */
export function renameShares(state: IpcState, renaming: Renaming): IpcState {
  const shares = (state as ShareState).shares;
  if (shares === undefined) return state;
  return {
    shares: shares.map((s) => ({
      ...s,
      to: renaming.instance(s.to),
      holder: s.holder && renaming.instance(s.holder),
      region: s.region && { start: renaming.address(s.region.start), size: s.region.size },
    })),
  };
}
