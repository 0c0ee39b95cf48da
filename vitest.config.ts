import { defineConfig } from 'vitest/config';

// Two projects: "runtime" holds the suites that exercise the Node.js runtime itself
// (async_hooks, inspector, child processes, GC) and runs again on Node 22 and 24;
// "unit" holds the rest.
const runtime = ['packages/harness/**/*.test.ts', 'packages/guard/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'benchmarks/**/*.test.ts'],
          exclude: [...runtime, '**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'runtime',
          include: runtime,
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          pool: 'forks',
          execArgv: ['--expose-gc'],
        },
      },
    ],
  },
});
