import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The folders are the architecture: each may import only the folders
 * before it in LAYERS, and only through their `index.ts` (a folder may
 * reach into its own subfolders). A file reaching into a sibling's
 * internals, or a lower layer reaching up (the engines into the CLI),
 * fails here.
 */
const LAYERS = ['model', 'properties', 'scenarios', 'options', 'engine', 'trace', 'api', 'report', 'cli'] as const;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(name) ? [path] : [];
  });
}

/** The relative modules a file imports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]+)\1/g)].map((m) => m[2]!);
  return found.map((spec) => resolve(dirname(file), spec));
}

/** The path's folders below the root: `engine/packed/x.ts` is ['engine', 'packed']. */
function foldersOf(file: string): string[] {
  return relative(ROOT, dirname(file)).split(sep).filter((part) => part !== '');
}

/** Why importing `target` from `file` breaks the layout, or null. */
function problemOf(file: string, target: string): string | null {
  const from = foldersOf(file);
  const to = foldersOf(target);
  const layerFrom = LAYERS.indexOf(from[0] as (typeof LAYERS)[number]);
  const layerTo = LAYERS.indexOf(to[0] as (typeof LAYERS)[number]);
  if (layerTo === -1) return `imports ${relative(ROOT, target)}, outside the layered folders`;
  if (layerFrom !== -1 && layerTo > layerFrom) return `${from[0]}/ imports ${to[0]}/, a layer above it`;
  // The first folder where the two paths part; the target must be that folder's index.
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  if (common === to.length) return null; // the same folder, or one of its ancestors
  if (from.length > 0 && common === from.length) return null; // a folder reaching into one of its own subfolders
  const entered = to.slice(0, common + 1).join('/');
  return relative(ROOT, target) === `${entered}/index.ts` ? null : `imports ${relative(ROOT, target)}, inside ${entered}/, instead of ${entered}/index.ts`;
}

const FILES = [...LAYERS.flatMap((layer) => sourceFiles(join(ROOT, layer))), join(ROOT, 'index.ts'), join(ROOT, 'vitest.ts')];

describe('layout', () => {
  it('each folder imports only the layers below it, through their index.ts', () => {
    const problems = FILES.flatMap((file) =>
      importsOf(file).flatMap((target) => {
        const problem = problemOf(file, target);
        return problem === null ? [] : [`${relative(ROOT, file)}: ${problem}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('the rule catches an engine importing the CLI and a reach into a folder', () => {
    expect(problemOf(join(ROOT, 'engine/bfs.ts'), join(ROOT, 'cli/cli.ts'))).toBe('engine/ imports cli/, a layer above it');
    expect(problemOf(join(ROOT, 'engine/parallel/level-runner.ts'), join(ROOT, 'engine/packed/expander.ts'))).toBe(
      'imports engine/packed/expander.ts, inside engine/packed/, instead of engine/packed/index.ts',
    );
    expect(problemOf(join(ROOT, 'engine/parallel/level-runner.ts'), join(ROOT, 'engine/packed/index.ts'))).toBeNull();
    expect(problemOf(join(ROOT, 'engine/packed/expander.ts'), join(ROOT, 'engine/coverage.ts'))).toBeNull();
    expect(problemOf(join(ROOT, 'index.ts'), join(ROOT, 'engine/bfs.ts'))).toBe('imports engine/bfs.ts, inside engine/, instead of engine/index.ts');
  });

  it('every layer has an index.ts and a line in the README layout', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const folders = FILES.map((f) => foldersOf(f).join('/')).filter((f, i, all) => f !== '' && all.indexOf(f) === i && !f.includes('/designs/'));
    for (const folder of folders) {
      expect(FILES, `${folder}/index.ts`).toContain(join(ROOT, folder, 'index.ts'));
      expect(readme, `README layout row for ${folder}/`).toContain(`| \`${folder}/\` |`);
    }
  });
});
