/** The HTML report: results matrix and step-through counterexamples with memory maps, as one self-contained page. */
export * from './case-view.ts';
export * from './html-page.ts';
export * from './memory-map.ts';
export * from './report-input.ts';
export * from './report-page.ts';
