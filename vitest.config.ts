import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The package imported by name (examples/) is its sources, as tsconfig's customConditions make it for tsc.
  resolve: {
    alias: [
      { find: /^tock-ipc-check$/, replacement: fileURLToPath(new URL('./index.ts', import.meta.url)) },
      { find: /^tock-ipc-check\/vitest$/, replacement: fileURLToPath(new URL('./vitest.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Random searches run a few seconds each on a 2-core machine.
    testTimeout: 60_000,
    // Loading a design file through tsx in a hook can take more than vitest's 10 s while both cores are busy.
    hookTimeout: 60_000,
  },
});
