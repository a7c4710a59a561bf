import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package.json of this package: the first one above this file, whether it runs from the sources or from the build in `dist/`. */
function ownManifest(): { name: string; version: string } {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name: string; version: string };
      if (manifest.name === 'tock-ipc-check') return manifest;
    }
    if (dirname(dir) === dir) throw new Error('tock-ipc-check: cannot find its own package.json');
  }
}

/** The tool version written into machine-readable output and files: the package's own, read from its package.json. */
export const TOOL_VERSION: string = ownManifest().version;
