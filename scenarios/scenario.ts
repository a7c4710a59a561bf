import type { Action, World, WorldParams } from '../model/index.ts';
import type { PropertyId } from '../properties/index.ts';

/**
 * A named, hand-written trace with what each design is expected to do with
 * it: for every property that the trace violates, the 1-based step at which
 * it first does. A property absent from the map must hold on the whole trace.
 */
export interface Scenario {
  readonly id: string;
  readonly summary: string;
  /** The SPEC.md section 2 hazard it shows, if any. */
  readonly hazard?: number;
  /** The world it runs in. */
  readonly params: WorldParams;
  readonly trace: readonly Action[];
  readonly expected: { readonly [design: string]: Partial<Record<PropertyId, number>> };
  /**
   * For some designs of `expected`, the result each step must return
   * (`SUCCESS(0)`, `NOMEM`, `UPCALL`...), or null where the scenario does
   * not say. Written with `defineScenario`'s `->` column.
   */
  readonly results?: { readonly [design: string]: readonly (string | null)[] };
  /**
   * Where the applications it follows mean to end, checked on the last
   * world under every design of `expected`: a trace that holds every
   * property by doing nothing does not pass. Null when the end is reached,
   * else what is missing.
   */
  readonly end?: { readonly says: string; missing(world: World): string | null };
}
