import { delivery } from './delivery.ts';
import { gracefulExhaustion } from './graceful-exhaustion.ts';
import { isolation } from './isolation.ts';
import type { Property } from './property.ts';
import { revocation } from './revocation.ts';
import { staleGeneration } from './stale-generation.ts';

export type { Property, PropertyId, StepView, Violation } from './property.ts';
export { applies, withCause } from './property.ts';

/** Every property, in the order reports list them. */
export const PROPERTIES: readonly Property[] = [isolation, staleGeneration, gracefulExhaustion, revocation, delivery];

/** The property with this id, or undefined. */
export function propertyById(id: string): Property | undefined {
  return PROPERTIES.find((p) => p.id === id);
}
