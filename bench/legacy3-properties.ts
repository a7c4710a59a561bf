/** The properties of the benchmark model, in its order. */
export const LEGACY3_PROPERTIES = ['isolation', 'graceful-exhaustion', 'stale-generation'] as const;

/** One of the benchmark model's property names. */
export type Legacy3PropertyId = (typeof LEGACY3_PROPERTIES)[number];

/** Per property, the shortest counterexample's length (BFS depth of the violating step's source + 1), or null when none exists. */
export type ShortestViolations = Readonly<Record<Legacy3PropertyId, number | null>>;
