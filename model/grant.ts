import type { Instance } from './instance.ts';

/**
 * A process's IPC grant: what the kernel holds for it on behalf of the IPC
 * driver. Cleared when the process restarts (process_standard.rs
 * `grant_ptrs_reset`).
 *
 * `allows[j]` is the allow-readwrite slot j, the buffer shared with the
 * process at index j (null: nothing, or a zero-length allow); `upcalls[u]`
 * says whether upcall number u is subscribed.
 */
export interface IpcGrant {
  readonly allows: readonly (Allow | null)[];
  readonly upcalls: readonly boolean[];
}

/** A buffer in an allow-readwrite slot. */
export interface Allow {
  readonly buffer: number;
  /** Ghost: the instance the sharer meant to share with (its handle for that slot). */
  readonly intended: Instance;
}

/** A grant with nothing allowed or subscribed, for `slots` process slots. */
export function emptyGrant(slots: number): IpcGrant {
  return { allows: Array<Allow | null>(slots).fill(null), upcalls: Array<boolean>(slots).fill(false) };
}
