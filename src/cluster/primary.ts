import cluster, { type Worker as Front } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { writerRegistry } from '../http/metrics.js';
import { createLogger } from '../log.js';
import { ListenError, logServing, start, type Running, type StartOptions } from '../server.js';
import { isMessage, type ToFront, type ToWriter } from './messages.js';
import { MetricsGatherer, serveFront, writeOps } from './writer.js';

const RESTART_DELAY_MS = 1000;
const FRONT_MAIN = fileURLToPath(new URL('./front-main.ts', import.meta.url));

/** node flags for the fronts: this process's own when it runs TypeScript through tsx, else tsx's loader. */
function frontExecArgv(): string[] {
  return process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
}

/**
 * One writer and `fronts` HTTP processes on one port (AMENDS_HTTP_PROCESSES). This process migrates,
 * runs the worker and applies every event and opening, in its group commit; the fronts share the
 * listening socket (the kernel hands each connection to one of them) and do the rest of each request:
 * HTTP, authentication, validation, classification, reads and answers. Rare writes (people, budgets,
 * sessions) run in the front on its own connection; SQLite's lock orders them with the writer's.
 */
export async function startCluster(opts: StartOptions & { fronts: number }): Promise<Running> {
  const log = opts.log ?? createLogger(opts.config.logLevel);
  const running = await start({ ...opts, log, http: false });
  const { engine } = running;
  const fronts = new Set<Front>();
  const ops = writeOps();
  const metrics = new MetricsGatherer(writerRegistry(engine), () => [...fronts]);
  let config = opts.config;
  let closing = false;

  cluster.schedulingPolicy = cluster.SCHED_NONE;
  // JSON over the channel (the default): a case record crosses it in ~20 µs, against ~30–45 µs with
  // 'advanced' (v8) serialization; everything sent is plain data, and errors are sent as plain objects.
  cluster.setupPrimary({ exec: FRONT_MAIN, execArgv: frontExecArgv(), serialization: 'json' });

  /** Fork one front and wait until it listens; a front that fails to start says why. */
  const fork = () =>
    new Promise<number>((resolve, reject) => {
      const front = cluster.fork();
      fronts.add(front);
      serveFront(front, engine, ops, log, metrics);
      let listening = false;
      front.on('message', (msg: unknown) => {
        if (!isMessage<ToWriter>(msg)) return;
        if (msg.amends === 'loaded') front.send({ amends: 'start', config } satisfies ToFront);
        else if (msg.amends === 'listening') {
          listening = true;
          resolve(msg.port);
        } else if (msg.amends === 'failed') reject(new ListenError(msg.message));
      });
      front.on('exit', (code, signal) => {
        fronts.delete(front);
        if (!listening) return reject(new Error(`an HTTP process exited while starting (${signal ?? code})`));
        if (closing) return;
        log.error({ pid: front.process.pid, code, signal }, 'an HTTP process exited; starting another in a second');
        // A second apart, so a process that dies at once does not turn into a busy loop of forks.
        setTimeout(() => {
          if (closing) return;
          fork().catch((err: unknown) => {
            if (!closing) log.error({ err }, 'could not start an HTTP process');
          });
        }, RESTART_DELAY_MS).unref();
      });
    });

  const stopFronts = async () => {
    closing = true;
    await Promise.all(
      [...fronts].map(
        (front) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => front.kill('SIGKILL'), 5000);
            front.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            front.kill('SIGTERM');
          }),
      ),
    );
  };

  let port: number;
  try {
    // Every front listens with the same address and port as configured: that is the key under which
    // cluster shares one socket (with port 0, the port the first one was given).
    port = await fork();
    await Promise.all(Array.from({ length: opts.fronts - 1 }, fork));
  } catch (err) {
    await stopFronts();
    await running.close();
    throw err;
  }
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  if (opts.config.port === 0) {
    engine.config = { ...engine.config, publicUrl: url };
    config = { ...config, publicUrl: url };
    for (const front of fronts) front.send({ amends: 'publicUrl', url } satisfies ToFront);
  }
  logServing(log, url, config, { httpProcesses: opts.fronts });
  return {
    url,
    engine,
    worker: running.worker,
    async close() {
      await stopFronts();
      await running.close();
    },
  };
}
