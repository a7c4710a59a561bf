import { inSlotOrder, type Design, type Share } from '../../design.ts';
import { accessActions } from '../../kernel-steps.ts';
import { clientSymmetry } from '../../symmetry.ts';
import { currentInstance, slotAt, statusAt, type World } from '../../world.ts';
import { SHARE_KINDS, type ShareAction } from './kinds.ts';
import { SHARE_RULES } from './rules.ts';
import { shareMachine } from './share-machine.ts';
import { renameShares, sharesOf } from './state.ts';

/**
 * Design `share-proposal`: shared memory done right, as SPEC.md section 4
 * proposes it for the TRD's open "IPC Share". A client shares a buffer with
 * a server named by the IPC identifier it discovered; the kernel checks at
 * share time that the identifier is live, that the buffer maps exactly on
 * this architecture and that it overlaps none of the client's other
 * shares; the server activates the share (a region in its own MPU, or
 * NOMEM and nothing changed) and may deactivate it; the client's unshare
 * revokes at once; a restart or fault of either side revokes every share
 * it takes part in. No notifications: the server finds the shares made
 * for it (as if it polled the kernel). Rules: ./rules.ts.
 */

/**
 * Who may touch whose buffer: every active share, for the instance its
 * sharer named. A share not (or no longer) activated entitles its server
 * to activate it, not to touch it: a server that touches a buffer it has
 * not activated faults, by its own error.
 */
function shares(world: World): Share[] {
  return world.processes.flatMap((_, owner) =>
    sharesOf(world, owner)
      .filter((s) => s.holder !== null)
      .map((s) => ({ owner: currentInstance(world, owner), buffer: { owner, buffer: s.buffer }, to: s.to })),
  );
}

/**
 * The actions of slot `by`: (if running) discover each package name in
 * slot order; share each own buffer with each slot it holds an identifier
 * for, unless that very share exists; unshare each own share; activate
 * each inactive share another slot made for this slot, then deactivate
 * each active one; then its memory accesses and its restart.
 */
function enabledAt(world: World, by: number): ShareAction[] {
  const actions: ShareAction[] = [];
  if (statusAt(world, by) === 'running') {
    const handles = slotAt(world, by).app.handles;
    const own = sharesOf(world, by);
    for (const name of new Set(world.processes.map((s) => s.name))) actions.push({ type: 'discover', by, name });
    for (let to = 0; to < world.processes.length; to++) {
      const generation = handles[to];
      if (to === by || generation === null || generation === undefined) continue;
      for (let buffer = 0; buffer < world.params.buffers; buffer++) {
        if (!own.some((s) => s.buffer === buffer && s.to.index === to && s.to.generation === generation)) actions.push({ type: 'share', by, to, buffer });
      }
    }
    for (const s of own) actions.push({ type: 'unshare', by, buffer: s.buffer });
    for (const active of [false, true]) {
      world.processes.forEach((_, from) => {
        if (from === by) return;
        for (const s of sharesOf(world, from)) {
          if (s.to.index === by && (s.holder !== null) === active) actions.push({ type: active ? 'deactivate' : 'activate', by, from, buffer: s.buffer });
        }
      });
    }
  }
  actions.push(...accessActions(world, by));
  if (slotAt(world, by).lifecycle.context.generation < world.params.restarts) actions.push({ type: 'restart', process: by });
  return actions;
}

export const shareProposal: Design = {
  id: 'share-proposal',
  summary: 'SPEC.md section 4: shares checked at share time, activated by the server, revoked at unshare and at restart',
  kinds: SHARE_KINDS,
  rules: SHARE_RULES,
  results: ['SUCCESS', 'INVAL', 'NOMEM', 'NODEVICE', 'OK', 'FAULT', 'RESTARTED'],
  enabled: inSlotOrder(enabledAt),
  enabledAt,
  emits: ['map-request', 'reached:mapping', 'reached:pointer', 'handover', 'access', 'discovered'],
  losses: [],
  shares,
  stateMachines: [shareMachine],
  symmetric: clientSymmetry,
  renameIpc: renameShares,
};
