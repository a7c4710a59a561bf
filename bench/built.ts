import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Compiles the project to dist/ (`npm run build`), as a package ships it:
 * the `ours` engines explore with that JavaScript, so that their worker
 * threads start from it, not through tsx, as in an installed package.
 */
export function buildJavaScript(): void {
  process.stderr.write('bench: npm run build (the ours engines run the built JavaScript)\n');
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A module of the built project (dist/), by its path there: `engine/index.js`. */
export async function builtModule<T>(path: string): Promise<T> {
  const url = new URL(`../dist/${path}`, import.meta.url);
  try {
    return (await import(url.href)) as T;
  } catch (e) {
    throw new Error(`cannot load dist/${path} (run npm run build first): ${(e as Error).message}`);
  }
}
