#!/usr/bin/env node
// The CLI entry. In the repository it runs the TypeScript sources through tsx
// (no build step); in an installed package, which ships only the build, it
// runs the compiled JavaScript in dist/.
import { existsSync, readFileSync } from 'node:fs';

const fromSources = existsSync(new URL('../cli/index.ts', import.meta.url));
if (fromSources) (await import('tsx/esm/api')).register();
// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import(fromSources ? '../cli/index.ts' : '../dist/cli/index.js');
process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  input: () => readFileSync(0, 'utf8'),
  env: process.env,
  // A redrawn status line, only where a person watches: a terminal, outside CI.
  progress: process.stderr.isTTY && !process.env.CI ? (text) => process.stderr.write(`\r${text}\x1b[K`) : undefined,
});
