import { createHash } from 'node:crypto';
import { canonicalJson, initialWorld, step, worldKey, type Design, type WorldParams } from '../model/index.ts';

/** Probe walks and their length: enough to touch every action kind of a small world. */
const WALKS = 64;
const STEPS = 40;

const cache = new Map<string, string>();

/**
 * A fingerprint of the model's behaviour for one design and world size:
 * the hash of every world, result and observation along fixed
 * pseudo-random walks (a seeded xorshift, no global randomness). It
 * changes when a change to the model changes what those steps do, and
 * stays put for edits that do not (comments, refactorings, the wording of
 * a step's note). 16 hex digits. Kept per design id and size.
 */
export function modelFingerprint(design: Design, params: WorldParams): string {
  const key = fingerprintKey(design, params);
  const known = cache.get(key);
  if (known !== undefined) return known;
  const fingerprint = behaviourFingerprint(design, params);
  cache.set(key, fingerprint);
  return fingerprint;
}

/** `modelFingerprint` computed afresh, not kept: what a test compares between a design and a variant of the same id. */
export function behaviourFingerprint(design: Design, params: WorldParams): string {
  const hash = createHash('sha256');
  hash.update(fingerprintKey(design, params));
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  for (let walk = 0; walk < WALKS; walk++) {
    let world = initialWorld(params);
    for (let i = 0; i < STEPS; i++) {
      const enabled = design.enabled(world);
      if (enabled.length === 0) break;
      const result = step(design, world, enabled[next() % enabled.length]!);
      world = result.world;
      hash.update(worldKey(world));
      // The result and observations, not the note: rewording a step's note for people changes no behaviour.
      hash.update(canonicalJson({ result: result.outcome.result, observations: result.outcome.observations }));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** What a fingerprint is of: the design's id and the world's size, hashed first and the cache's key. */
function fingerprintKey(design: Design, params: WorldParams): string {
  return `${design.id}/${canonicalJson(params)}`;
}
