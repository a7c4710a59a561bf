import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exploreBfs } from '../../engine/bfs.ts';
import { checkScenario, runTrace } from '../../engine/index.ts';
import { explorePacked } from '../../engine/packed/packed-bfs.ts';
import { defaultParams, designById, type Action, type WorldParams } from '../../model/index.ts';
import { PROPERTIES } from '../../properties/index.ts';
import { correctUse } from '../../scenarios/correct-use.ts';
import { SCENARIOS } from '../../scenarios/index.ts';

/**
 * The design files that hold no design of their own, each with the
 * designs built on it: every such design passes the agreement test
 * (packed explorer = reference) and runs a witness flow to its end with
 * the results Tock gives, so a change to the file shows in a test that
 * names it.
 */
const FILES = {
  'legacy-kinds': ['tock-2.2', 'tock-2.2/libtock-c', 'legacy-3'],
  'tock-2.2-delivery': ['tock-2.2', 'tock-2.2/libtock-c'],
  'tock-2.2-libtock-c': ['tock-2.2/libtock-c'],
  'tock-2.2-memory': ['tock-2.2', 'tock-2.2/libtock-c'],
  'tock-2.2-wait-for': ['tock-2.2', 'tock-2.2/libtock-c'],
  'share-proposal/share-machine': ['share-proposal'],
} as const;

const params: WorldParams = { ...defaultParams('abstract'), clients: 2, buffers: 1, queue: 2 };

/** The world a file's agreement test explores, where it differs: memory growth shows only with `heap`. */
const WORLD: Partial<Record<keyof typeof FILES, WorldParams>> = { 'tock-2.2-memory': { ...params, heap: 1 } };

/** A flow each design runs to its end: a scenario that expects it, or a hand-written one with its results. */
const WITNESS: Record<string, { trace: Action[]; results: string[] }> = {
  'tock-2.2/libtock-c': {
    // correct-use up to the service's upcall: the calls the rng programs make first.
    trace: correctUse.trace.slice(0, 8),
    results: ['SUCCESS(0)', 'SUCCESS', 'SUCCESS(0)', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'IPC', 'UPCALL'],
  },
  'legacy-3': {
    trace: [
      { type: 'discover', by: 1, name: 'service' },
      { type: 'share', by: 1, to: 0, buffer: 0 },
      { type: 'notify', by: 1, to: 0, kind: 'service' },
      { type: 'deliver', process: 0 },
    ],
    results: ['SUCCESS(0)', 'SUCCESS', 'SUCCESS', 'UPCALL'],
  },
};

describe.each(Object.entries(FILES))('model/designs/%s.ts', (file, designs) => {
  it('exists', () => {
    expect(existsSync(new URL(`../../model/designs/${file}.ts`, import.meta.url))).toBe(true);
  });

  it.each(designs)('%s: the packed explorer agrees with the reference one to depth 3', (id) => {
    const options = { design: designById(id)!, params: WORLD[file as keyof typeof FILES] ?? params, properties: PROPERTIES, maxDepth: 3, maxStates: 1_000_000 };
    expect(explorePacked(options)).toEqual(exploreBfs(options));
  });

  it.each(designs)('%s: runs a witness flow to its end with the results expected', (id) => {
    const design = designById(id)!;
    const scenarios = SCENARIOS.filter((s) => s.expected[id] !== undefined);
    if (scenarios.length > 0) {
      for (const s of scenarios) expect(checkScenario(s, design)).toMatchObject({ status: 'matched' });
      return;
    }
    const witness = WITNESS[id]!;
    const run = runTrace(design, defaultParams('abstract'), [], witness.trace);
    expect(run.kind).toBe('completed');
    expect(run.steps.map((s) => s.outcome.result)).toEqual(witness.results);
  });
});
