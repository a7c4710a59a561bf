#!/usr/bin/env node
// The CLI entry: loads the TypeScript sources through tsx, so the package runs without a build step.
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../cli/index.ts');
process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  input: () => readFileSync(0, 'utf8'),
});
