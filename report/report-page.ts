import { caseView } from './case-view.ts';
import { htmlPage } from './html-page.ts';
import { reportInput } from './report-input.ts';

/**
 * The report page for `documents` (name and text: counterexample files,
 * or the `--json` output of check, explore or compare). Throws an Error
 * naming the document and the problem when one cannot be read; a
 * counterexample that no longer replays is shown with why.
 */
export function reportPage(documents: readonly { readonly name: string; readonly text: string }[]): string {
  const input = reportInput(documents);
  const cases = input.cases.map((c) => {
    const view = caseView(c.id, c.source, c.file);
    return 'problem' in view ? { id: c.id, source: c.source, problem: view.problem } : view;
  });
  const count = `${cases.length} counterexample${cases.length === 1 ? '' : 's'}`;
  return htmlPage({ title: `tock-ipc-check report: ${count}`, cells: input.cells, cases, notes: input.notes });
}
