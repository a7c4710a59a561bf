import { match } from 'ts-pattern';
import { designById, initialWorld } from '../../model/index.ts';
import { propertyById, type Violation } from '../../properties/index.ts';
import type { Coverage } from '../coverage.ts';
import { Canonicalizer, Expander, StepThrew, SharedMemo, packedWidth } from '../packed/index.ts';
import { PROGRESS_STRIDE, type FoundBy, type FromWorker, type StopReason, type ThrewAt, type ToWorker, type WorkerSetup } from './explore-messages.ts';
import { SharedActionIds } from './shared-action-ids.ts';
import { SharedSlotTable } from './shared-slot-table.ts';
import { BLOCK, PORTION, SharedVisited } from './shared-visited.ts';
import type { TailStep } from '../packed/index.ts';

/** States expanded between looks at the shared counters (a power of two): reading memory another core writes costs a cache miss. */
export const CHECK_EVERY = 32;

const PORTIONS_PER_BLOCK = BLOCK / PORTION;

/**
 * One thread's part of `exploreParallel`: it expands the states of each
 * level it is handed, a portion of a block of consecutive indices at a
 * time, and adds their successors to the shared visited set. It takes
 * first the blocks it reserved itself in the level before, in order: they
 * hold the successors of the states it expanded, so it goes on where its
 * memo and caches are warm, much as one thread alone would (on the bench's
 * larger set two threads took 8% less time than when they took chunks of
 * the level in index order). Once its own are claimed it takes the
 * others' portions from the end of the level, which their owners reach
 * last. Its memo is
 * its own, and a miss in it is looked up in the memo all threads share
 * before it is computed; slot, part and action ids are shared, so what it
 * stores any thread can read. Each worker thread has one, and so has the
 * thread that runs the search, which expands alongside its workers.
 */
export class LevelRunner {
  private readonly expander: Expander;
  private readonly found: FoundBy[] = [];
  /** Where the model threw, once it has. */
  private threw: ThrewAt | null = null;
  private readonly violated: Int32Array;
  private readonly allViolated: number;
  /** `WorkerSetup.halt`. */
  private readonly halt: Int32Array;
  /** Portions taken from the end of the level so far (`WorkerSetup.fromEnd`). */
  private readonly fromEnd: Int32Array;
  private readonly progress: Int32Array;
  /** This thread's word of `progress`. */
  private readonly progressAt: number;
  /** States this thread expanded in the current level. */
  private expandedInLevel = 0;
  private readonly ids: Int32Array;
  private readonly width: number;
  private visited: SharedVisited | null = null;
  /** The state being expanded: where a violation found now starts. */
  private state = 0;
  private end = 0;
  private maxStates = 0;
  /** The level's first index; the blocks this thread reserved in the level before, and how many of their portions it has looked at. */
  private start = 0;
  private own: readonly number[] = [];
  private ownAt = 0;
  private last = false;
  /** Whether a successor on the last level was not yet stored. */
  private beyond = false;
  /** The portion in hand: states `from` to `to` (exclusive). */
  private from = 0;
  private to = 0;

  /**
   * `thread`: this thread's number (a worker's index, or the number of
   * worker threads for the search's own thread), which picks its word of
   * `progress`. `coverage`: where this thread records transitions (a
   * worker keeps its own and reports it on `finish`). `onCheck`: called
   * every `CHECK_EVERY` states, so a thread that expands can still report
   * progress.
   */
  constructor(
    setup: WorkerSetup,
    thread: number,
    private readonly coverage: Coverage | undefined,
    private readonly onCheck: () => void = () => {},
  ) {
    const design = designById(setup.design)!;
    const properties = setup.properties.map((id) => propertyById(id)!);
    const root = initialWorld(setup.params);
    this.width = packedWidth(root);
    const table = new SharedSlotTable(root.processes, setup.slots);
    const canonical = setup.symmetry ? new Canonicalizer(setup.params, design, table, this.width) : null;
    this.violated = new Int32Array(setup.violated);
    this.halt = new Int32Array(setup.halt);
    this.allViolated = properties.length === 0 ? -1 : 2 ** properties.length - 1;
    this.fromEnd = new Int32Array(setup.fromEnd);
    this.progress = new Int32Array(setup.progress);
    this.progressAt = thread * PROGRESS_STRIDE;
    this.ids = new Int32Array(this.width);
    const actionIds = new SharedActionIds(setup.actions);
    const options = { design, params: setup.params, properties, coverage, table, actionIds, canonical, width: this.width, shared: new SharedMemo(setup.memo) };
    this.expander = new Expander(options, (property, action, violation) => {
      this.found.push({ property, state: this.state, tail: [{ action, perm: 0 }], violation });
      Atomics.or(this.violated, 0, 1 << property);
    });
  }

