import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';
import { formatCounterexample, newCounterexample } from '../trace/counterexample-file.ts';
import { modelFingerprint } from '../trace/fingerprint.ts';
import { replayPath } from '../trace/index.ts';
import { defaultParams, designById, SIZE_PARAM_NAMES, SIZE_PARAMS } from '../model/index.ts';
import { noisy } from './fixtures/noisy-revocation.ts';
import { PROPERTIES } from '../properties/index.ts';

const FOLDER = new URL('../counterexamples/', import.meta.url).pathname;
const files = readdirSync(FOLDER, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

function cli(...argv: string[]): { code: number; out: string; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = synchronous(main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: () => '' }));
  return { code, out: out.join('\n'), err };
}

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tock-ipc-check-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('checked-in counterexamples', () => {
  it('cover every property and include hand-written traces', () => {
    const texts = files.map((f) => JSON.parse(readFileSync(join(FOLDER, f), 'utf8')));
    expect(new Set(texts.map((t) => t.property))).toEqual(new Set(PROPERTIES.map((p) => p.id)));
    expect(texts.some((t) => t.search.engine === 'hand-written')).toBe(true);
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s still shows its violation', (f) => {
    const result = replayPath(join(FOLDER, f));
    expect(result.kind).toBe('replayed');
    if (result.kind === 'replayed') expect(result.replay.kind, result.replay.kind === 'not-reproduced' ? result.replay.why : '').toBe('reproduced');
  });

  // A stale fingerprint makes `check --save` write a `-2` copy beside a file of the same trace, and replay blame a model change.
  it.each(files)('%s carries the current model fingerprint (npm run counterexamples rewrites them after a model change)', (f) => {
    const result = replayPath(join(FOLDER, f));
    if (result.kind !== 'replayed') throw new Error(`${f} did not replay`);
    expect(result.file.model.fingerprint).toBe(result.replay.fingerprintNow);
  });
});

describe('check --save and replay', () => {
  const saveTo = (dir: string) => cli('check', '--seed', '3', '--property', 'revocation', '--property', 'stale-generation', '--save', '--out', dir);

  it('writes byte-identical files for the same seed, and leaves an identical file alone', () => {
    const [a, b] = [temp(), temp()];
    expect(saveTo(a).code).toBe(1);
    expect(saveTo(b).code).toBe(1);
    const names = readdirSync(join(a, 'tock-2.2')).sort();
    expect(names).toHaveLength(2);
    expect(readdirSync(join(b, 'tock-2.2')).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(a, 'tock-2.2', n), 'utf8')).toBe(readFileSync(join(b, 'tock-2.2', n), 'utf8'));
    expect(saveTo(a).out).toMatch(/^unchanged /m);
    expect(readdirSync(join(a, 'tock-2.2'))).toHaveLength(2);
  });

  it('never overwrites a different file with the same name', () => {
    const dir = temp();
    saveTo(dir);
    const [name] = readdirSync(join(dir, 'tock-2.2')).sort();
    writeFileSync(join(dir, 'tock-2.2', name!), '{"edited": true}\n');
    saveTo(dir);
    expect(readFileSync(join(dir, 'tock-2.2', name!), 'utf8')).toBe('{"edited": true}\n');
    expect(readdirSync(join(dir, 'tock-2.2'))).toContain(name!.replace('.json', '-2.json'));
  });

  it('replays each saved file step by step and exits 0', () => {
    const dir = temp();
    saveTo(dir);
    const paths = readdirSync(join(dir, 'tock-2.2')).map((n) => join(dir, 'tock-2.2', n));
    const { code, out } = cli('replay', ...paths);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {3}1\. .*-> SUCCESS/m);
    expect(out).toMatch(/^ {8}#\d /m);
    expect(out.match(/^REPRODUCED at step \d+/gm)).toHaveLength(2);
  });
});

