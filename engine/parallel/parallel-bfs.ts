import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { loadedModules } from '../../options/index.ts';
import { ModelThrew } from '../model-threw.ts';
import { designById, initialWorld, symmetric } from '../../model/index.ts';
import { propertyById, type PropertyId } from '../../properties/index.ts';
import { addBeyond, ALL_VIOLATED, MODEL_THREW, inRealFrame, everyViolated, LEVEL_PROGRESS_EVERY, verdictsOf, type ExploreOptions, type ExploreResult, type Found } from '../bfs.ts';
import { Canonicalizer, SharedMemo, packedWidth, packWorld, traceTo } from '../packed/index.ts';
import { PROGRESS_STRIDE, type FromWorker, type ToWorker, type WorkerData, type WorkerSetup } from './explore-messages.ts';
import { CHECK_EVERY, LevelRunner } from './level-runner.ts';
import { SharedActionIds } from './shared-action-ids.ts';
import { SharedSlotTable } from './shared-slot-table.ts';
import { SharedVisited } from './shared-visited.ts';

/** The worker's module: from the sources, an entry that loads them through tsx; from the build, the compiled worker. */
const WORKER_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './explore-worker.mjs' : './explore-worker.js', import.meta.url);

/**
 * Breadth-first search by `workers` threads: this one and `workers - 1`
 * worker threads. Levels are expanded one at a time, by portions of
 * blocks of consecutive indices: each thread takes first the blocks it
 * stored successors into in the level before, then the others' from the
 * end of the level (`LevelRunner`), expands them with a memo of its own
 * (whose misses are first looked up in a `SharedMemo`, so that a step
 * one thread computed the others need not),
 * and adds the successors to a visited set in shared memory
 * (`SharedVisited`), with slot, part and action ids shared too. This
 * thread starts at once, while the workers load the model; a worker joins
 * at the first level that starts after it is ready. This thread reports
 * progress, within levels and between them, and when the set nears its
 * capacity it has all threads pause and rehash it into a larger one.
 *
 * States, transitions, depths and verdicts are those of `explorePacked`
 * (test/engine/parallel/parallel-bfs.test.ts compares them); which of the
 * shortest counterexamples is reported may differ from run to run, since
 * the first thread to reach a state becomes its parent. Threads look at
 * the shared counters every 32 states, so a search cut by max-states, or
 * stopped once every property is violated, runs on a little past the
 * point where one thread stops (it reports the bound). Only designs and
 * properties of the registries can run in workers, which look them up by
 * id.
 */
