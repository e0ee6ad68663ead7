/**
 * The postgres project's one server: started before any test file, stopped after the last. A
 * template database is migrated once; each test database is a copy of it (fresh-database.ts).
 */
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { TEMPLATE } from './fresh-database.js';
import { adminQuery, startTestPostgres, type TestPostgres } from './server.js';

let server: TestPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startTestPostgres({ fast: true });
  // A killed test run must not leave a postgres process behind.
  process.once('exit', () => void server?.stop());
  await adminQuery(server.adminUrl, `create database ${TEMPLATE}`);
  const store = await openStore(server.urlOf(TEMPLATE));
  try {
    await migrateToLatest(store.db);
  } finally {
    await store.close();
  }
  project.provide('pgAdminUrl', server.adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
