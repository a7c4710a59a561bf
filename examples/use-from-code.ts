import { check, explore } from 'tock-ipc-check';

// A random check of the legacy design, as `tock-ipc-check check --json` prints it.
const report = check({ design: 'tock-2.2', seed: 1 });
for (const r of report.results) console.log(`${r.property}: ${r.status}`);

// An exhaustive search of the proposal, in two threads.
const result = await explore({ design: 'share-proposal', arch: 'abstract', maxDepth: 4, workers: 2 });
console.log(`${result.states} states to depth ${result.depthCovered}:`, result.verdicts.map((v) => `${v.property} ${v.status}`).join(', '));
