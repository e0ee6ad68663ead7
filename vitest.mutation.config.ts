import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite Stryker runs for each mutant. Mutants live only in the test process, so suites whose
 * assertions run against a child process (the SIGKILL durability test, the two-process race) cannot
 * kill any and only cost time; they stay in `npm test`.
 */
// Spread, not mergeConfig: merging would append to the base `include` instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // One project, on SQLite: the dialect matrix of `npm test` would run every mutant twice.
    projects: undefined,
    // The mutated files are the engine's rules, the store and money: the unit and engine suites drive
    // them directly, in-process. The HTTP suites start a server per test and cover the same rules
    // through one more layer; on two shared cores they would double a full run, so they stay in
    // `npm test` only. worker-resilience tests the sweep's paging over failing timers, no rule here.
    include: ['test/unit/**/*.test.ts', 'test/engine/**/*.test.ts'],
    exclude: ['test/engine/worker-resilience.test.ts', '**/node_modules/**'],
    // Each mutant reruns the suites that cover it, hundreds of times over: their SQLite files go to
    // memory-backed /dev/shm where there is one, so fsync (synchronous=FULL) costs nothing here.
    // Durability is what `npm test` and `npm run test:crash` prove, on a real disk.
    globalSetup: ['test/mutation/shm-root.ts'],
    setupFiles: ['test/mutation/shm-tmpdir.ts'],
    // The property test is seeded; fewer runs per mutant keep a full mutation run within reach.
    env: { LEDGER_PROPERTY_RUNS: process.env.LEDGER_PROPERTY_RUNS ?? '20' },
  },
});
