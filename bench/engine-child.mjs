// Runs `engine-child.ts` through tsx's `register()`, as the CLI entry does: a `--import tsx`
// flag would be inherited by the search's worker threads, which then load tsx twice.
import { register } from 'tsx/esm/api';

register();
await import('./engine-child.ts');
