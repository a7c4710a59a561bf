import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Random searches run a few seconds each on a 2-core machine.
    testTimeout: 60_000,
  },
});
