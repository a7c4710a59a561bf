import { describe, expect, it } from 'vitest';
import { baselineOf, contributionsOf, EQUIVALENT_MUTANTS, fateOf, judgeMutant, mutantsOf, scoreOf, unknownEquivalents, type Subject } from '../../engine/index.ts';
import { designById } from '../../model/index.ts';

const shareProposal = designById('share-proposal')!;

describe('mutation testing', () => {
  it('makes, of share-proposal, a mutant that always and one that never holds per guard, one skip per action, then the hand-written ones', () => {
    const guards = ['nameUnknown', 'targetGone', 'unmappable', 'overlapping', 'meantForAnother', 'regionRefused', 'accessFaults'];
    const actions = ['refuseNoDevice', 'refuseUnmappable', 'refuseOverlap', 'refuseNoMemory', 'learnIdentifier', 'recordShare', 'unmapOnUnshare'];
    const more = ['forgetShare', 'mapRegion', 'handOver', 'unmapRegion', 'revokeOnEnd', 'access', 'restart'];
    expect(mutantsOf(shareProposal).map((m) => m.id)).toEqual([
      ...guards.flatMap((g) => [`share-proposal~guard:${g}=always`, `share-proposal~guard:${g}=never`]),
      ...[...actions, ...more].map((a) => `share-proposal~action:${a}=skip`),
      'share-proposal~hand:map-before-region-check',
    ]);
  });

  it('kills the hand-written variant share-proposal/no-unshare-revocation, by its scenario and by explore', () => {
    const subject: Subject = { design: shareProposal, kills: 'new-violation', searches: ['explore'] };
    const variant = designById('share-proposal/no-unshare-revocation')!;
    const result = judgeMutant({ id: variant.id, of: shareProposal, mutation: { kind: 'action', name: 'unmapOnUnshare' }, design: variant }, baselineOf(subject, false));
    expect(fateOf(result)).toBe('killed');
    expect(result.outcomes.map((o) => [o.search, o.result])).toEqual([
      ['scenario', 'kills'],
      ['explore', 'kills'],
    ]);
    expect(scoreOf([result])).toMatchObject({ generated: 1, killed: 1, percent: 100 });
    expect(contributionsOf([result])).toEqual([
      { search: 'scenario', detected: 1, alone: 0 },
      { search: 'check', detected: 0, alone: 0 },
      { search: 'explore', detected: 1, alone: 0 },
    ]);
  });

  it('declares some mutants equivalent, each a real mutant with its reason', () => {
    expect(Object.keys(EQUIVALENT_MUTANTS)).toContain('share-proposal~guard:meantForAnother=never');
    expect(unknownEquivalents()).toEqual([]);
    for (const reason of Object.values(EQUIVALENT_MUTANTS)) expect(reason.length).toBeGreaterThan(40);
  });
});
