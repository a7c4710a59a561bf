import { match } from 'ts-pattern';
import { counted, designById, type Action, type MpuArchId, type WorldParams } from '../model/index.ts';
import { CHECK_JSON, COMPARE_JSON, EXPLORE_JSON } from '../api/index.ts';
import { worldFlags } from './world-flags.ts';
import { modelFingerprint, newCounterexample, parseCounterexample, type CounterexampleFile } from '../trace/index.ts';

/** A document the report cannot read: the message names it and the problem. */
export class ReportInputError extends Error {}

/** One cell of the results matrix: a property's verdict for a design on an architecture. */
export interface Cell {
  readonly design: string;
  readonly arch: MpuArchId;
  /** The flags that set its world apart from the default (`worldFlags`): runs of other worlds get rows of their own. */
  readonly world: string;
  readonly property: string;
  readonly status: 'held' | 'violated' | 'inconclusive' | 'n/a' | 'error';
  /** The verdict's detail (a bound, a reason, a length), for people. */
  readonly detail: string;
  /** Ids of the counterexamples behind a violation. */
  readonly cases: readonly string[];
}

/** A counterexample to show, as a file (read, or made from a results document), and where it came from. */
export interface CaseSource {
  readonly id: string;
  readonly source: string;
  readonly file: CounterexampleFile;
}

/** What the report shows: the matrix's cells and the counterexamples, in the order given. */
export interface ReportInput {
  readonly cells: readonly Cell[];
  readonly cases: readonly CaseSource[];
  /** Remarks on the inputs (a compare document holds no traces), for the page. */
  readonly notes: readonly string[];
}

/**
 * Reads `documents` (name and text): each a counterexample file, or the
 * `--json` output of `check`, `explore` or `compare`. Throws
 * `ReportInputError` naming the document and the problem when one is neither.
 */
export function reportInput(documents: readonly { readonly name: string; readonly text: string }[]): ReportInput {
  const cells: Cell[] = [];
  const cases: CaseSource[] = [];
  const notes: string[] = [];
  const addCase = (source: string, file: CounterexampleFile): string => {
    const id = `cx-${cases.length + 1}`;
    cases.push({ id, source, file });
    return id;
  };
  for (const document of documents) {
    const { name } = document;
    // A byte-order mark (as some editors write) is not part of the JSON.
    const text = document.text.replace(/^\uFEFF/, '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ReportInputError(`${name}: not JSON (${(e as Error).message.split('\n')[0]})`);
    }
    const kind = documentKind(json);
    if (kind === null) throw new ReportInputError(`${name}: not a counterexample file, nor the --json output of check, explore or compare`);
    match(kind)
      .with('counterexample', () => {
        const parsed = parseCounterexample(text);
        if (!parsed.ok) throw new ReportInputError(`${name}: ${parsed.problem}`);
        const f = parsed.file;
        const id = addCase(name, f);
        cells.push({ design: f.model.design, arch: f.model.params.arch, world: worldFlags(f.model.params), property: f.property, status: 'violated', detail: `${counted(f.trace.length, 'step')}${f.cause === null ? '' : ` [${f.cause}]`}`, cases: [id] });
      })
      .with('check', () => {
        const doc = parsed(CHECK_JSON, json, name, 'check --json');
        for (const r of doc.results) {
          const ids =
            r.status === 'violated'
              ? r.counterexamples.map((cx) =>
                  addCase(
                    `${name} (check, ${cx.engine} search)`,
                    made(doc.design, doc.params, r.property, cx.cause, cx.message, cx.trace, cx.engine === 'directed' ? { engine: 'directed', maxStates: 0 } : { engine: 'random', seed: doc.seed, path: cx.fastCheckPath, runs: doc.runs, maxSteps: doc.maxSteps }),
                  ),
                )
              : [];
          cells.push({ design: doc.design, arch: doc.params.arch, world: worldFlags(doc.params), property: r.property, status: r.status, detail: detailOf(r), cases: ids });
        }
      })
      .with('explore', () => {
        const doc = parsed(EXPLORE_JSON, json, name, 'explore --json');
        for (const r of doc.results) {
          const ids = r.status === 'violated' ? [addCase(`${name} (explore)`, made(doc.design, doc.params, r.property, r.cause, r.message, r.counterexample.trace, { engine: 'bfs', maxDepth: doc.maxDepth }))] : [];
          cells.push({ design: doc.design, arch: doc.params.arch, world: worldFlags(doc.params), property: r.property, status: r.status, detail: detailOf(r), cases: ids });
        }
      })
      .with('compare', () => {
        const doc = parsed(COMPARE_JSON, json, name, 'compare --json');
        notes.push(`${name}: compare keeps no traces; to step through its counterexamples, save them (check --save) and pass the files`);
        for (const row of doc.rows) {
          for (const [property, cell] of Object.entries(row.cells)) {
            const detail = match(cell)
              .with({ status: 'violated' }, (c) => `${counted(c.steps, 'step')}${c.cause === null ? '' : ` [${c.cause}]`}`)
              .with({ status: 'held' }, (c) => `${counted(c.runs, 'run')}${c.exploredTo === null ? '' : `, explored to ${c.exploredTo}`}`)
              .with({ status: 'inconclusive' }, (c) => c.bound)
              .with({ status: 'n/a' }, () => 'does not apply')
              .with({ status: 'error' }, (c) => c.message)
              .exhaustive();
            cells.push({ design: row.design, arch: row.arch, world: worldFlags(doc.world), property, status: cell.status, detail, cases: [] });
          }
        }
      })
      .exhaustive();
  }
  return { cells, cases, notes };
}

type DocumentKind = 'counterexample' | 'check' | 'explore' | 'compare';

/** What a document is, by its own fields, or null when it is none of them. */
function documentKind(json: unknown): DocumentKind | null {
  const doc = (typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  if (doc.format === 'tock-ipc-check/counterexample') return 'counterexample';
  if (doc.tool === 'tock-ipc-check' && Array.isArray(doc.rows)) return 'compare';
  if (doc.tool === 'tock-ipc-check' && doc.engine === 'bfs') return 'explore';
  if (doc.tool === 'tock-ipc-check' && Array.isArray(doc.results)) return 'check';
  return null;
}

function parsed<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }, json: unknown, name: string, what: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ReportInputError(`${name}: not valid ${what} output (${issue.path.map(String).join('.') || '(document)'}: ${issue.message})`);
}

/** A verdict's detail line. */
function detailOf(r: { readonly status: string; readonly bound?: string; readonly why?: string; readonly message?: string; readonly counterexample?: { readonly trace: readonly unknown[] } }): string {
  if (r.status === 'violated') return `${r.counterexample?.trace.length ?? 0} steps`;
  return r.bound ?? r.why ?? r.message ?? '';
}

/** A counterexample file for a trace a results document holds. */
function made(designId: string, params: WorldParams, property: string, cause: string | null, message: string, trace: readonly Action[], search: CounterexampleFile['search']): CounterexampleFile {
  const design = designById(designId);
  return newCounterexample({
    model: { design: designId, params, fingerprint: design === undefined ? '0000000000000000' : modelFingerprint(design, params) },
    property,
    cause,
    message,
    search,
    trace: [...trace],
  });
}
