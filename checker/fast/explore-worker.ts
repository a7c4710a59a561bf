/**
 * A worker of `exploreParallel`: expands the states of each level it is
 * handed, a chunk of consecutive states at a time from a shared counter,
 * and adds their successors to the shared visited set. Its memo is its
 * own, and a miss in it is looked up in the memo all workers share before
 * it is computed; slot, part and action ids are shared, so what it stores
 * any worker can read.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { match } from 'ts-pattern';
import { designById, initialWorld } from '../../model/index.ts';
import { propertyById, type Violation } from '../../properties/index.ts';
import { Coverage } from '../coverage.ts';
import { Canonicalizer } from './canonical.ts';
import type { FoundBy, FromWorker, StopReason, ToWorker, WorkerSetup } from './explore-messages.ts';
import { Expander } from './expander.ts';
import { SharedActionIds } from './shared-action-ids.ts';
import { SharedMemo } from './shared-memo.ts';
import { SharedSlotTable } from './shared-slot-table.ts';
import { SharedVisited } from './shared-visited.ts';

/** States expanded between looks at the shared counters (a power of two): reading memory another core writes costs a cache miss. */
const CHECK_EVERY = 32;
const setup = workerData as WorkerSetup;
const port = parentPort!;
const design = designById(setup.design)!;
const properties = setup.properties.map((id) => propertyById(id)!);
const root = initialWorld(setup.params);
const width = root.processes.length;
const table = new SharedSlotTable(root.processes, setup.slots);
const canonical = setup.symmetry ? new Canonicalizer(setup.params, table, width) : null;
const coverage = setup.coverage ? new Coverage(design) : undefined;
const found: FoundBy[] = [];
const violated = new Int32Array(setup.violated);
const allViolated = properties.length === 0 ? -1 : 2 ** properties.length - 1;
let state = 0;
const expander = new Expander(
  { design, params: setup.params, properties, coverage, table, actionIds: new SharedActionIds(setup.actions), canonical, width, shared: new SharedMemo(setup.memo) },
  (property, action, violation) => {
    found.push({ property, state, tail: [{ action, perm: 0 }], violation });
    Atomics.or(violated, 0, 1 << property);
  },
);
const onBeyond = (property: number, successor: number, action: number, violation: Violation) => {
  const tail = [{ action: expander.batchActions[successor]!, perm: expander.batchPerms[successor]! }, { action, perm: 0 }];
  found.push({ property, state, tail, violation });
};
const next = new Int32Array(setup.level);
const ids = new Int32Array(width);
let visited: SharedVisited | null = null;
let end = 0;
let maxStates = 0;
let share = 1;
let minChunk = 1;
let last = false;
/** Whether a successor on the last level was not yet stored. */
let beyond = false;
/** The chunk in hand: states `from` to `to` (exclusive). */
let from = 0;
let to = 0;

/** Expands states until the level is done, the set must grow or is full, or nothing is left to find. */
function run(set: SharedVisited): StopReason {
  for (;;) {
    if (from >= to) {
      // Two workers may size their chunks from the same look at the counter: harmless, chunks only need to be disjoint.
      const chunk = Math.max(minChunk, Math.ceil((end - Atomics.load(next, 0)) / share));
      from = Atomics.add(next, 0, chunk);
      if (from >= end) return 'done';
      to = Math.min(from + chunk, end);
    }
    if (set.isHole(from)) {
      from++;
      continue;
    }
    if ((from & (CHECK_EVERY - 1)) === 0) {
      set.report();
      if (set.stored >= maxStates) return 'full';
      if (set.reserved >= set.growAt) return 'grow';
      if (Atomics.load(violated, 0) === allViolated) return 'complete';
    }
    state = from;
    set.read(from, ids);
    expander.expand(ids);
    if (!last) set.addBatch(expander.batch, expander.pending, from, expander.batchActions, expander.batchPerms);
    else {
      for (let i = 0; i < expander.pending && !beyond; i++) beyond = !set.has(expander.batch, i * width);
      if (expander.looksBeyond) for (let i = 0; i < expander.pending; i++) expander.lookBeyond(i, onBeyond);
    }
    from++;
  }
}

/** The reply when `run` stops: this thread's index block ends there. */
function stopped(set: SharedVisited, why: StopReason): FromWorker {
  set.close();
  return { type: 'stopped', why, transitions: expander.transitions, found: found.splice(0), beyond };
}

port.on('message', (message: ToWorker) => {
  const reply = match(message)
    .with({ type: 'level' }, (m): FromWorker => {
      visited = new SharedVisited(m.visited);
      end = m.end;
      maxStates = m.maxStates;
      share = m.share;
      minChunk = m.minChunk;
      last = m.last;
      beyond = false;
      from = to = 0;
      return stopped(visited, run(visited));
    })
    .with({ type: 'rehash' }, (m): FromWorker => {
      visited = new SharedVisited(m.visited);
      visited.rehash(m.from, m.to);
      return { type: 'rehashed' };
    })
    .with({ type: 'resume' }, (): FromWorker => stopped(visited!, run(visited!)))
    .with({ type: 'finish' }, (): FromWorker => ({ type: 'finished', coverage: coverage?.report() ?? null }))
    .exhaustive();
  port.postMessage(reply);
});
