import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMAS, jsonSchemaText } from '../../api/json-schemas.ts';
import { main } from '../../cli/cli.ts';

async function json(...argv: string[]): Promise<unknown> {
  const out: string[] = [];
  await main([...argv, '--json'], { out: (l) => out.push(l), err: () => {}, input: () => '' });
  return JSON.parse(out.join('\n'));
}

const ajv = new Ajv2020({ allErrors: true });
const COMMANDS = Object.keys(JSON_SCHEMAS) as (keyof typeof JSON_SCHEMAS)[];

/** The schema file kept in the repo, compiled by ajv: an independent check of what zod declares. */
function validator(command: keyof typeof JSON_SCHEMAS) {
  return ajv.compile(JSON.parse(readFileSync(`docs/schema/${command}.schema.json`, 'utf8')) as object);
}

function expectValid(command: keyof typeof JSON_SCHEMAS, document: unknown): void {
  const validate = validator(command);
  expect(validate(document) ? null : ajv.errorsText(validate.errors), command).toBeNull();
}

describe('the JSON Schema of each command\'s --json output', () => {
  it.each(COMMANDS)('docs/schema/%s.schema.json is what scripts/json-schemas.ts writes', (command) => {
    expect(readFileSync(`docs/schema/${command}.schema.json`, 'utf8')).toBe(jsonSchemaText(command));
  });

  it('check: violated, held, n/a, saved files, and inconclusive under a time budget, all valid', async () => {
    const out = mkdtempSync(join(tmpdir(), 'schema-'));
    const document = (await json('check', '--runs', '200', '--save', '--out', out)) as { results: { status: string }[]; saved: unknown[] };
    expect(new Set(document.results.map((r) => r.status))).toEqual(new Set(['violated', 'n/a', 'held']));
    expect(document.saved.length).toBeGreaterThan(0);
    expectValid('check', document);
    const cut = (await json('check', '--design', 'share-proposal', '--runs', '1000000', '--time-budget', '1')) as { results: { status: string }[] };
    expect(cut.results.map((r) => r.status)).toContain('inconclusive');
    expectValid('check', cut);
  });

  it('check --shard: a part, valid', async () => {
    const out: string[] = [];
    await main(['check', '--runs', '100', '--shard', '2/3'], { out: (l) => out.push(l), err: () => {}, input: () => '' });
    const part = JSON.parse(out.join('\n')) as { parts: { runs: unknown[] }[] };
    expect(part.parts.some((p) => p.runs.length > 0)).toBe(true);
    expectValid('check-shard', part);
  });

  it('explore: violated, inconclusive and n/a verdicts, valid', async () => {
    const document = (await json('explore', '--arch', 'abstract', '--clients', '1', '--max-depth', '3')) as { results: { status: string }[] };
    expect(new Set(document.results.map((r) => r.status))).toEqual(new Set(['violated', 'inconclusive', 'n/a']));
    expectValid('explore', document);
    expectValid('explore', await json('explore', '--design', 'rust-channel', '--max-depth', '30'));
  });

  it('compare and scenario, valid; a document with a field the schema lacks is not', async () => {
    const compared = await json('compare', '--design', 'tock-2.2', '--design', 'hubris', '--arch', 'abstract', '--runs', '100', '--max-depth', '2');
    expectValid('compare', compared);
    const scenarios = (await json('scenario', 'correct-use', 'hubris-call')) as { scenarios: object[] };
    expectValid('scenario', scenarios);
    expect(validator('scenario')({ scenarios: [{ ...scenarios.scenarios[0], extra: 1 }] })).toBe(false);
  });
});