export async function exploreParallel(options: ExploreOptions, workers: number, start: ParallelStart = {}): Promise<ExploreResult> {
  const { design, params, properties, coverage } = options;
  if (designById(design.id) !== design) throw new Error(`design '${design.id}' is not registered: workers look designs up by id`);
  for (const p of properties) if (propertyById(p.id) !== p) throw new Error(`property '${p.id}' is not registered: workers look properties up by id`);
  const maxStates = Math.min(options.maxStates, 2 ** 31 - 1);
  const root = initialWorld(params);
  coverage?.start(root);
  const width = packedWidth(root);
  const table = new SharedSlotTable(root.processes, SharedSlotTable.buffers());
  const actionIds = new SharedActionIds(SharedActionIds.buffers());
  const rootIds = packWorld(table, root);
  const symmetry = options.symmetry === true && symmetric(design, params);
  const canonical = symmetry ? new Canonicalizer(params, design, table, width) : null;
  const rootPerm = canonical?.canonicalize(rootIds, 0) ?? 0;
  let visited = SharedVisited.create(width, maxStates, workers, start.visitedRowsLog2);
  const fromEnd = new Int32Array(new SharedArrayBuffer(4));
  const halt = new Int32Array(new SharedArrayBuffer(4));
  const setup: WorkerSetup = {
    modules: loadedModules(),
    design: design.id,
    params,
    properties: properties.map((p) => p.id),
    symmetry,
    coverage: coverage !== undefined,
    slots: table.buffers,
    actions: actionIds.buffers,
    memo: SharedMemo.buffers(),
    fromEnd: fromEnd.buffer as SharedArrayBuffer,
    violated: new SharedArrayBuffer(4),
    halt: halt.buffer as SharedArrayBuffer,
    ready: new SharedArrayBuffer(4 * Math.max(1, workers - 1)),
    progress: new SharedArrayBuffer(4 * PROGRESS_STRIDE * workers),
  };
  const pool = new Pool(workers - 1, setup, heapPerWorkerMb(workers));
  visited.prefault();
  visited.addRoot(rootIds, rootPerm);
  /** Called every 32 states this thread expands: progress, now that no timer can fire while it works. */
  let onCheck = () => {};
  try {
    const own = new LevelRunner(setup, workers - 1, coverage, () => onCheck());
    const progress = new Int32Array(setup.progress);
    if (start.withEveryWorker === true) await pool.allReady();
    /** Sends message `message(k, n)` to each of the n threads of this level, this one last; the replies, by thread (this one's index is `workers - 1`). */
    const round = async (message: (k: number, n: number) => ToWorker): Promise<[thread: number, reply: FromWorker][]> => {
      const n = pool.members.length + 1;
      const theirs = pool.all((k) => message(k, n));
      // A worker's failure is reported by `await theirs`; until then (or if this thread throws first) its rejection is not left unhandled.
      theirs.catch(() => {});
      pool.throwIfFailed();
      const mine = own.handle(message(n - 1, n));
      return [...(await theirs), [workers - 1, mine]];
    };
    const found = new Map<PropertyId, Found>();
    /** Violations one step past the depth bound, found by `lookahead` at the last level. */
    const further = new Map<PropertyId, Found>();
    const transitions = new Array<number>(workers).fill(0);
    const witnessed = new Set<PropertyId>();
    /** Where the model threw first, as the threads report it. */
    let threw: ModelThrew | null = null;
    let beyond = false;
    /** Records the threads' replies; the reasons they stopped. */
    const take = (replies: readonly [number, FromWorker][]) =>
      replies.map(([thread, reply]) => {
        if (reply.type !== 'stopped') throw new Error(`internal: thread ${thread} replied '${reply.type}' to a level`);
        transitions[thread] = reply.transitions;
        beyond ||= reply.beyond;
        for (const p of reply.witnessed) witnessed.add(properties[p]!.id);
        if (reply.threw !== null && threw === null) {
          threw = new ModelThrew(reply.threw.message, traceTo(visited, reply.threw.state, reply.threw.tail, actionIds, canonical, rootPerm));
        }
        for (const hit of reply.found) {
          const id = properties[hit.property]!.id;
          const into = hit.tail.length === 1 ? found : further;
          if (!into.has(id)) into.set(id, { trace: traceTo(visited, hit.state, hit.tail, actionIds, canonical, rootPerm), violation: hit.violation });
        }
        return reply.why;
      });
    const total = () => transitions.reduce((a, b) => a + b, 0);
    /** Has the threads rehash the visited set into one four times larger, each its share of the indices; only while none inserts. */
    const grow = async () => {
      const grown = visited.grown();
      const share = (n: number) => Math.ceil(grown.reserved / n);
      await round((k, n) => ({ type: 'rehash', visited: grown.buffers, from: k * share(n), to: Math.min((k + 1) * share(n), grown.reserved) }));
      visited = grown;
    };

    let levelStart = 0;
    let levelEnd = visited.reserved;
    /** States stored at the depths before the level being expanded. */
    let storedThrough = 0;
    let depth = 0;
    let bound: string | null = null;
    while (levelStart < levelEnd) {
      if (depth >= options.maxDepth) {
        bound = `max-depth ${options.maxDepth}`;
        break;
      }
      if (options.budget?.spent() === true) {
        bound = options.budget.bound;
        break;
      }
      Atomics.store(fromEnd, 0, 0);
      const last = depth + 1 === options.maxDepth;
      pool.admit();
      // Each thread counts the states it expanded in its word of `progress`; this thread clears them, before any thread starts the level.
      for (let thread = 0; thread < workers; thread++) Atomics.store(progress, thread * PROGRESS_STRIDE, 0);
      const states = visited.stored - storedThrough;
      let checks = 0;
      onCheck = () => {
        // The budget (time, memory, a signal) is asked within a level too: a level of a big search can take minutes and gigabytes.
        if (options.budget?.spent() === true) Atomics.store(halt, 0, 1);
        if (options.onLevel === undefined || (++checks & (LEVEL_PROGRESS_EVERY / CHECK_EVERY - 1)) !== 0) return;
        let expanded = 0;
        for (let thread = 0; thread < workers; thread++) expanded += Atomics.load(progress, thread * PROGRESS_STRIDE);
        options.onLevel({ depth: depth + 1, expanded, of: states });
      };
      // A level can end with every thread done just past growAt: the set grows before the next one stores anything.
      if (!last && visited.reserved >= visited.growAt) await grow();
      let why = take(await round(() => ({ type: 'level', start: levelStart, end: levelEnd, maxStates, last, visited: visited.buffers })));
      // A state past max-states stored ends the search, whether a thread saw it or stopped first to have the set grown.
      const full = () => why.includes('full') || (!last && visited.stored > maxStates);
      while (!full() && !why.includes('complete') && !why.includes('threw') && !why.includes('halted') && why.includes('grow')) {
        await grow();
        why = take(await round(() => ({ type: 'resume' })));
      }
      if (threw !== null) {
        bound = MODEL_THREW;
        break;
      }
      // Stopped within the level for the budget: what was found stands (every shorter trace was judged), the level is not covered.
      if (why.includes('halted')) {
        bound = options.budget!.bound;
        break;
      }
      // A thread stops early ('complete') only once every property is found, and it reports what it found.
      if (everyViolated(properties, found)) {
        bound = ALL_VIOLATED;
        break;
      }
      if (full()) {
        bound = `max-states ${options.maxStates}`;
        break;
      }
      depth++;
      storedThrough += states;
      levelStart = levelEnd;
      levelEnd = visited.reserved;
      options.onDepth?.({ depth, states: visited.stored, transitions: total() });
      if (beyond) bound = `max-depth ${options.maxDepth}`;
    }
    for (const [, reply] of await pool.all(() => ({ type: 'finish' }))) if (reply.type === 'finished' && reply.coverage !== null) coverage?.absorb(reply.coverage);
    // Past the bound only once the last level is wholly judged: every shorter trace then was.
    if (depth === options.maxDepth) addBeyond(found, further);
    if (canonical !== null) inRealFrame(design, params, properties, found);
    const verdicts = verdictsOf(properties, found, bound, depth, witnessed, threw);
    const states = Math.min(visited.stored, Math.max(maxStates, 1));
    return { depth, depthCovered: depth, states, transitions: total(), bound, verdicts, transitionsByThread: transitions };
  } finally {
    await pool.close();
  }
}

