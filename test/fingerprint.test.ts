import { describe, expect, it } from 'vitest';
import { defaultParams, designById, type Action, type Design, type StepResult } from '../model/index.ts';
import { behaviourFingerprint } from '../trace/index.ts';

/** tock-2.2 with every rule's effect passed through `change`: the same design id, so only behaviour can tell them apart. */
function rewritten(change: (step: StepResult) => StepResult): Design {
  const design = designById('tock-2.2')!;
  const actions = Object.fromEntries(Object.entries(design.rules.actions ?? {}).map(([name, effect]) => [name, (step: StepResult, action: Action) => change(effect(step, action))]));
  return { ...design, rules: { ...design.rules, actions } };
}

describe('the model fingerprint', () => {
  const params = defaultParams('abstract');
  const original = behaviourFingerprint(designById('tock-2.2')!, params);

  it('stays put when only the notes written for people change', () => {
    expect(behaviourFingerprint(rewritten((s) => ({ ...s, outcome: { ...s.outcome, note: `${s.outcome.note} (reworded)` } })), params)).toBe(original);
  });

  it('changes when a result or an observation changes', () => {
    expect(behaviourFingerprint(rewritten((s) => ({ ...s, outcome: { ...s.outcome, result: s.outcome.result === 'SUCCESS' ? 'FAIL' : s.outcome.result } })), params)).not.toBe(original);
    expect(behaviourFingerprint(rewritten((s) => ({ ...s, outcome: { ...s.outcome, observations: s.outcome.observations.slice(1) } })), params)).not.toBe(original);
  });
});
