import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'engine/**/*.test.ts',
      'electron/**/*.test.ts',
      'worker-native/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // A hang guard, not a speed check: tests that start the CLI or a training worker take seconds on two
    // cores shared with the other test files (vitest's default of 5 s failed a two-spawn CLI test in CI).
    testTimeout: 30_000,
  },
});