/** How a parallel search starts. */
export interface ParallelStart {
  /**
   * Wait until every worker is loaded, so that all threads share every
   * level from the first (tests use it to have every thread work); by
   * default this thread starts at once and workers join as they are ready.
   */
  readonly withEveryWorker?: boolean;
  /**
   * The most rows the visited table starts with, as a power of two (at
   * least 16; 23 by default, then it grows): tests start small, so that a
   * small search grows it, as only one of millions of states does otherwise.
   */
  readonly visitedRowsLog2?: number;
}

/** A worker's heap limit: its share of 60% of the machine's memory, and never below this thread's own limit. */
function heapPerWorkerMb(workers: number): number {
  const own = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.max(Math.floor(own), Math.floor((0.6 * totalmem()) / 2 ** 20 / workers));
}

/**
 * Worker threads that each answer every message with one reply. A worker
 * takes part (is a member) from the first `admit` after it marked itself
 * ready; until then it is sent nothing.
 */
class Pool {
  /** The members' indices, in the order they were admitted. */
  readonly members: number[] = [];
  private readonly workers: Worker[];
  private readonly ready: Int32Array;
  private failure: Error | null = null;
  private closing = false;
  private waiting: { resolve: (replies: [number, FromWorker][]) => void; reject: (e: Error) => void } | null = null;
  private replies = new Map<number, FromWorker>();

  constructor(count: number, setup: WorkerSetup, heapMb: number) {
    this.ready = new Int32Array(setup.ready);
    this.workers = Array.from({ length: count }, (_, index) => {
      const workerData: WorkerData = { setup, index };
      const worker = new Worker(WORKER_ENTRY, { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      worker.on('message', (reply: FromWorker) => {
        this.replies.set(index, reply);
        if (this.replies.size === this.members.length) this.settle();
      });
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`a search worker exited with code ${code}`));
      });
      return worker;
    });
  }

  /** Resolves once every worker is ready; rejects if one fails first. */
  async allReady(): Promise<void> {
    for (let w = 0; w < this.workers.length; w++) {
      while (Atomics.load(this.ready, w) === 0) {
        if (this.failure !== null) throw this.failure;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    if (this.failure !== null) throw this.failure;
  }

  /** Throws the first worker failure, if any. */
  throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  /** Makes members of the workers that are ready. */
  admit(): void {
    for (let w = 0; w < this.workers.length; w++) if (!this.members.includes(w) && Atomics.load(this.ready, w) === 1) this.members.push(w);
  }

  /** Sends the k-th member its message `message(k)`; the replies, by worker index, in member order. */
  all(message: (k: number) => ToWorker): Promise<[number, FromWorker][]> {
    if (this.failure !== null) return Promise.reject(this.failure);
    this.replies = new Map();
    const replies = new Promise<[number, FromWorker][]>((resolve, reject) => (this.waiting = { resolve, reject }));
    this.members.forEach((w, k) => this.workers[w]!.postMessage(message(k)));
    if (this.members.length === 0) this.settle();
    return replies;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(this.members.map((w) => [w, this.replies.get(w)!]));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(e);
  }
}
