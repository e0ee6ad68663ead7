/**
 * A fresh Postgres database per call, created synchronously so that `tempDbUrl()` keeps its
 * signature (every suite builds its config synchronously). The CREATE DATABASE runs in a worker
 * thread while this thread waits on an Atomics flag; the copy of the already migrated template is
 * what makes it cheap, and the worker keeps two made ahead while the tests run.
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
    const prefix = `t_${process.pid}_${randomBytes(3).toString('hex')}`;
    worker = new Worker(fileURLToPath(new URL('./create-database-worker.mjs', import.meta.url)), { workerData: { adminUrl: admin, template: TEMPLATE, prefix } });
    worker.on('error', () => undefined);
    // The worker must not keep a finished test process alive.
    worker.unref();
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ flag, port: port2 }, [port2]);
  if (Atomics.wait(flag, 0, 0, 60_000) === 'timed-out') throw new Error('creating a test database took over a minute');
  const reply = receiveMessageOnPort(port1)?.message as { ok: boolean; name?: string; message?: string } | undefined;
  port1.close();
  if (!reply?.ok || !reply.name) throw new Error(`creating a test database: ${reply?.message ?? 'no answer'}`);
  const url = new URL(admin);
  url.pathname = `/${reply.name}`;
  return url.toString();
}
