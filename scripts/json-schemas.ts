/**
 * Writes docs/schema/<command>.schema.json, the JSON Schema of each
 * command's `--json` output, from the zod schemas in api/json-schemas.ts.
 * test/api/json-schemas.test.ts fails when a file is not what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { JSON_SCHEMAS, jsonSchemaText } from '../api/json-schemas.ts';

mkdirSync('docs/schema', { recursive: true });
for (const command of Object.keys(JSON_SCHEMAS) as (keyof typeof JSON_SCHEMAS)[]) {
  writeFileSync(`docs/schema/${command}.schema.json`, jsonSchemaText(command));
  console.log(`docs/schema/${command}.schema.json`);
}
