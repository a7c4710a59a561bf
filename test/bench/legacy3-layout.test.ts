import { describe, expect, it } from 'vitest';
import { legacy3Layout, pack, PRESENT_BIT, unpack, type Field } from '../../bench/legacy3-layout.ts';
import { DEFAULT_PARAMS, LARGER_PARAMS } from '../../bench/legacy3-params.ts';
import { initialState, type Legacy3State } from '../../bench/legacy3-state.ts';
import { exploreLegacy3 } from '../../bench/plain-bfs.ts';

const layout = legacy3Layout(DEFAULT_PARAMS);

/** A state with every kind of value: tasks on every queue, generation 0 next to undefined. */
const busy: Legacy3State = {
  gen: [1, 0, 1],
  queue: [
    [
      { sender: 2, senderGen: 1, kind: 'ToService' },
      { sender: 1, senderGen: 0, kind: 'ToService' },
    ],
    [{ sender: 0, senderGen: 0, kind: 'ToClient' }],
    [
      { sender: 0, senderGen: 1, kind: 'ToClient' },
      { sender: 0, senderGen: 0, kind: 'ToClient' },
    ],
  ],
  discovered: [true, false],
  discoveredGen: [0, null],
  shared: [true, false],
  region: [false, true],
  knowsPtr: [true, true],
  knownClientGen: [0, null],
};

describe('legacy3Layout', () => {
  it.each([DEFAULT_PARAMS, LARGER_PARAMS])('gives each field bits of its own, never bit 31 of word 0 (%o)', (params) => {
    const l = legacy3Layout(params);
    const fields = Object.values(l).flatMap((v) => (Array.isArray(v) ? v.flat() : [])) as Field[];
    const used = new Uint32Array(l.words);
    used[0] = PRESENT_BIT;
    for (const f of fields) {
      expect(used[f.word]! & (f.mask << f.shift)).toBe(0);
      used[f.word] = used[f.word]! | (f.mask << f.shift);
    }
    expect(l.words).toBe(2);
  });

  it('round-trips a state with every kind of value', () => {
    expect(unpack(layout, pack(layout, busy))).toEqual(busy);
    expect(unpack(layout, pack(layout, initialState(DEFAULT_PARAMS)))).toEqual(initialState(DEFAULT_PARAMS));
  });

  it('keeps "undefined" apart from generation 0', () => {
    const heard = { ...initialState(DEFAULT_PARAMS), knownClientGen: [0, null] };
    expect(pack(layout, heard)).not.toEqual(pack(layout, initialState(DEFAULT_PARAMS)));
  });

  it('rejects a task on a queue it cannot reach', () => {
    const wrong = { ...busy, queue: [[{ sender: 0, senderGen: 0, kind: 'ToClient' as const }], [], []] };
    expect(() => pack(layout, wrong)).toThrow(/cannot be on the queue of process 0/);
  });

  it('round-trips every reachable state of the default params', () => {
    const { visited } = exploreLegacy3(DEFAULT_PARAMS, false);
    let checked = 0;
    visited.forEach((table, at) => {
      const words = table.subarray(at, at + layout.words);
      if (!pack(layout, unpack(layout, words)).every((w, i) => w === words[i])) throw new Error(`state at ${at} does not round-trip`);
      checked++;
    });
    expect(checked).toBe(174_550);
  });
});
