import { describe, expect, it } from 'vitest';
import { choiceParam, defaultParams, designParamValues, initialWorld, integerParam, withDesignParams } from '../../model/index.ts';

const policy = choiceParam('policy', { doc: 'who may register a name', choices: ['open', 'owner'] });
const depth = integerParam('depth', { doc: 'how deep', min: 1, max: 4, default: 2 });
const declared = [policy, depth];

describe('design parameters', () => {
  it('read their default from a world whose params set none, and the value a world sets', () => {
    const plain = defaultParams('abstract');
    expect([policy.of(initialWorld(plain)), depth.of(initialWorld(plain))]).toEqual(['open', 2]);
    const set = withDesignParams(plain, designParamValues('d', declared, { policy: 'owner', depth: '3' }));
    expect(set.design).toEqual({ policy: 'owner', depth: 3 });
    expect([policy.of(initialWorld(set)), depth.of(initialWorld(set))]).toEqual(['owner', 3]);
  });

  it('keep only values off their default, in declaration order, so one setting has one spelling', () => {
    expect(designParamValues('d', declared, { policy: 'open', depth: 2 })).toBeUndefined();
    expect(Object.keys(designParamValues('d', declared, { depth: 4, policy: 'owner' })!)).toEqual(['policy', 'depth']);
    expect(withDesignParams({ ...defaultParams('abstract'), design: { policy: 'owner' } }, undefined)).not.toHaveProperty('design');
  });

  it.each([
    [{ colour: 'red' }, "design d has no parameter 'colour' (known: policy, depth)"],
    [{ policy: 'closed' }, "design parameter 'policy' of d must be one of open|owner, not 'closed'"],
    [{ depth: '5' }, "design parameter 'depth' of d must be an integer in 1..4, not '5'"],
    [{ depth: '2.5' }, "design parameter 'depth' of d must be an integer in 1..4, not '2.5'"],
  ])('refuse %j naming the problem', (given, message) => {
    expect(() => designParamValues('d', declared, given)).toThrow(message);
  });

  it('refuse a declaration that makes no sense', () => {
    expect(() => choiceParam('Policy', { doc: '', choices: ['a', 'b'] })).toThrow(/lowercase/);
    expect(() => choiceParam('p', { doc: '', choices: ['a'] })).toThrow(/at least two choices/);
    expect(() => choiceParam('p', { doc: '', choices: ['a', 'b'], default: 'c' as 'a' })).toThrow(/not one of its choices/);
    expect(() => integerParam('n', { doc: '', min: 3, max: 1, default: 2 })).toThrow(/min <= default <= max/);
  });

  it('give a world of their own to each setting: the initial world carries the params it was asked for', () => {
    const set = withDesignParams(defaultParams('abstract'), { policy: 'owner' });
    initialWorld(defaultParams('abstract'));
    expect(initialWorld(set).params.design).toEqual({ policy: 'owner' });
  });
});
