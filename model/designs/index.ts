import type { Design } from '../design.ts';
import { legacy3 } from './legacy-3.ts';
import { shareProposal } from './share-proposal/design.ts';
import { SHARE_PROPOSAL_VARIANTS } from './share-proposal/variants.ts';
import { tock22 } from './tock-2.2.ts';

/** Every design, by id, in the order `list` shows them. */
export const DESIGNS: readonly Design[] = [tock22, legacy3, shareProposal, ...SHARE_PROPOSAL_VARIANTS];

/** The design the CLI checks when none is named. */
export const DEFAULT_DESIGN = 'tock-2.2';

/** The design with this id, or undefined. */
export function designById(id: string): Design | undefined {
  return DESIGNS.find((d) => d.id === id);
}