describe('replay of a bad or stale file', () => {
  const original = readFileSync(join(FOLDER, files.find((f) => f.startsWith('tock-2.2'))!), 'utf8');
  const withTrace = (trace: unknown) => JSON.stringify({ ...JSON.parse(original), trace });

  it.each([
    ['bad JSON', original.slice(0, 40), /not JSON/],
    ['a wrong field', JSON.stringify({ ...JSON.parse(original), property: 'liveness' }), /property: /],
    ['an unknown action', withTrace([{ type: 'teleport', by: 0 }]), /trace\.0\.type: /],
    ['an action naming no process', withTrace([{ type: 'deliver', process: 9 }]), /trace\.0\.process: no process slot 9/],
    ['a missing file', null, /no such file/],
    ['a cause its property does not have', JSON.stringify({ ...JSON.parse(original), property: 'isolation', cause: 'cosmic-ray' }), /cause: isolation has no cause 'cosmic-ray' \(its causes: unshared-access, grant-memory, over-grant\)/],
    ['a loss cause the design does not name', JSON.stringify({ ...JSON.parse(original), property: 'delivery', cause: 'queue-full' }), /cause: delivery has no cause 'queue-full' on tock-2\.2 \(its causes there: self-notify, stale-sender, sender-not-running, no-grant-memory, unsubscribed, resubscribed\)/],
    ['a cause on a property that carries none', JSON.stringify({ ...JSON.parse(original), property: 'revocation', cause: 'nonsense' }), /cause: revocation carries no cause, but the file names 'nonsense'/],
  ])('%s: exit 2, one line naming the file and the problem, nothing written', (_, text, problem) => {
    const dir = temp();
    const path = join(dir, 'cx.json');
    if (text !== null) writeFileSync(path, text);
    const { code, out, err } = cli('replay', path);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(path);
    expect(err[0]).toMatch(problem);
    expect(readdirSync(dir)).toEqual(text === null ? [] : ['cx.json']);
  });

  it('exits 1 and says the model is unchanged when the trace no longer reaches the violation', () => {
    const dir = temp();
    const path = join(dir, 'cx.json');
    const file = JSON.parse(original);
    // A file omits the parameters optional in files (heap, impostor) when they have their defaults; reading it gives them.
    const optional = Object.fromEntries(SIZE_PARAM_NAMES.filter((k) => 'optionalInFiles' in SIZE_PARAMS[k]).map((k) => [k, SIZE_PARAMS[k].default]));
    const fingerprint = modelFingerprint(designById(file.model.design)!, { ...optional, ...file.model.params });
    writeFileSync(path, JSON.stringify({ ...file, model: { ...file.model, fingerprint }, trace: file.trace.slice(0, -1) }));
    const { code, out } = cli('replay', path);
    expect(code).toBe(1);
    expect(out).toMatch(/NOT REPRODUCED: .* the model is unchanged/);
  });

  it('reproduces on a changed model with exit 0, and says the model changed', () => {
    const dir = temp();
    const path = join(dir, 'cx.json');
    const file = JSON.parse(original);
    writeFileSync(path, JSON.stringify({ ...file, model: { ...file.model, fingerprint: '0123456789abcdef' } }));
    const { code, out } = cli('replay', path);
    expect(code).toBe(0);
    expect(out).toMatch(/^REPRODUCED at step \d+: .*\n {2}\(the model changed since the file was written: fingerprint 0123456789abcdef, now [0-9a-f]{16}\)$/m);
    expect(cli('replay', join(FOLDER, files.find((f) => f.startsWith('tock-2.2'))!)).out).not.toMatch(/model changed/);
  });

  it('exits 1 and names the cause the trace did show when it breaks the property with another cause', () => {
    const dir = temp();
    const path = join(dir, 'cx.json');
    const file = JSON.parse(readFileSync(join(FOLDER, files.find((f) => f.includes('delivery-'))!), 'utf8'));
    const shown = file.cause;
    // Another cause its design names: one it does not name is no replay at all (exit 2, above).
    writeFileSync(path, JSON.stringify({ ...file, cause: designById(file.model.design)!.losses.find((c) => c !== shown) }));
    const { code, out } = cli('replay', path);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`NOT REPRODUCED: delivery was violated at step \\d+, but with cause ${shown}, not `));
  });

  it('exits 1 and blames a model change when the fingerprint differs', () => {
    const dir = temp();
    const path = join(dir, 'cx.json');
    const file = JSON.parse(original);
    writeFileSync(path, JSON.stringify({ ...file, model: { ...file.model, fingerprint: '0123456789abcdef' }, trace: file.trace.slice(0, -1) }));
    const { code, out } = cli('replay', path);
    expect(code).toBe(1);
    expect(out).toMatch(/NOT REPRODUCED: .*the model changed since the file was written \(fingerprint 0123456789abcdef, now [0-9a-f]{16}\)/);
  });
});

