import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'axis/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'hub/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on child processes (PostgreSQL, hubs, the axis, the core) more than they
    // compute: vitest's default (one worker less than the cores) leaves one of CI's two cores idle.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Tests that fork dist/ bundles run them fresh: rebuilt when a source is newer (scripts/fresh-build.mjs).
    globalSetup: ['test/global-setup.ts', 'test/postgres-server.ts'],
  },
});
