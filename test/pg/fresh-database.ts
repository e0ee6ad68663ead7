/**
 * A fresh Postgres database per call, created synchronously so that `tempDbUrl()` keeps its
 * signature (every suite builds its config synchronously). The CREATE DATABASE runs in a worker
 * thread while this thread waits on an Atomics flag; the copy of the already migrated template is
 * what makes it cheap (tens of milliseconds).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** The migrated database every test database is copied from (made by global-setup.ts). */
export const TEMPLATE = 'amends_template';

let worker: Worker | undefined;

function adminUrl(): string {
  const url = process.env.AMENDS_TEST_PG_URL;
  if (!url) throw new Error('AMENDS_TEST_PG_URL is not set: the postgres project starts its server in test/pg/global-setup.ts');
  return url;
}

export function freshPostgresUrl(): string {
  const admin = adminUrl();
  if (!worker) {
    worker = new Worker(fileURLToPath(new URL('./create-database-worker.mjs', import.meta.url)), { workerData: { adminUrl: admin } });
    // The worker must not keep a finished test process alive.
    worker.unref();
  }
  const name = `t_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ name, template: TEMPLATE, flag, port: port2 }, [port2]);
  if (Atomics.wait(flag, 0, 0, 60_000) === 'timed-out') throw new Error(`creating database ${name} took over a minute`);
  const reply = receiveMessageOnPort(port1)?.message as { ok: boolean; message?: string } | undefined;
  port1.close();
  if (!reply?.ok) throw new Error(`creating database ${name}: ${reply?.message ?? 'no answer'}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
