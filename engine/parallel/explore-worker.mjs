// A worker thread of `exploreParallel`: loads the TypeScript sources through tsx, as the CLI entry does.
import { register } from 'tsx/esm/api';

register();
await import('./explore-worker.ts');
