import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalog } from '../workflows/scenarios/index.js';
import { httpDeliverer, type Deliver } from './alerts/deliver.js';
import type { Config } from './config.js';
import type { Engine } from './engine/engine.js';
import { startWorker, type Worker } from './engine/worker.js';
import { createApp } from './http/app.js';
import { answerClientError } from './http/client-error.js';
import { createLogger, type Logger } from './log.js';
import { openStore, type Store } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';
import { releaseHeld } from './engine/release-held.js';
import type { OutboxTopic } from './store/outbox.js';
import { startReportFollower } from './reports/follow.js';
import { startCheckpointer } from './store/checkpointer.js';

export interface Running {
  url: string;
  engine: Engine;
  worker: Worker | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  /** Serve HTTP (default) — false runs only the worker. */
  http?: boolean;
  worker?: boolean;
  migrate?: boolean;
  clock?: () => Date;
  deliver?: Deliver;
  log?: Logger;
  /** SQLite: copy the WAL into the database file on a thread of its own (default), not inside commits. */
  checkpointThread?: boolean;
}

/** Thrown when the port cannot be had; says which port, and how to choose another. */
export class ListenError extends Error {}

/**
 * Listen, or fail with a message a person can act on. Express 5 calls the listen callback on failure
 * too, with the error as its argument, so the callback alone would report a busy port as success.
 */
export function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s: Server = app.listen(port, host, (err?: Error) => {
      if (!err) return resolve(s);
      const code = (err as NodeJS.ErrnoException).code;
      const where = `${host}:${port}`;
      if (code === 'EADDRINUSE') {
        reject(new ListenError(`port ${port} is already in use (${where}): stop what is using it, or choose another port, e.g. PORT=${port === 3000 ? 3001 : port + 1} npm start`));
      } else if (code === 'EACCES') {
        reject(new ListenError(`not allowed to listen on ${where}: choose a port above 1023, e.g. PORT=3000 npm start`));
      } else if (code === 'EADDRNOTAVAIL') {
        reject(new ListenError(`cannot listen on ${where}: this machine has no such address; set HOST, e.g. HOST=127.0.0.1 npm start`));
      } else {
        reject(err);
      }
    });
    s.on('clientError', answerClientError);
    // Node answers a missing Host with an empty 400 before any handler runs; let the app say why.
    (s as Server & { requireHostHeader: boolean }).requireHostHeader = false;
  });
}

/** Stop answering: drop open connections, then wait until the server has closed. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The line that says where Amends answers, with the database's password left out. */
export function logServing(log: Logger, url: string, config: Config, extra: Record<string, unknown> = {}): void {
  log.info({ url, ...extra, database: config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') }, 'Amends is serving');
}

export async function createEngine(config: Config, clock: () => Date = () => new Date(), store?: Store): Promise<Engine> {
  return { store: store ?? (await openStore(config.databaseUrl)), catalog, clock, config };
}

/** The config with the public URL as the engine knows it once the server listens (port 0 picks it then). */
function liveUrl(config: Config, engine: Engine): Config {
  return {
    ...config,
    get publicUrl() {
      return engine.config.publicUrl;
    },
  };
}

/** Migrate, then serve HTTP and run the worker in this process, as `npm start` does. */
export async function start(opts: StartOptions): Promise<Running> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.logLevel);
  const engine = await createEngine(config, opts.clock);
  if (opts.migrate !== false) {
    const applied = await migrateToLatest(engine.store.db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
  }
  const checkpointer = opts.checkpointThread === false ? undefined : startCheckpointer(config.databaseUrl);
  if (opts.worker !== false) {
    const configured = [config.slackWebhookUrl && ('slack' as const), config.messagesWebhookUrl && ('customer' as const), config.eventsWebhookUrl && ('events' as const)].filter((t) => t !== undefined && t !== '');
    await releaseHeld(engine, configured as OutboxTopic[], config.heldMaxAgeHours * 3_600_000, log);
  }
  // A delivery must end well inside its lease, or another worker could take the message over while it runs.
  const deliver = opts.deliver ?? httpDeliverer(liveUrl(config, engine), { clock: opts.clock, minIntervalMs: config.slackIntervalMs, timeoutMs: Math.min(5000, Math.floor(config.leaseMs / 4)) });
  const worker = opts.worker === false ? undefined : startWorker(engine, deliver, config.workerIntervalMs, log, { leaseMs: config.leaseMs });
  // Read models follow the journal where the worker runs (reports also catch up before answering).
  const follower = opts.worker === false ? undefined : startReportFollower(engine, config.workerIntervalMs, log);
  let server: Server | undefined;
  let url = '';
  if (opts.http !== false) {
    try {
      server = await listen(createApp(engine, log, { authFailuresPerMinute: config.authFailuresPerMinute, trustProxy: config.trustProxy }), config.port, config.host);
    } catch (err) {
      await follower?.stop();
      await worker?.stop();
      await checkpointer?.stop();
      await engine.store.close();
      throw err;
    }
    const { port } = server.address() as AddressInfo;
    url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    if (config.port === 0) engine.config = { ...engine.config, publicUrl: url };
    logServing(log, url, config);
  }
  return {
    url,
    engine,
    worker,
    async close() {
      if (server) await closeServer(server);
      await follower?.stop();
      await worker?.stop();
      await checkpointer?.stop();
      await engine.store.close();
    },
  };
}