  /** Does what `message` asks; the reply. */
  handle(message: ToWorker): FromWorker {
    return match(message)
      .with({ type: 'level' }, (m): FromWorker => {
        this.own = this.visited?.taken ?? [];
        this.ownAt = 0;
        this.visited = new SharedVisited(m.visited);
        this.start = m.start;
        this.end = m.end;
        this.maxStates = m.maxStates;
        this.last = m.last;
        this.beyond = false;
        this.from = this.to = 0;
        this.expandedInLevel = 0;
        return this.stopped(this.visited, this.run(this.visited));
      })
      .with({ type: 'rehash' }, (m): FromWorker => {
        // Before a level, a worker that has just joined has no set yet, and no blocks of its own.
        this.visited = new SharedVisited(m.visited, this.visited?.taken ?? []);
        this.visited.rehash(m.from, m.to);
        return { type: 'rehashed' };
      })
      .with({ type: 'resume' }, (): FromWorker => this.stopped(this.visited!, this.run(this.visited!)))
      .with({ type: 'finish' }, (): FromWorker => ({ type: 'finished', coverage: this.coverage?.report() ?? null }))
      .exhaustive();
  }

  /** Expands states until the level is done, the set must grow or is full, or nothing is left to find. */
  private run(set: SharedVisited): StopReason {
    const { expander, ids, width } = this;
    for (;;) {
      if (this.from >= this.to && !this.nextPortion(set)) return 'done';
      const from = this.from;
      if (set.isHole(from)) {
        this.from++;
        continue;
      }
      if (set.mustGrow) return 'grow';
      if ((from & (CHECK_EVERY - 1)) === 0) {
        Atomics.store(this.progress, this.progressAt, this.expandedInLevel);
        this.onCheck();
        if (Atomics.load(this.halt, 0) === 1) return 'halted';
        set.report();
        // Full once a state past max-states is stored (as many, with nothing new after, is no cut); the last level stores nothing.
        if (!this.last && set.stored > this.maxStates) return 'full';
        if (!this.last && set.reserved >= set.growAt) return 'grow';
        if (Atomics.load(this.violated, 0) === this.allViolated) return 'complete';
      }
      this.state = from;
      this.expandedInLevel++;
      set.read(from, ids);
      try {
        expander.expand(ids);
        if (this.last) expander.lookBeyond(this.onBeyond);
      } catch (e) {
        if (!(e instanceof StepThrew)) throw e;
        this.threw = { state: from, tail: e.tail, message: e.message };
        return 'threw';
      }
      if (!this.last) set.addBatch(expander.batch, expander.pending, from, expander.batchActions, expander.batchPerms);
      else for (let i = 0; i < expander.pending && !this.beyond; i++) this.beyond = !set.has(expander.batch, i * width);
      this.from++;
    }
  }

  /** Takes the next portion to expand: of this thread's own blocks first, then the others' from the end of the level; false once every portion is claimed. */
  private nextPortion(set: SharedVisited): boolean {
    let portion = -1;
    while (portion < 0 && this.ownAt < this.own.length * PORTIONS_PER_BLOCK) {
      const mine = this.own[Math.floor(this.ownAt / PORTIONS_PER_BLOCK)]! + (this.ownAt % PORTIONS_PER_BLOCK) * PORTION;
      this.ownAt++;
      if (set.claim(mine)) portion = mine;
    }
    while (portion < 0) {
      const theirs = this.end - (Atomics.add(this.fromEnd, 0, 1) + 1) * PORTION;
      if (theirs < this.start) return false;
      if (set.claim(theirs)) portion = theirs;
    }
    this.from = portion;
    this.to = portion + PORTION;
    return true;
  }

  private readonly onBeyond = (property: number, tail: readonly TailStep[], violation: Violation) => {
    this.found.push({ property, state: this.state, tail, violation });
  };

  /** The reply when `run` stops: this thread's index block ends there. */
  private stopped(set: SharedVisited, why: StopReason): FromWorker {
    set.close();
    const witnessed = [...this.expander.witnessed.keys()].filter((p) => this.expander.witnessed[p] === 1);
    return { type: 'stopped', why, transitions: this.expander.transitions, found: this.found.splice(0), witnessed, beyond: this.beyond, threw: this.threw };
  }
}
