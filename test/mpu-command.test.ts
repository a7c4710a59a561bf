import { describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';

function mpu(input: string, ...argv: string[]): { code: number; lines: unknown[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = synchronous(main(['mpu', ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), input: () => input }));
  return { code, lines: out.map((l) => JSON.parse(l)), err };
}

const line = (...ops: object[]) => JSON.stringify({ ops });

describe('tock-ipc-check mpu', () => {
  it('answers each op with ok and region only on abstract, access empty', () => {
    const { code, lines } = mpu(
      line({ op: 'allocate_region', start: 0x20000000, size: 48, minSize: 48, perms: 'rw' }, { op: 'remove_region', start: 0x20000000, size: 48 }),
      '--arch',
      'abstract',
    );
    expect(code).toBe(0);
    expect(lines).toEqual([
      [
        { ok: true, region: { start: 0x20000000, size: 48 }, access: [] },
        { ok: true, region: null, access: [] },
      ],
    ]);
  });

  it('reports the exact access of a hardware configuration after each op (riscv-pmp: a 20-byte buffer maps)', () => {
    const { lines } = mpu(
      line(
        { op: 'allocate_region', start: 0x20000204, size: 20, minSize: 20, perms: 'rw' },
        { op: 'allocate_region', start: 0x20000206, size: 8, minSize: 8, perms: 'rw' },
      ),
      '--arch',
      'riscv-pmp',
    );
    expect(lines).toEqual([
      [
        { ok: true, region: { start: 0x20000204, size: 20 }, access: [{ start: 0x20000204, end: 0x20000218, perms: 'rw' }] },
        { ok: false, region: null, access: [{ start: 0x20000204, end: 0x20000218, perms: 'rw' }] },
      ],
    ]);
  });

  it('answers a malformed line with an error naming the problem, answers the rest, and exits 2', () => {
    const input = [
      '{"ops": [',
      line({ op: 'allocate_region', start: 0x20000000, size: -1, minSize: 32, perms: 'rw' }),
      line({ op: 'grow_region', start: 0 }),
      line({ op: 'allocate_region', start: 0x20000000, size: 32, minSize: 32, perms: 'rw', extra: 1 }),
      line({ op: 'allocate_region', start: 0x20000000, size: 32, minSize: 32, perms: 'rw' }),
    ].join('\n');
    const { code, lines } = mpu(input, '--arch', 'cortex-m33');
    expect(code).toBe(2);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ error: expect.stringMatching(/^line 1: not JSON/) });
    expect(lines[1]).toEqual({ error: expect.stringMatching(/^line 2: ops\.0\.size: /) });
    expect(lines[2]).toEqual({ error: expect.stringMatching(/^line 3: ops\.0\.op: /) });
    expect(lines[3]).toEqual({ error: expect.stringMatching(/^line 4: .*extra/) });
    expect(lines[4]).toEqual([{ ok: true, region: { start: 0x20000000, size: 32 }, access: [{ start: 0x20000000, end: 0x20000020, perms: 'rw' }] }]);
  });

  it("answers a call where Tock's allocator would panic with an error for that line", () => {
    const panics = line({ op: 'allocate_region', start: 0, size: 2 ** 31 + 1, minSize: 2 ** 31 + 1, perms: 'rw' });
    const fine = line({ op: 'allocate_region', start: 0x20000000, size: 32, minSize: 32, perms: 'rw' });
    const { code, lines } = mpu(`${panics}\n${fine}`, '--arch', 'cortex-m');
    expect(code).toBe(2);
    expect(lines[0]).toEqual({ error: expect.stringMatching(/^line 1: cortex-m: Tock panics/) });
    expect(lines[1]).toEqual([{ ok: true, region: { start: 0x20000000, size: 32 }, access: [{ start: 0x20000000, end: 0x20000020, perms: 'rw' }] }]);
  });

  it('refuses an unknown architecture with one line and exit 2', () => {
    const { code, lines, err } = mpu('', '--arch', 'x86');
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(err).toEqual([expect.stringMatching(/^tock-ipc-check: unknown architecture 'x86' \(known: /)]);
  });
});

/** The exit code of a command that runs synchronously (every command but `explore --workers`). */
function synchronous(code: number | Promise<number>): number {
  if (typeof code !== 'number') throw new Error('the command ran asynchronously');
  return code;
}
