import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite Stryker runs for each mutant. Mutants live only in the test process, so suites whose
 * assertions run against a child process (the SIGKILL durability test) cannot kill any and only cost
 * time; they stay in `npm test`.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/api/durability.test.ts', 'test/crash/**', 'test/bench/**', '**/node_modules/**'],
    },
  }),
);
