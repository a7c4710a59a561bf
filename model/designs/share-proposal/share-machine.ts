import { assign, setup } from 'xstate';
import type { Instance } from '../../instance.ts';
import { advance, initialState, type MachineState } from '../../machine-state.ts';
import type { Region } from '../../mpu/index.ts';

/** One share, as its machine's context: own buffer `buffer`, made for the instance `to`, and who activated it. */
export interface ShareRecord {
  readonly buffer: number;
  /** The identifier the sharer named: the instance the share is for. */
  readonly to: Instance;
  /** The instance that activated it (`to`, unless a rule is missing); null while inactive. */
  readonly holder: Instance | null;
  /** The region the allocator made in the holder's MPU for it; null when inactive or when it made none. */
  readonly region: Region | null;
}

export type ShareEvent = { readonly type: 'activate'; readonly holder: Instance; readonly region: Region | null } | { readonly type: 'deactivate' };

/**
 * The life of one share of `share-proposal` (SPEC.md section 4): `made`
 * by its sharer's share call, `active` once a server activated it (its
 * holder and region recorded), `made` again when deactivated. It ends,
 * in whatever state, when the sharer unshares or either side restarts or
 * faults: the share leaves its sharer's grant (the kernel's rules decide
 * when, and what becomes of the region).
 */
export const shareMachine = setup({
  types: { context: {} as ShareRecord, events: {} as ShareEvent, input: {} as { buffer: number; to: Instance } },
}).createMachine({
  id: 'share',
  initial: 'made',
  context: ({ input }) => ({ buffer: input.buffer, to: input.to, holder: null, region: null }),
  states: {
    made: { on: { activate: { target: 'active', actions: assign({ holder: ({ event }) => event.holder, region: ({ event }) => event.region }) } } },
    active: { on: { deactivate: { target: 'made', actions: assign({ holder: null, region: null }) } } },
  },
});

export type Share = MachineState<ShareRecord>;

/** A share just made of `buffer` for `to`. */
export function newShare(buffer: number, to: Instance): Share {
  return initialState(shareMachine, { buffer, to });
}

/** The share after `event`; the same share if its state ignores it. */
export function shareAfter(share: Share, event: ShareEvent): Share {
  return advance(shareMachine, share, event);
}
