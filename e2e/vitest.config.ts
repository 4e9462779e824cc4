import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['journeys/**/*.test.ts'],
    // Journeys share one server and one browser at a time; they run one file after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Screens fetch and render asynchronously; a second is too short on a busy 2-core machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