describe('minimize', () => {
  it('writes nothing when the trace is already as short as it makes it', () => {
    const dir = temp();
    const path = join(dir, 'short.json');
    writeFileSync(path, readFileSync(join(FOLDER, 'share-proposal/no-instance-checks/stale-generation-ecd57016.json'), 'utf8'));
    const { code, out } = cli('minimize', path);
    expect(code).toBe(0);
    expect(out).toBe('stale-generation: 4 steps, as short as minimize makes it; nothing written');
    expect(readdirSync(dir)).toEqual(['short.json']);
  });

  it('turns a 40-step hand-written revocation trace into one of at most 6 steps, written beside it', () => {
    const dir = temp();
    const params = defaultParams('abstract');
    const design = designById('tock-2.2')!;
    const file = newCounterexample({
      model: { design: 'tock-2.2', params, fingerprint: modelFingerprint(design, params) },
      property: 'revocation',
      cause: null,
      message: 'hand-written',
      search: { engine: 'hand-written' },
      trace: noisy,
    });
    const path = join(dir, 'long.json');
    writeFileSync(path, formatCounterexample(file));
    const { code, out } = cli('minimize', path);
    expect(code).toBe(0);
    expect(out).toMatch(/revocation: 40 steps -> \d+; wrote /);
    const written = readdirSync(dir).filter((n) => n !== 'long.json');
    expect(written).toHaveLength(1);
    const short = JSON.parse(readFileSync(join(dir, written[0]!), 'utf8'));
    expect(short.trace.length).toBeLessThanOrEqual(6);
    expect(short.search).toEqual({ engine: 'minimize', from: 'long.json' });
    expect(cli('replay', join(dir, written[0]!)).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(formatCounterexample(file));
  });
});

/** The exit code of a command that runs synchronously (every command but `explore --workers`). */
function synchronous(code: number | Promise<number>): number {
  if (typeof code !== 'number') throw new Error('the command ran asynchronously');
  return code;
}

describe('a world with an impostor, in a file', () => {
  it('is written only when set, so files without one keep their bytes, and replays with it', () => {
    const dir = temp();
    const design = designById('ipc-2026')!;
    const trace = [
      { type: 'register-name', by: 2, name: 'service' },
      { type: 'discover-name', by: 1, name: 'service' },
    ];
    const fileFor = (impostor: number) => {
      const params = { ...defaultParams('abstract'), impostor };
      return newCounterexample({ model: { design: design.id, params, fingerprint: modelFingerprint(design, params) }, property: 'discovery', cause: 'impostor', message: 'hand-written', search: { engine: 'hand-written' }, trace });
    };
    expect(Object.keys(JSON.parse(formatCounterexample(fileFor(0))).model.params)).toEqual(['clients', 'restarts', 'queue', 'arch', 'regions', 'buffers']);
    expect(JSON.parse(formatCounterexample(fileFor(1))).model.params.impostor).toBe(1);
    const path = join(dir, 'impostor.json');
    writeFileSync(path, formatCounterexample(fileFor(1)));
    const { code, out } = cli('replay', path);
    expect(code).toBe(0);
    expect(out).toMatch(/^REPRODUCED at step 2: discovery: #1@0 discovered "service" as #2@0/m);
  });
});

describe('docs/ipc-2026-findings.md', () => {
  it('cites only saved counterexamples that exist', () => {
    const doc = readFileSync(new URL('../docs/ipc-2026-findings.md', import.meta.url), 'utf8');
    const cited = [...doc.matchAll(/[a-z-]+-[0-9a-f]{8}(?:-\d+)?\.json/g)].map((m) => m[0]);
    expect(cited.length).toBeGreaterThan(5);
    const saved = new Set(files.map((f) => f.split('/').at(-1)));
    for (const name of cited) expect(saved.has(name), name).toBe(true);
  });
});
