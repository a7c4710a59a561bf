import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchFigures } from './engine.ts';
import type { Legacy3Params } from './legacy3-params.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./engine-child.mjs', import.meta.url));

/**
 * Runs engine `id` in a fresh Node process (`engine-child.ts`, through tsx, loaded as the CLI loads it)
 * and resolves to the figures it printed; rejects, with the child's exit
 * status, when it fails. The child's stderr is passed through.
 */
export function runInChild(id: string, params: Legacy3Params, propertiesOn: boolean): Promise<BenchFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, id, JSON.stringify(params), propertiesOn ? 'on' : 'off'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`engine ${id} failed (${signal ?? `exit ${code}`})${out ? `; it printed:\n${out}` : ''}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as BenchFigures);
      } catch {
        reject(new Error(`engine ${id} printed no figures:\n${out}`));
      }
    });
  });
}
