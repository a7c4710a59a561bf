import type { World } from '../model/index.ts';
import { WITNESS_UNREACHED, type Property } from '../properties/index.ts';
import type { ExploreResult, ExploreVerdict, Partition } from './bfs.ts';
import type { Shard } from './random.ts';
import { stateKey } from './state-key.ts';

/**
 * `explore --shard I/N`: every shard searches breadth-first to the split
 * depth (the same work in each), keeps the states of that level whose
 * stable hash falls in its part, and searches below them with its own
 * visited set; `merge` combines the shards' verdicts. A state below the
 * split reachable from several parts is stored by each of their shards:
 * the overlap `mergeExploreParts` reports.
 */

/** A 52-bit hash of a state key: FNV-1a twice, with two offsets (exact as a JSON number; collisions negligible at millions of states). */
export function stateHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0) * 2 ** 20 + ((b >>> 0) & 0xfffff);
}

/** Shard `shard`'s partition of the level at `depth`, and the hashes of the states it will have stored. */
export function partitionOf(shard: Shard, depth: number): { partition: Partition; hashes: number[] } {
  const hashes: number[] = [];
  return {
    hashes,
    partition: {
      depth,
      mine: (world: World) => stateHash(stateKey(world)) % shard.count === shard.index - 1,
      stored: (key) => hashes.push(stateHash(key)),
    },
  };
}

/** One shard's search, as `merge` reads it. */
export interface ExplorePart {
  readonly result: ExploreResult;
  readonly hashes: readonly number[];
}

/** The shards' results as one search's, and how many states they stored in all against how many distinct ones. */
export function mergeExploreParts(properties: readonly Property[], parts: readonly ExplorePart[]): { result: ExploreResult; stored: number; distinct: number } {
  const verdicts = properties.map((p): ExploreVerdict => {
    const all = parts.map((part) => part.result.verdicts.find((v) => v.property === p.id)!);
    const error = all.find((v) => v.status === 'error');
    if (error !== undefined) return error;
    const violated = all.filter((v) => v.status === 'violated').sort((a, b) => a.trace.length - b.trace.length);
    if (violated.length > 0) return violated[0]!;
    const notApplicable = all.find((v) => v.status === 'n/a');
    if (notApplicable !== undefined) return notApplicable;
    // A bound in any shard leaves the property open; a witness reached in any shard is reached.
    const bounded = all.find((v) => v.status === 'inconclusive' && !v.bound.startsWith(WITNESS_UNREACHED));
    if (bounded !== undefined) return bounded;
    return all.some((v) => v.status === 'held') ? { property: p.id, status: 'held' } : all[0]!;
  });
  const results = parts.map((part) => part.result);
  const depthCovered = Math.min(...results.map((r) => r.depthCovered));
  const bound = results.find((r) => r.bound !== null)?.bound ?? null;
  const distinct = new Set(parts.flatMap((part) => part.hashes)).size;
  const stored = parts.reduce((n, part) => n + part.hashes.length, 0);
  return {
    result: { depth: Math.min(...results.map((r) => r.depth)), depthCovered, states: distinct, transitions: results.reduce((n, r) => n + r.transitions, 0), bound, verdicts },
    stored,
    distinct,
  };
}
