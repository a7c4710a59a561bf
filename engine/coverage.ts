import { resultCode, SLOT_MACHINES, type Action, type Design, type Outcome, type ProcessSlot, type World } from '../model/index.ts';

/** Of one category, what a search reached and what it never did, each in the category's declared order. */
export interface Reach {
  readonly reached: readonly string[];
  readonly unreached: readonly string[];
}

/** What a search reached: action kinds, the states of each slot machine (by machine id), result codes. */
export interface CoverageReport {
  readonly actions: Reach;
  readonly states: Readonly<Record<string, Reach>>;
  readonly results: Reach;
}

/**
 * What the steps of a search reached, against what the model declares:
 * the design's action kinds, the state nodes of each machine in `SLOT_MACHINES`, and
 * the design's `results`. Engines call `start` with each world they start
 * from and `step` with each step they take.
 *
 * Cheap enough for hot loops: a step costs a few map lookups and flag
 * writes at precomputed indices. A name outside its declared list throws:
 * a design returned a result it does not declare, which is a bug.
 */
export class Coverage {
  private readonly actions: Flags;
  private readonly states = SLOT_MACHINES.map((m) => new Flags(m.states, `the states machine ${m.id} defines`));
  private readonly results: Flags;

  constructor(design: Design) {
    this.actions = new Flags(Object.keys(design.kinds), `the action kinds design ${design.id} declares`);
    this.results = new Flags(design.results, `the results design ${design.id} declares`);
  }

  /** Records the state of every machine of every slot of `world`, where a search starts. */
  start(world: World): void {
    for (const slot of world.processes) this.slot(slot);
  }

  /**
   * Records one step: its action kind, its result code, and the machine
   * states of each slot it changed. A slot it left alone is the same
   * object (`withSlot` shares it), in states recorded when `before` was
   * reached, so `before` must come from `start` or an earlier `step`.
   */
  step(before: World, action: Action, outcome: Outcome, after: World): void {
    this.actions.set(action.type);
    this.results.set(resultCode(outcome.result));
    const slots = after.processes;
    for (let i = 0; i < slots.length; i++) if (slots[i] !== before.processes[i]) this.slot(slots[i]!);
  }

  /** Adds what another search reached (a worker thread's `report()`). */
  absorb(report: CoverageReport): void {
    report.actions.reached.forEach((name) => this.actions.set(name));
    SLOT_MACHINES.forEach((m, i) => report.states[m.id]?.reached.forEach((name) => this.states[i]!.set(name)));
    report.results.reached.forEach((name) => this.results.set(name));
  }

  /** What was reached so far, as plain data (the `coverage` field of `--json`). */
  report(): CoverageReport {
    return {
      actions: this.actions.reach(),
      states: Object.fromEntries(SLOT_MACHINES.map((m, i) => [m.id, this.states[i]!.reach()])),
      results: this.results.reach(),
    };
  }

  private slot(slot: ProcessSlot): void {
    for (let i = 0; i < SLOT_MACHINES.length; i++) this.states[i]!.set(SLOT_MACHINES[i]!.stateOf(slot));
  }
}

/** A reached flag per declared name, found by a precomputed index. */
class Flags {
  private readonly names: readonly string[];
  /** The declared list, for the error on a name outside it. */
  private readonly declared: string;
  private readonly index: ReadonlyMap<string, number>;
  private readonly seen: Uint8Array;

  constructor(names: readonly string[], declared: string) {
    this.names = names;
    this.declared = declared;
    this.index = new Map(names.map((name, i) => [name, i]));
    this.seen = new Uint8Array(names.length);
  }

  set(name: string): void {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`internal: '${name}' is not among ${this.declared} (${this.names.join(', ')})`);
    this.seen[i] = 1;
  }

  reach(): Reach {
    return { reached: this.names.filter((_, i) => this.seen[i] === 1), unreached: this.names.filter((_, i) => this.seen[i] === 0) };
  }
}
