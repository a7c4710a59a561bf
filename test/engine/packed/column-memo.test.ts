import { describe, expect, it } from 'vitest';
import { PART_COUNT } from '../../../engine/packed/slot-table.ts';
import { EnabledColumns, oneColumn, SELF_LOOP, StepColumns, UNKNOWN } from '../../../engine/packed/column-memo.ts';

describe('oneColumn', () => {
  /** Parts a slot: part position p lies in column floor(p / P). */
  const P = PART_COUNT;

  it('names the column every read position and written slot lies in', () => {
    expect(oneColumn([P, P + 2, 2 * P - 1], [1])).toBe(1);
    expect(oneColumn([], [2])).toBe(2);
    expect(oneColumn([0, P - 1], [])).toBe(0);
  });

  it('is -1 where they span two columns, or where there are none', () => {
    expect(oneColumn([P, 2 * P], [1])).toBe(-1);
    expect(oneColumn([P], [2])).toBe(-1);
    expect(oneColumn([], [])).toBe(-1);
  });
});

describe('StepColumns', () => {
  it('keeps successors and self-loops by the id at the action\'s column, and knows nothing else', () => {
    const steps = new StepColumns();
    expect(steps.columnOf(3)).toBe(-1);
    steps.keep(3, 1, 5, 9);
    steps.keep(3, 1, 200, null);
    expect(steps.columnOf(3)).toBe(1);
    expect(steps.next(3, 5)).toBe(9 + 2);
    expect(steps.next(3, 200)).toBe(SELF_LOOP);
    expect(steps.next(3, 6)).toBe(UNKNOWN);
    expect(steps.next(3, 100_000)).toBe(UNKNOWN);
    expect(steps.columnOf(0)).toBe(-1);
  });

  it('ignores a step of the action in another column than the first it kept', () => {
    const steps = new StepColumns();
    steps.keep(0, 2, 4, 7);
    steps.keep(0, 1, 4, 8);
    expect(steps.columnOf(0)).toBe(2);
    expect(steps.next(0, 4)).toBe(7 + 2);
  });
});

describe('EnabledColumns', () => {
  it('keeps a list by column and id', () => {
    const enabled = new EnabledColumns(2);
    enabled.keep(1, 10, [4, 5]);
    expect(enabled.at(1, 10)).toEqual([4, 5]);
    expect(enabled.at(0, 10)).toBeUndefined();
    expect(enabled.at(1, 9)).toBeUndefined();
  });
});
