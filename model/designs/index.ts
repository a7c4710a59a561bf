import type { Design } from '../design.ts';
import { Registry } from '../registry.ts';
import { ipc2026, ipc2026Fair } from './ipc-2026/design.ts';
import { IPC_2026_VARIANTS } from './ipc-2026/variants.ts';
import { legacy3 } from './legacy-3.ts';
import { shareProposal } from './share-proposal/design.ts';
import { SHARE_PROPOSAL_VARIANTS } from './share-proposal/variants.ts';
import { tock22 } from './tock-2.2.ts';
import { tock22LibtockC } from './tock-2.2-libtock-c.ts';
import { hubris } from './surveyed/hubris.ts';
import { redoxShm } from './surveyed/redox-shm.ts';
import { rustChannel } from './surveyed/rust-channel.ts';
import { threadxQueue } from './surveyed/threadx-queue.ts';

/** The designs this checker ships, in the order `list` shows them. */
export const BUILTIN_DESIGNS: readonly Design[] = [tock22, tock22LibtockC, legacy3, shareProposal, ...SHARE_PROPOSAL_VARIANTS, ipc2026, ipc2026Fair, ...IPC_2026_VARIANTS, hubris, threadxQueue, rustChannel, redoxShm];

const designs = new Registry('design', BUILTIN_DESIGNS);

/** Every design known in this process: the built-in ones, then those registered from users' files. */
export const DESIGNS: readonly Design[] = designs.all;

/** Adds a user's design; throws when its id is taken by another design. Registering the same object twice is a no-op. */
export function registerDesign(design: Design): void {
  designs.register(design);
}

/** The design the CLI checks when none is named. */
export const DEFAULT_DESIGN = 'tock-2.2';

/** The design with this id, or undefined. */
export function designById(id: string): Design | undefined {
  return designs.byId(id);
}
