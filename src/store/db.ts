import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../domain/errors.js';
import type { Database } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

/**
 * A database handle plus the dialect it speaks. Kysely cannot tell its dialect at run time, and
 * repositories need it (e.g. FOR UPDATE SKIP LOCKED exists only on Postgres).
 */
export interface Store {
  /** Writes, and reads inside transactions. */
  db: Db;
  /**
   * Reads outside transactions (the API's GETs, auth, views after a write). On SQLite a second,
   * read-only connection: WAL lets it read committed data while a write group holds the first one,
   * so a GET never queues behind a commit. Elsewhere the same handle as `db`.
   */
  read: Db;
  dialect: Dialect;
  close(): Promise<void>;
  /** Postgres only: the connection pool right now (waiting > 0 means requests queue for a connection). */
  poolStats?(): { total: number; idle: number; waiting: number };
}

/**
 * Open the store named by a DATABASE_URL.
 * @example await openStore('sqlite:./data/amends.sqlite')
 */
export async function openStore(url: string): Promise<Store> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
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
  // Checkpoint in larger steps: each checkpoint also syncs the database file, and the default
  // (1000 pages) runs one every few hundred events. The WAL is truncated back after each one.
  raw.pragma('wal_autocheckpoint = 8000');
  raw.pragma('journal_size_limit = 67108864');
  // 32 MB of page cache per connection (the default is 2 MB): index pages of a large case table stay warm.
  raw.pragma('cache_size = -32000');
  const statements = withStatementCache(raw);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  writers.set(db, statements);
  if (path === ':memory:') return { db, read: db, dialect: 'sqlite', close: () => db.destroy() };
  const reader = new BetterSqlite3(path, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  reader.pragma('cache_size = -32000');
  const readStatements = withStatementCache(reader);
  const read = new Kysely<Database>({ dialect: new SqliteDialect({ database: readStatements }) });
  readers.set(read, readStatements);
  return {
    db,
    read,
    dialect: 'sqlite',
    close: async () => {
      await read.destroy();
      await db.destroy();
    },
  };
}

/**
 * int8 (bigint columns, count(*)) and numeric (sum of bigint) arrive from pg as strings so that no
 * precision is lost. Money here is integer minor units far below 2^53, so numbers are exact; parsing
 * them once here lets every repository read the same types on both dialects. Per pool, not global.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
} as pg.CustomTypesConfig;

/**
 * PostgreSQL cannot hold U+0000 in text and fails the statement (22021), which would surface as a
 * 500. The HTTP layer refuses NUL in what it parses; this catches every other way in (signed
 * webhooks, the CLI) before the statement is sent, as the same 400 SQLite callers never need.
 */
