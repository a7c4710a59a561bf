import { delivery } from './delivery.ts';
import { discovery } from './discovery.ts';
import { fairness } from './fairness.ts';
import { gracefulExhaustion } from './graceful-exhaustion.ts';
import { isolation } from './isolation.ts';
import type { Property } from './property.ts';
import { Registry } from '../model/index.ts';
import { responseMatching } from './response-matching.ts';
import { revocation } from './revocation.ts';
import { staleGeneration } from './stale-generation.ts';

export type { Property, PropertyId, StepView, Violation } from './property.ts';
export { applies, causesOn, defineProperty, inapplicableWhy, guideFor, withCause, witnessUnreached, WITNESS_UNREACHED } from './property.ts';

/** The properties of SPEC.md section 5 this checker ships, in the order reports list them. */
export const BUILTIN_PROPERTIES: readonly Property[] = [isolation, staleGeneration, gracefulExhaustion, revocation, delivery, responseMatching, fairness, discovery];

const properties = new Registry('property', BUILTIN_PROPERTIES);

/** Every property known in this process: the built-in ones, then those registered from users' files. */
export const PROPERTIES: readonly Property[] = properties.all;

/** Adds a user's property; throws when its id is taken by another property. Registering the same object twice is a no-op. */
export function registerProperty(property: Property): void {
  properties.register(property);
}

/** The property with this id, or undefined. */
export function propertyById(id: string): Property | undefined {
  return properties.byId(id);
}
