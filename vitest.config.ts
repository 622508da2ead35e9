import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'axis/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'hub/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on child processes (PostgreSQL, hubs, the axis, the core) more than they
    // compute: one worker more than the cores keeps both of CI's busy (552 s against 662 s with two).
    maxWorkers: os.availableParallelism() + 1,
    // Tests that fork dist/ bundles run them fresh: rebuilt when a source is newer (scripts/fresh-build.mjs).
    globalSetup: ['test/global-setup.ts', 'test/postgres-server.ts'],
  },
});
