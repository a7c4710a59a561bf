import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerDesign, type Design } from '../model/index.ts';
import { registerProperty, type Property } from '../properties/index.ts';
import { UsageError } from './flags.ts';

/**
 * A user's design or property, from a file named on the command line
 * (`--design ./my-design.ts`, `--property-file ./my-property.ts`): the
 * file's default export, made with `defineDesign` or `defineProperty`.
 * Loading type-checks the file (when the TypeScript compiler is
 * installed), imports it, checks the export's shape and registers it, so
 * every command then finds it by id. Worker threads import the same files
 * (`loadedModules`).
 */

/** A value of `--design` that names a file rather than a design id. */
const MODULE_FILE = /\.(m?ts|m?js)$/;

const loaded: string[] = [];

/** Each loaded design or property, to the path the user gave for its file. */
const sources = new Map<Design | Property, string>();

/** The path the user gave for the file `thing` was loaded from, or undefined for a built-in. */
export function sourceOf(thing: Design | Property): string | undefined {
  return sources.get(thing);
}

/** The property files loaded, as the user gave them: what a repeat command must pass again. */
export function propertyFiles(): string[] {
  return [...sources].filter(([thing]) => 'check' in thing).map(([, path]) => path);
}

/** The absolute paths of the user files loaded in this process, in the order they were. */
export function loadedModules(): readonly string[] {
  return loaded;
}

/**
 * The arguments with each `--design FILE` replaced by `--design ID` (or
 * dropped, unless `keepDesign`) and each `--property-file FILE` dropped,
 * once the files are loaded. Throws `UsageError` naming the file and its
 * problem.
 */
export async function withUserModules(args: readonly string[], keepDesign = true): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.startsWith('--') ? splitFlag(args[i]!) : [args[i]!, undefined];
    const value = inline ?? args[i + 1];
    if (flag === '--design' && value !== undefined && MODULE_FILE.test(value)) {
      const design = await loadFile(value, 'design');
      if (keepDesign) out.push('--design', design.id);
      if (inline === undefined) i++;
    } else if (flag === '--property-file') {
      if (value === undefined) throw new UsageError('--property-file needs a file');
      await loadFile(value, 'property');
      if (inline === undefined) i++;
    } else {
      out.push(args[i]!);
    }
  }
  return out;
}

/**
 * Throws `UsageError` when `--design` in `args` names anything but a file:
 * on `command`, which takes its design from its input or lists them all,
 * the flag only loads a design of the user's own, and a design's id there
 * would otherwise read as an unknown option.
 */
export function refuseDesignName(command: string, args: readonly string[]): void {
  for (let i = 0; i < args.length; i++) {
    if (!args[i]!.startsWith('--')) continue;
    const [flag, inline] = splitFlag(args[i]!);
    const value = inline ?? args[i + 1];
    if (flag === '--design' && (value === undefined || !MODULE_FILE.test(value))) {
      const what = 'a file holding a design of your own (./my-design.ts, .ts or .js)';
      throw new UsageError(value === undefined ? `--design on ${command} needs ${what}` : `--design on ${command} only loads ${what}, and '${value}' is not one`);
    }
  }
}

