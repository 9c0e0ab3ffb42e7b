import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Store and bot tests share one Redis (each file its own key prefix); e2e spawns processes.
    pool: 'forks',
    // two files at a time on CI's two cores (vitest's default there is one): much of a file's time is
    // waiting on Redis, child processes and the browser. One run: 487 s against 685 s, all passing.
    maxWorkers: 2,
  },
});
