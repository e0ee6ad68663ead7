// Runs in a worker thread of a test process: creates databases on request while the test's own
// thread waits synchronously (see fresh-database.ts). Plain JS: worker threads get no TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const client = new pg.Client({ connectionString: workerData.adminUrl });
const ready = client.connect();

parentPort.on('message', async ({ name, template, flag, port }) => {
  let reply;
  try {
    await ready;
    await client.query(`create database "${name}" template "${template}"`);
    reply = { ok: true };
  } catch (err) {
    reply = { ok: false, message: String(err && err.message ? err.message : err) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
