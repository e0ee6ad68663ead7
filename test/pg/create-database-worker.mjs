// Runs in a worker thread of a test process: creates databases while the test's own thread waits
// synchronously (see fresh-database.ts). Keeps a few copies of the template made ahead, so a test
// seldom waits for CREATE DATABASE at all. Plain JS: worker threads get no TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const AHEAD = 2;
const { adminUrl, template, prefix } = workerData;
const client = new pg.Client({ connectionString: adminUrl });
// The server stops after the last test file; a test process may still be alive then.
client.on('error', () => undefined);
const ready = client.connect();
let counter = 0;
const made = [];
let filling;

async function createOne() {
  await ready;
  const name = `${prefix}_${++counter}`;
  await client.query(`create database "${name}" template "${template}"`);
  return name;
}

function fill() {
  filling ??= (async () => {
    try {
      while (made.length < AHEAD) made.push(await createOne());
    } finally {
      filling = undefined;
    }
  })();
  return filling;
}

parentPort.on('message', async ({ flag, port }) => {
  let reply;
  try {
    if (made.length === 0) await fill();
    reply = { ok: true, name: made.shift() };
  } catch (err) {
    reply = { ok: false, message: String(err && err.message ? err.message : err) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  fill().catch(() => undefined);
});
