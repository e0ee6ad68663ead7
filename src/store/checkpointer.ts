import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A WAL checkpoint copies the log's pages into the database file and syncs it. Left to SQLite it runs
 * inside the COMMIT that crosses `wal_autocheckpoint`, on the thread that serves requests: 8–30 ms of
 * copying and fsync every few hundred events, felt by every request waiting behind that commit.
 *
 * This thread, with its own connection, checkpoints PASSIVE-ly every `intervalMs`: it copies what is
 * in the log while the main connection keeps committing (it never takes the write lock). The main
 * connection keeps its automatic checkpoint as the one that lets the log restart: by the time it
 * fires, nearly every page is already copied, so it syncs only the last few.
 *
 * Durability does not change: a commit is durable when its WAL frames are synced (synchronous=FULL),
 * whoever later copies them; the copy syncs the database file before the log may be reused.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 0');
let running = true;
const tick = () => {
  if (!running) return;
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ type: 'checkpointed', frames: r ? r.checkpointed : 0 });
  } catch (err) {
    // SQLITE_BUSY: another checkpoint is running; the next tick tries again.
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
let timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  running = false;
  clearTimeout(timer);
  db.close();
  process.exit(0);
});
`;

export interface Checkpointer {
  /** Checkpoints run so far that copied at least one page. */
  runs(): number;
  stop(): Promise<void>;
}

/**
 * Start checkpointing the SQLite file of `databaseUrl` in a worker thread; undefined for Postgres and
 * in-memory databases, which have no WAL file to copy.
 */
export function startCheckpointer(databaseUrl: string, intervalMs = 250): Checkpointer | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  const file = databaseUrl.slice('sqlite:'.length);
  if (file === ':memory:' || file === '') return undefined;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: resolve(file), driver, intervalMs } });
  // The server's own handles keep the process alive; this thread must not.
  worker.unref();
  let runs = 0;
  let stopped: Promise<void> | undefined;
  const ended = new Promise<void>((done) => worker.once('exit', () => done()));
  worker.on('message', (m: { type: string; frames?: number }) => {
    if (m.type === 'checkpointed' && (m.frames ?? 0) > 0) runs++;
  });
  // A failure of the thread leaves checkpoints to the main connection, as without it.
  worker.on('error', () => undefined);
  return {
    runs: () => runs,
    stop() {
      stopped ??= (async () => {
        worker.postMessage('stop');
        const timeout = setTimeout(() => void worker.terminate(), 2000);
        await ended;
        clearTimeout(timeout);
      })();
      return stopped;
    },
  };
}
