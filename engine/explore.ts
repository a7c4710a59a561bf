import { exploreApplicable, type ExploreOptions, type ExploreResult } from './bfs.ts';
import { explorePacked } from './packed/index.ts';
import { exploreParallel } from './parallel/index.ts';

/** The search `options` ask for: the packed explorer in this thread (its result at once), or the parallel one with `options.workers` threads. */
export function exploreWith(options: ExploreOptions & { readonly workers: number }): ExploreResult | Promise<ExploreResult> {
  if (options.workers === 1) return exploreApplicable(options, explorePacked);
  return exploreApplicable(options, (o) => exploreParallel(o, options.workers));
}
