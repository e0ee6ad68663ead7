import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite Stryker runs for each mutant. Mutants live only in the test process, so suites whose
 * assertions run against a child process (the SIGKILL durability test, the two-process race) cannot kill any and only cost
 * time; they stay in `npm test`.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      // worker-resilience tests the sweep's paging over many failing timers: slow, and it covers no rule
      // of the mutated files that the engine suites do not.
      exclude: ['test/api/durability.test.ts', 'test/api/two-processes.test.ts', 'test/engine/worker-resilience.test.ts', 'test/crash/**', 'test/bench/**', '**/node_modules/**'],
      // Each mutant reruns the suites that cover it, hundreds of times over: their SQLite files go to
      // memory-backed /dev/shm where there is one, so fsync (synchronous=FULL) costs nothing here.
      // Durability is what `npm test` and `npm run test:crash` prove, on a real disk.
      setupFiles: ['test/mutation/shm-tmpdir.ts'],
      // The property test is seeded; fewer runs per mutant keep a full mutation run within reach.
      env: { LEDGER_PROPERTY_RUNS: process.env.LEDGER_PROPERTY_RUNS ?? '20' },
    },
  }),
);
