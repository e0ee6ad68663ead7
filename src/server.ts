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
import { releaseHeld, type OutboxTopic } from './store/outbox.js';

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
}

export async function createEngine(config: Config, clock: () => Date = () => new Date(), store?: Store): Promise<Engine> {
  return { store: store ?? (await openStore(config.databaseUrl)), catalog, clock, config };
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
  if (opts.worker !== false) {
    const configured = [config.slackWebhookUrl && ('slack' as const), config.messagesWebhookUrl && ('customer' as const)].filter((t) => t !== undefined && t !== '');
    const released = await releaseHeld(engine.store.db, configured as OutboxTopic[], engine.clock().toISOString());
    if (released > 0) log.info({ released }, 'held messages released to newly configured webhooks');
  }
  const worker = opts.worker === false ? undefined : startWorker(engine, opts.deliver ?? httpDeliverer(config), config.workerIntervalMs, log);
  let server: Server | undefined;
  let url = '';
  if (opts.http !== false) {
    server = await new Promise<Server>((resolve, reject) => {
      const s = createApp(engine, log, { authFailuresPerMinute: config.authFailuresPerMinute }).listen(config.port, config.host, () => resolve(s));
      s.on('clientError', answerClientError);
      // Node answers a missing Host with an empty 400 before any handler runs; let the app say why.
      (s as Server & { requireHostHeader: boolean }).requireHostHeader = false;
      s.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    if (config.port === 0) engine.config = { ...engine.config, publicUrl: url };
    log.info({ url, database: config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') }, 'Amends is serving');
  }
  return {
    url,
    engine,
    worker,
    async close() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server?.close(() => resolve()));
      }
      await worker?.stop();
      await engine.store.close();
    },
  };
}