class NulSafeClient extends pg.Client {
  override query(...args: unknown[]): never {
    const values = (typeof args[0] === 'object' && args[0] !== null ? (args[0] as { values?: unknown }).values : args[1]) as unknown;
    if (Array.isArray(values) && values.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
      const err = new AppError('validation', 'text must not contain the NUL character (U+0000)', { errors: [{ path: '(text)', message: 'must not contain the NUL character' }] });
      const callback = args.find((a) => typeof a === 'function') as ((e: unknown) => void) | undefined;
      if (callback) {
        process.nextTick(() => callback(err));
        return undefined as never;
      }
      return Promise.reject(err) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/** Pool size per process; AMENDS_PG_POOL_MAX overrides (several processes share max_connections). */
const PG_POOL_MAX = 10;

function openPostgres(url: string): Store {
  const max = Number(process.env.AMENDS_PG_POOL_MAX ?? PG_POOL_MAX) || PG_POOL_MAX;
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, Client: NulSafeClient });
  // An idle client losing its connection (a Postgres restart) emits 'error' on the pool; without a
  // listener that would end the process. The next query opens a fresh connection.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Postgres serves concurrent readers and writers on its own: one pool does both.
  return {
    db,
    read: db,
    dialect: 'postgres',
    close: () => db.destroy(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

interface Job {
  fn: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** Most transactions one SQLite commit may carry. */
const MAX_GROUP = 64;

interface Queue {
  jobs: Job[];
  /** A group is running or one is scheduled for the next turn of the event loop. */
  busy: boolean;
  listeners: Array<(size: number) => void>;
}

const queues = new WeakMap<Store, Queue>();

function queueOf(store: Store): Queue {
  let q = queues.get(store);
  if (!q) {
    q = { jobs: [], busy: false, listeners: [] };
    queues.set(store, q);
  }
  return q;
}

/**
 * Be told the size of every committed group (SQLite only): metrics count groups and their sizes.
 * @returns a function that stops the listening
 */
export function onCommitGroup(store: Store, listener: (size: number) => void): () => void {
  const q = queueOf(store);
  q.listeners.push(listener);
  return () => {
    q.listeners = q.listeners.filter((l) => l !== listener);
  };
}

type Statements = ReturnType<typeof withStatementCache>;

/** The statement cache of each SQLite store's writing connection, by its handle. */
const writers = new WeakMap<Db, Statements>();

/** The handles of the write groups now running, each with its connection's statements. */
const groups = new WeakMap<Db, Statements>();

/** The statement cache of each SQLite store's read-only connection (a file database's own second connection). */
const readers = new WeakMap<Db, Statements>();

/**
 * The statements a prepared query may run directly on `db`'s connection (see prepared.ts), or
 * undefined where Kysely must run it:
 * - a write group's handle: its connection is already taken (Kysely would only queue the query
 *   behind itself and pass it down unchanged);
 * - the read-only connection: it never holds a transaction (nothing opens one on it), so each
 *   statement reads the last commit on its own, as it would through Kysely.
 */
export function directStatements(db: Db): Statements | undefined {
  return groups.get(db) ?? readers.get(db);
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs about as much as running a
 * small one. The same few dozen SQL texts recur, so keep their prepared statements (bounded, LRU).
 * Safe because a statement is run to completion before the next query starts (no streaming here).
 */
function withStatementCache(raw: BetterSqlite3.Database, size = 500) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = raw.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/**
 * Run `fn` in one transaction and resolve after its commit is durable.
 *
 * On SQLite this is a group commit: transactions that arrive within one turn of the event loop, or
 * while a commit is in progress, wait, then run one after another inside a single BEGIN IMMEDIATE …
 * COMMIT, each in its own SAVEPOINT. A failing `fn` rolls back only its savepoint; every caller is answered only after the shared
 * COMMIT, so "acknowledged" still means "on disk" while one fsync serves many events. With no
 * concurrency a batch holds one transaction and nothing changes. BEGIN IMMEDIATE also makes a second
 * process (a separate worker) wait on busy_timeout instead of failing on a lock upgrade.
 *
 * Always pass the handle given to `fn` down: using the outer `db` inside deadlocks on SQLite, and so
 * does calling inTransaction from inside `fn`.
 */
export function inTransaction<T>(store: Store, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (store.dialect !== 'sqlite') return pgTransaction(store, fn);
  const q = queueOf(store);
  return new Promise<T>((resolve, reject) => {
    q.jobs.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    if (!q.busy) schedule(store, q);
  });
}

/**
 * Start the next group one turn of the event loop later, not at once: better-sqlite3 never yields,
 * so a group started at once would hold only the request that started it, and every other request
 * of the same poll phase would wait for the next commit alone. `setImmediate` runs after the poll
 * phase: every request parsed in it (and every one that arrived while the last commit synced) joins.
 */
function schedule(store: Store, q: Queue): void {
  q.busy = true;
  setImmediate(() => void drainOnce(store, q));
}

async function drainOnce(store: Store, q: Queue): Promise<void> {
  const batch = q.jobs.splice(0, MAX_GROUP);
  try {
    await runGroup(store, batch, q);
  } finally {
    if (q.jobs.length > 0) schedule(store, q);
    else q.busy = false;
  }
}

// Compiled once: Kysely would build and compile these statements for every group.
const BEGIN = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
const SAVEPOINT = CompiledQuery.raw('savepoint grp');
const RELEASE = CompiledQuery.raw('release grp');
const ROLLBACK_TO = CompiledQuery.raw('rollback to grp');

/** The group's own statements (BEGIN, SAVEPOINT, COMMIT…) straight on its connection, as prepared queries run. */
function control(conn: Db, statements: Statements | undefined): { executeQuery(q: CompiledQuery): Promise<unknown> } {
  if (!statements) return conn;
  return {
    executeQuery(q) {
      try {
        return Promise.resolve(statements.prepare(q.sql).run());
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

async function runGroup(store: Store, batch: Job[], q: Queue): Promise<void> {
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
  try {
    await store.db.connection().execute(async (handle) => {
      const statements = writers.get(store.db);
      if (statements) groups.set(handle, statements);
      const conn = control(handle, statements);
      await conn.executeQuery(BEGIN);
      try {
        if (batch.length === 1) {
          // Alone in its group: the transaction itself is its savepoint.
          outcomes.push({ ok: true, value: await (batch[0] as Job).fn(handle) });
          await conn.executeQuery(COMMIT);
          return;
        }
        for (const job of batch) {
          await conn.executeQuery(SAVEPOINT);
          try {
            const value = await job.fn(handle);
            await conn.executeQuery(RELEASE);
            outcomes.push({ ok: true, value });
          } catch (err) {
            await conn.executeQuery(ROLLBACK_TO);
            await conn.executeQuery(RELEASE);
            outcomes.push({ ok: false, err });
          }
        }
        await conn.executeQuery(COMMIT);
      } catch (err) {
        await conn.executeQuery(ROLLBACK).catch(() => undefined);
        throw err;
      }
    });
  } catch (err) {
    // The group did not commit: nothing in it happened, and every caller hears so.
    for (const job of batch) job.reject(err);
    return;
  }
  for (const listener of q.listeners) listener(batch.length);
  batch.forEach((job, i) => {
    const o = outcomes[i];
    if (o?.ok) job.resolve(o.value);
    else job.reject(o?.err);
  });
}

/** Postgres SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const PG_ATTEMPTS = 5;

/**
 * On Postgres each call is its own transaction (READ COMMITTED). A serialization failure or a
 * deadlock aborts it with nothing applied; `fn` only touches the database through `trx`, so running
 * it again is safe, after a short random pause that lets the other transaction finish.
 */
async function pgTransaction<T>(store: Store, fn: (trx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db.transaction().execute(fn);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= PG_ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

/** Whether the database answers: one trivial query on the read connection. */
export async function ping(store: Store): Promise<void> {
  await sql`select 1`.execute(store.read);
}

/**
 * Whether a handle (the store's or a transaction's) speaks Postgres. Repositories get a `Db`, not
 * the Store, and row locks exist only there; the adapter says which dialect compiled the handle.
 */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** JSON columns come back as text from SQLite and as objects from pg jsonb; normalise here. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** pg returns bigint as string; SQLite as number. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
