import { describe, expect, it } from 'vitest';
import { ReadTrie } from '../../../engine/packed/read-trie.ts';

describe('ReadTrie', () => {
  it('answers a world that agrees on the slots read, whatever the others hold', () => {
    const trie = new ReadTrie<string>();
    trie.insert([1, 7, 3], [2, 0], 'a');
    expect(trie.lookup([1, 9, 3])).toBe('a');
    expect(trie.lookup([2, 7, 3])).toBeUndefined();
    expect(trie.lookup([1, 7, 4])).toBeUndefined();
    trie.insert([2, 7, 3], [2, 0], 'b');
    expect(trie.lookup([2, 0, 3])).toBe('b');
    expect(trie.lookup([1, 0, 3])).toBe('a');
  });

  it('memoises a function that reads nothing as one leaf', () => {
    const trie = new ReadTrie<number>();
    trie.insert([4, 4], [], 42);
    expect(trie.lookup([0, 1])).toBe(42);
  });

  it('refuses a run that reads a different slot where an earlier run read another: an impure function', () => {
    const trie = new ReadTrie<string>();
    trie.insert([1, 2], [0], 'a');
    expect(() => trie.insert([5, 2], [1], 'b')).toThrow(/not pure/);
  });

  it('finds every child of a node, the first one at a high id and later ones below and above it', () => {
    const trie = new ReadTrie<number>();
    const ids = [900, 3, 0, 4000, 901, 17];
    for (const id of ids) trie.insert([id, 5], [0], id * 2);
    for (const id of ids) expect(trie.lookup([id, 6])).toBe(id * 2);
    for (const absent of [1, 2, 899, 902, 3999, 4001]) expect(trie.lookup([absent, 5])).toBeUndefined();
  });
});
