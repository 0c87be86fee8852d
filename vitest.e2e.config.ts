// The browser end-to-end suite: the served app driven in headless Chromium (see e2e/README.md).
// One file at a time: each starts its own server, browser and training runs on a 2-core machine.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
