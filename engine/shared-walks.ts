import type { Action } from '../model/index.ts';
import { ModelThrew } from './model-threw.ts';

/** What one walk showed one property: each kind of violation (`cause`, null for none) at its first showing, with the actions taken by then. */
export interface Shown {
  readonly causes: readonly (string | null)[];
  readonly at: readonly number[];
}

/**
 * One random walk played to its end and judged by every property at once:
 * per property (by position), what it showed and whether it reached the
 * property's witness; the actions taken, up to the last first showing of
 * any property or up to the one the model threw on.
 */
export interface Walk {
  readonly shown: readonly Shown[];
  readonly witnessed: readonly boolean[];
  readonly trace: readonly Action[];
  /** The model threw on the last action of `trace`, with this message. */
  readonly threw?: string;
}

/** The first walk that breaks a property's search: its actions up to the violating one, and how fast-check names it (`path`, `foundAtRun`); or the walk the model throws on. */
export type WalkHit =
  | { readonly kind: 'violated'; readonly trace: readonly Action[]; readonly path: string; readonly foundAtRun: number }
  | { readonly kind: 'threw'; readonly error: ModelThrew };

/**
 * What run `index` (1-based), as recorded (each cause at its first
 * showing, the actions taken, the message the model threw), gives the
 * search that ignores the causes `known`: the first cause it has not seen,
 * the trace cut where that cause showed; else the throw; else null (the
 * search goes on). Shared walks and merged shards both read runs so.
 */
export function hitOf(run: Shown & { readonly trace: readonly Action[]; readonly threw?: string }, index: number, known: ReadonlySet<string | undefined>): WalkHit | null {
  const i = run.causes.findIndex((c) => !known.has(c ?? undefined));
  if (i >= 0) return { kind: 'violated', trace: run.trace.slice(0, run.at[i]), path: String(index - 1), foundAtRun: index };
  return run.threw === undefined ? null : { kind: 'threw', error: new ModelThrew(run.threw, run.trace) };
}

/**
 * The random walks of one check, shared by its properties. fast-check
 * draws the same run at the same index for a seed whatever the property,
 * and a walk's actions do not depend on what judges it, so walk k is
 * played once, judged by every property, and each property's search reads
 * it: the search of one property (ignoring the causes it already found)
 * stops at the first walk that shows it a cause it has not seen, at the
 * step where that cause first shows, as its own run would have stopped.
 * Walks are played lazily, as far as the furthest search has asked, so a
 * check of properties that break early plays few.
 */
export class SharedWalks {
  private readonly walks: Walk[] = [];

  constructor(
    /** Plays walk `index` (1-based). */
    private readonly play: (index: number) => Walk,
  ) {}

  /** Walks played so far. */
  get played(): number {
    return this.walks.length;
  }

  /**
   * What walk `index` (1-based, at most `runs`) means to the search of
   * property `p` that ignores the causes `known`: its hit, or null when
   * the search goes on past it. Plays the walks up to it first.
   */
  hitAt(index: number, p: number, known: ReadonlySet<string | undefined>): WalkHit | null {
    while (this.walks.length < index) this.walks.push(this.play(this.walks.length + 1));
    const { shown, trace, threw } = this.walks[index - 1]!;
    return hitOf({ ...shown[p]!, trace, threw }, index, known);
  }

  /** Whether a walk played so far reached property `p`'s witness. */
  witnessed(p: number): boolean {
    return this.walks.some((w) => w.witnessed[p] === true);
  }
}
