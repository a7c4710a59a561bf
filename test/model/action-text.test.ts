import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionParser, DESIGNS, formatAction, type Action, type Field, type KindTable } from '../../model/index.ts';

/** Any value a field of this kind can hold, printable names included. */
function valueOf(field: Field): fc.Arbitrary<string | number> {
  switch (field.kind) {
    case 'slot':
    case 'number':
    case 'buffer':
      return fc.nat({ max: 99 });
    case 'address':
      return fc.nat({ max: 0xffff_ffff });
    case 'name':
      return fc.string({ unit: fc.constantFrom('a', 'Z', '0', '_', '.', ' ', '"', '#', '-', '>'), maxLength: 12 });
    case 'choice':
      return fc.constantFrom(...field.values);
  }
}

function actionOf(kinds: KindTable): fc.Arbitrary<Action> {
  return fc.oneof(
    ...Object.entries(kinds).map(([type, kind]) =>
      fc.record(Object.fromEntries(Object.entries(kind.fields as Record<string, Field>).map(([name, field]) => [name, valueOf(field)]))).map((fields) => ({ type, ...fields }) as Action),
    ),
  );
}

describe('an action read back from its line', () => {
  it.each(DESIGNS.map((d) => [d.id, d] as const))('%s: every kind reads back as the action it printed, and as no other', (_, design) => {
    const parse = actionParser(design.kinds);
    fc.assert(
      fc.property(actionOf(design.kinds), (action) => {
        expect(parse(formatAction(design.kinds, action))).toEqual({ ok: true, action });
      }),
      { seed: 22, numRuns: 300 },
    );
  });

  it('reads a line with other spacing', () => {
    const parse = actionParser(DESIGNS.find((d) => d.id === 'tock-2.2')!.kinds);
    expect(parse('  #1   notify-service  #0 ')).toEqual({ ok: true, action: { type: 'notify', by: 1, to: 0, kind: 'service' } });
    expect(parse('#0 touches 0x20004000')).toEqual({ ok: true, action: { type: 'access', by: 0, addr: 0x2000_4000 } });
  });

  it('names the line no kind reads', () => {
    const parse = actionParser(DESIGNS.find((d) => d.id === 'tock-2.2')!.kinds);
    expect(parse('#1 notify-everyone #0')).toEqual({ ok: false, error: 'no action reads "#1 notify-everyone #0"' });
    expect(parse('#x subscribe upcall 0').ok).toBe(false);
  });
});
