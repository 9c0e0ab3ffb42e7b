import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Store and bot tests share one Redis (each file its own key prefix); e2e spawns processes.
    pool: 'forks',
  },
});
