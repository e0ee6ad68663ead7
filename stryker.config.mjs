// Mutation testing: `npm run test:mutation` (not part of `npm test`; a full run takes a while on 2 cores).
// While iterating, mutate one file: `npm run test:mutation -- --mutate src/engine/authorize.ts`.
import { readFileSync } from 'node:fs';

/**
 * The `guards: { … }` block of the statechart as a line range, found by reading the file so the range
 * follows edits to the rest of workflows/complaint.ts.
 */
function guardLines(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\s*guards: \{/.test(l));
  if (start < 0) throw new Error(`no guards block in ${file}`);
  const indent = lines[start].match(/^\s*/)[0];
  const end = lines.findIndex((l, i) => i > start && l.startsWith(`${indent}}`));
  return `${file}:${start + 1}-${end + 1}`;
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/engine/authorize.ts',
    'src/engine/budget.ts',
    'src/domain/money.ts',
    'src/engine/effects.ts',
    'src/store/cases.ts',
    'src/engine/idempotency.ts',
    // The statechart's guards only (the `guards:` block of setup()).
    guardLines('workflows/complaint.ts'),
  ],
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  // Sandboxes of other runs and old reports are not part of the project.
  ignorePatterns: ['/reports', '/.stryker-tmp*', '/data'],
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
