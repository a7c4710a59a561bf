import { describe, expect, it } from 'vitest';
import { PARTS, SlotTable } from '../../../engine/packed/slot-table.ts';
import { defaultParams, initialWorld, type ProcessSlot } from '../../../model/index.ts';

describe('SlotTable', () => {
  const root = initialWorld({ ...defaultParams('abstract'), clients: 1, buffers: 1 }).processes[1]!;
  const tasks = PARTS.indexOf('tasks');
  const withQueue = (capacity: number): ProcessSlot => ({ ...root, tasks: { ...root.tasks, context: { ...root.tasks.context, capacity } } });

  it('gives equal slots one id, by identity or by content, and different slots different ids', () => {
    const table = new SlotTable();
    const a = table.idOf(1, root);
    expect(table.idOf(1, root)).toBe(a);
    expect(table.idOf(1, JSON.parse(JSON.stringify(root)))).toBe(a);
    expect(table.idOf(1, withQueue(3))).not.toBe(a);
  });

  it('replaces one part exactly, keeping the other parts', () => {
    const table = new SlotTable();
    const base = table.idOf(1, root);
    const ids = [3, 4, 5].map((c) => table.partId(withQueue(c).tasks));
    const results = ids.map((p) => table.withPart(1, base, tasks, p));
    expect(new Set(results).size).toBe(3);
    results.forEach((id, k) => {
      expect(table.partOf(1, id, tasks)).toBe(ids[k]);
      expect(table.slot(1, id).grant).toBe(root.grant);
    });
  });
});
