import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit (pure logic, in-memory or temp SQLite), integration (real ptys,
 * sockets, SQLite files, the built headless host) and e2e (Chromium against the
 * headless host). Timing thresholds live in benchmarks, never here.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