/** True iff the arguments name a user's file to load. */
export function namesUserModule(args: readonly string[]): boolean {
  return args.some((a, i) => a.startsWith('--property-file') || (splitFlag(a)[0] === '--design' && MODULE_FILE.test(splitFlag(a)[1] ?? args[i + 1] ?? '')));
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

async function loadFile(path: string, want: 'design'): Promise<Design>;
async function loadFile(path: string, want: 'property'): Promise<Property>;
async function loadFile(path: string, want: 'design' | 'property'): Promise<Design | Property> {
  const file = resolve(path);
  if (!existsSync(file)) throw new UsageError(`${path}: no such file`);
  const typeError = await firstTypeError(file);
  if (typeError !== null) throw new UsageError(`${path}:${typeError}`);
  await typeScriptLoader(file, path);
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (e) {
    throw new UsageError(`${path}: cannot load it (${firstLine(e)})${loadsAsCommonJs(file) ? COMMONJS_HINT : ''}`);
  }
  const helper = want === 'design' ? 'defineDesign' : 'defineProperty';
  if (exported === undefined) throw new UsageError(`${path}: no default export (export default ${helper}({ ... }))`);
  const problem = want === 'design' ? designShapeProblem(exported) : propertyShapeProblem(exported);
  if (problem !== null) throw new UsageError(`${path}: the default export is not a ${want} made with ${helper}: ${problem}`);
  try {
    if (want === 'design') registerDesign(exported as Design);
    else registerProperty(exported as Property);
  } catch (e) {
    throw new UsageError(`${path}: ${firstLine(e)}`);
  }
  if (!loaded.includes(file)) loaded.push(file);
  sources.set(exported as Design | Property, path);
  return exported as Design | Property;
}

/** Imports a file `withUserModules` loaded and registers its default export again: for a worker thread, which starts with only the built-ins. */
export async function registerLoadedModule(file: string): Promise<void> {
  await typeScriptLoader(file, file);
  const exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  if (designShapeProblem(exported) === null) registerDesign(exported as Design);
  else registerProperty(exported as Property);
}

/** True once a loader for TypeScript files is in place: from the start when this package runs from its sources (through tsx or vitest). */
let loadsTypeScript = import.meta.url.endsWith('.ts');

/**
 * Makes `file` importable: a TypeScript file, when this package runs from
 * its build, needs tsx (an optional peer dependency), registered on first
 * need. Throws `UsageError` naming `path` when tsx is not installed.
 */
async function typeScriptLoader(file: string, path: string): Promise<void> {
  if (loadsTypeScript || !/\.[mc]?ts$/.test(file)) return;
  let api: typeof import('tsx/esm/api');
  try {
    api = await import('tsx/esm/api');
  } catch {
    throw new UsageError(`${path}: a TypeScript file needs tsx to load: npm install --save-dev tsx (or write it as .mjs)`);
  }
  api.register();
  loadsTypeScript = true;
}

function designShapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const d = value as Record<string, unknown>;
  for (const key of ['id', 'summary'] as const) if (typeof d[key] !== 'string') return `${key} is not a string`;
  for (const key of ['kinds', 'rules'] as const) if (typeof d[key] !== 'object' || d[key] === null) return `${key} is not an object`;
  for (const key of ['results', 'emits'] as const) if (!Array.isArray(d[key])) return `${key} is not a list`;
  for (const key of ['enabled', 'enabledAt', 'shares'] as const) if (typeof d[key] !== 'function') return `${key} is not a function`;
  return null;
}

function propertyShapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const p = value as Record<string, unknown>;
  for (const key of ['id', 'description', 'situation'] as const) if (typeof p[key] !== 'string') return `${key} is not a string`;
  if (!Array.isArray(p.needs)) return 'needs is not a list';
  for (const key of ['check', 'witness'] as const) if (typeof p[key] !== 'function') return `${key} is not a function`;
  return null;
}

/**
 * The first type error in a TypeScript file, as `line:column: message`, or
 * null; null too when the TypeScript compiler is not installed (the file
 * is then only loaded).
 */
async function firstTypeError(file: string): Promise<string | null> {
  if (!/\.m?ts$/.test(file)) return null;
  const key = `${file}@${statSync(file).mtimeMs}`;
  if (!typeChecked.has(key)) typeChecked.set(key, await typeCheck(file));
  return typeChecked.get(key)!;
}

/** `firstTypeError` per file and modification time: a process that loads a file again (a test suite) checks it once. */
const typeChecked = new Map<string, string | null>();

async function typeCheck(file: string): Promise<string | null> {
  let ts: typeof import('typescript');
  try {
    ts = (await import('typescript')).default;
  } catch {
    return null;
  }
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  });
  // The user's files are judged, not this package's own (checked by its own build) nor installed packages; checking
  // only theirs (the package's types they use are resolved as needed) is several times faster than the whole program.
  const theirs = (name: string) => resolve(name) === file || !(resolve(name).startsWith(PACKAGE_ROOT) || name.includes('/node_modules/'));
  const sources = program.getSourceFiles().filter((f) => theirs(f.fileName));
  // Syntax first, file by file, then types: a file cut short is reported as the missing brace, not as what it lacks.
  const diagnostic = [
    program.getOptionsDiagnostics(),
    program.getGlobalDiagnostics(),
    ...sources.map((f) => program.getSyntacticDiagnostics(f)),
    ...sources.map((f) => program.getSemanticDiagnostics(f)),
  ]
    .flat()
    .find((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostic === undefined) return null;
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return ` ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const where = diagnostic.file.fileName === file ? '' : ` (in ${relative(dirname(file), diagnostic.file.fileName)})`;
  return `${line + 1}:${character + 1}: ${message}${where}`;
}

/** Why a `.ts` file may fail where a `.mts` one loads: Node reads it as CommonJS, which cannot import this package's ES modules. */
const COMMONJS_HINT = '; a .ts file outside an ES-module package loads as CommonJS: name it .mts, or put it under a package.json with "type": "module"';

/** True iff Node loads `file` as CommonJS: a `.ts` or `.js` file whose nearest package.json does not say `"type": "module"`. */
function loadsAsCommonJs(file: string): boolean {
  if (!/\.(ts|js)$/.test(file)) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type !== 'module';
      } catch {
        return true;
      }
    }
    if (dirname(dir) === dir) return true;
  }
}

/** This package's root: its files are not a user's to fix. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..') + sep;

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
