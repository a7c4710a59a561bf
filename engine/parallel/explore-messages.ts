import type { WorldParams } from '../../model/index.ts';
import type { PropertyId, Violation } from '../../properties/index.ts';
import type { CoverageReport } from '../coverage.ts';
import type { InternerBuffers, MemoBuffers, TailStep } from '../packed/index.ts';
import type { SlotTableBuffers } from './shared-slot-table.ts';
import type { VisitedBuffers } from './shared-visited.ts';

/** What every thread of a parallel search is set up with: the model, and the shared memory. */
export interface WorkerSetup {
  /** Users' design and property files the search's thread loaded: a worker imports each before it looks `design` and `properties` up. */
  readonly modules: readonly string[];
  readonly design: string;
  readonly params: WorldParams;
  readonly properties: readonly PropertyId[];
  readonly symmetry: boolean;
  readonly coverage: boolean;
  readonly slots: SlotTableBuffers;
  readonly actions: InternerBuffers;
  /** The memo the workers share (`SharedMemo`). */
  readonly memo: MemoBuffers;
  /** One word: how many portions threads have taken from the end of the level, once their own were done. */
  readonly fromEnd: SharedArrayBuffer;
  /** One word: a bit per property (by position) that some worker found violated. */
  readonly violated: SharedArrayBuffer;
  /** One word: set to 1 by the search's thread when its budget is spent (time, memory, a signal): every thread stops within the level. */
  readonly halt: SharedArrayBuffer;
  /** A word per worker, set to 1 once it is loaded and listening. */
  readonly ready: SharedArrayBuffer;
  /** Per thread, on a cache line of its own (`PROGRESS_STRIDE` words apart): the states it expanded in this level so far. */
  readonly progress: SharedArrayBuffer;
}

/** Words between two threads' words of `WorkerSetup.progress`: 64 bytes, so that no two threads write one cache line. */
export const PROGRESS_STRIDE = 16;

/** A worker's `workerData`: the setup, and its index among the workers (its word of `ready`). */
export interface WorkerData {
  readonly setup: WorkerSetup;
  readonly index: number;
}

/**
 * From the search to its workers. `level`: expand the states of indices
 * `start` to `end`, by portions (`LevelRunner`). `rehash`: fill a grown
 * visited set's table with the indices `from` to `to`. `resume`: go on
 * with the level on the grown set. `finish`: report coverage and stop.
 */
export type ToWorker =
  | {
      readonly type: 'level';
      /** The level's first index and the index past its last, both at block boundaries. */
      readonly start: number;
      readonly end: number;
      readonly maxStates: number;
      /** The last level allowed: judge successors, store none. */
      readonly last: boolean;
      readonly visited: VisitedBuffers;
    }
  | { readonly type: 'rehash'; readonly visited: VisitedBuffers; readonly from: number; readonly to: number }
  | { readonly type: 'resume' }
  | { readonly type: 'finish' };

/**
 * A violation a worker found: the steps `tail` taken from the stored state
 * `state`; two steps when a property's `lookahead` found it one step past
 * the depth bound.
 */
export interface FoundBy {
  readonly property: number;
  readonly state: number;
  readonly tail: readonly TailStep[];
  readonly violation: Violation;
}

/** Why a worker stopped expanding: the level is `done`, the visited set must `grow`, it is `full` (max-states), every property is violated (`complete`), the model `threw`, or the search's budget is spent (`halted`). */
export type StopReason = 'done' | 'grow' | 'full' | 'complete' | 'threw' | 'halted';

/** The model threw expanding the stored state `state`: `tail` as in `StepThrew`. */
export interface ThrewAt {
  readonly state: number;
  readonly tail: readonly TailStep[];
  readonly message: string;
}

/**
 * From a worker. `stopped`: it stopped expanding, and `why`;
 * `transitions` is its running total, `found` what it found since its
 * last report, `witnessed` the properties (by position) whose witness it
 * reached so far, `beyond` whether a successor on the last level was new,
 * `threw` where the model threw.
 * `finished`: its coverage, if asked for.
 */
export type FromWorker =
  | {
      readonly type: 'stopped';
      readonly why: StopReason;
      readonly transitions: number;
      readonly found: readonly FoundBy[];
      readonly witnessed: readonly number[];
      readonly beyond: boolean;
      /** Where the model threw, when `why` is `threw`. */
      readonly threw: ThrewAt | null;
    }
  | { readonly type: 'rehashed' }
  | { readonly type: 'finished'; readonly coverage: CoverageReport | null };
