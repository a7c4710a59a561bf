import { readFileSync } from 'node:fs';

/** The tool version written into machine-readable output and files: the package's own, read from its package.json. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
