import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

/**
 * A database handle plus the dialect it speaks. Kysely cannot tell its dialect at run time, and
 * repositories need it (e.g. FOR UPDATE SKIP LOCKED exists only on Postgres).
 */
export interface Store {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * Open the store named by a DATABASE_URL.
 * @example await openStore('sqlite:./data/amends.sqlite')
 */
export async function openStore(url: string): Promise<Store> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    throw new Error('Postgres is not wired in yet: use DATABASE_URL=sqlite:<file>');
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url})`);
}

function openSqlite(file: string): Store {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  // FULL: an acknowledged event survives power loss, not only a process crash.
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Run `fn` in one transaction. On SQLite it starts with BEGIN IMMEDIATE, so a second process (a
 * separate worker) waits on busy_timeout instead of failing when its read lock must become a write lock.
 * Always pass the handle given to `fn` down: using the outer `db` inside deadlocks on SQLite.
 */
export async function inTransaction<T>(store: Store, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (store.dialect !== 'sqlite') return store.db.transaction().execute(fn);
  return store.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}

/** JSON columns come back as text from SQLite and as objects from pg jsonb; normalise here. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** pg returns bigint as string; SQLite as number. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
