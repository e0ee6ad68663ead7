/**
 * A server in its own process, so that autocannon (in the parent) and the server do not share one
 * event loop. Started with `node --import tsx test/bench/child.ts` over IPC:
 *   BENCH_MODE=amends  the real server: start() from src/server.ts, worker off, LOG_LEVEL silent.
 *                      BENCH_SETUP_CASES=N creates a handler and a lead and opens N cases first.
 *                      BENCH_DB may be a postgres:// URL (test/bench/postgres.ts).
 *   BENCH_MODE=bare    a bare Express 5 route doing the raw better-sqlite3 UPDATE + INSERT per request.
 * The child sends { type: 'ready', url, ... } and answers { type: 'rss' } with its memory usage.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { openCase } from '../../src/engine/open-case.js';
import { createLogger } from '../../src/log.js';
import { startCluster } from '../../src/cluster/primary.js';
import { start, type Running } from '../../src/server.js';
import { addUser, customer, rub } from '../helpers.js';
import { openBare, type BareStore } from './floor.js';
import { benchConfig, isPostgresUrl } from './util.js';

export type ChildReady = { type: 'ready'; url: string; handlerToken?: string; leadToken?: string; caseIds: string[] };
export type ChildMemory = { type: 'rss'; rss: number; heapUsed: number };

const send = (msg: ChildReady | ChildMemory) => process.send?.(msg);

async function amends(file: string, setupCases: number): Promise<{ ready: ChildReady; close: () => Promise<void> }> {
  // BENCH_CHECKPOINT_THREAD=off leaves WAL checkpoints inside commits, to compare.
  const checkpointThread = process.env.BENCH_CHECKPOINT_THREAD !== 'off';
  // BENCH_HTTP_PROCESSES=N serves HTTP from N processes in front of this one (AMENDS_HTTP_PROCESSES).
  const fronts = Number(process.env.BENCH_HTTP_PROCESSES ?? 0);
  const opts = { config: benchConfig(file), worker: false, log: createLogger('silent'), checkpointThread };
  const running: Running = fronts > 0 ? await startCluster({ ...opts, fronts }) : await start(opts);
  const caseIds: string[] = [];
  let handlerToken: string | undefined;
  let leadToken: string | undefined;
  if (setupCases > 0) {
    const handler = await addUser(running.engine, 'Bench Handler', 'handler', rub(10_000_000));
    const lead = await addUser(running.engine, 'Bench Lead', 'lead', rub(100_000_000));
    handlerToken = handler.token;
    leadToken = lead.token;
    for (let i = 0; i < setupCases; i++) {
      const { record } = await openCase(
        running.engine,
        { customer: customer({ id: `cust-${i}` }) as never, channel: 'phone', description: 'Клинер опоздал на два часа', scenario: 'late-arrival' },
        handler.actor,
      );
      caseIds.push(record.id);
    }
  }
  return { ready: { type: 'ready', url: running.url, handlerToken, leadToken, caseIds }, close: () => running.close() };
}

async function bare(file: string, pool: number): Promise<{ ready: ChildReady; close: () => Promise<void> }> {
  const store: BareStore = openBare(file, pool, JSON.stringify({ status: 'active', value: 'apologize', context: { escalated: false } }).padEnd(274, ' '));
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  app.post('/api/v1/cases/:id/events', (req, res) => {
    const body = req.body as { type?: unknown } | undefined;
    if (typeof body?.type !== 'string') {
      res.status(422).json({ title: 'type is required' });
      return;
    }
    try {
      const version = store.apply(req.params.id, body.type, JSON.stringify(body));
      res.json({ id: req.params.id, version });
    } catch {
      res.status(404).json({ title: 'no such case' });
    }
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ready: { type: 'ready', url: `http://127.0.0.1:${port}`, caseIds: store.ids },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      store.close();
    },
  };
}

async function main(): Promise<void> {
  const mode = process.env.BENCH_MODE;
  const file = process.env.BENCH_DB;
  if (!file) throw new Error('BENCH_DB is required');
  const n = Number(process.env.BENCH_SETUP_CASES ?? 0);
  // BENCH_DB: a SQLite file, or (amends mode) a postgres:// URL.
  const target = isPostgresUrl(file) ? file : path.resolve(file);
  const served = mode === 'bare' ? await bare(target, n) : await amends(target, n);
  const profile = await startProfile();
  const shutdown = async () => {
    await profile?.();
    await served.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (msg: { type?: string }) => {
    if (msg?.type === 'rss') {
      const m = process.memoryUsage();
      send({ type: 'rss', rss: m.rss, heapUsed: m.heapUsed });
    } else if (msg?.type === 'close') void shutdown();
  });
  // The parent going away must not leave a server behind.
  process.on('disconnect', () => void shutdown());
  send(served.ready);
}

/**
 * BENCH_PROFILE=file.cpuprofile: a CPU profile of the server from ready to close (setup and
 * migrations left out), to open in Chrome DevTools.
 */
async function startProfile(): Promise<(() => Promise<void>) | undefined> {
  const file = process.env.BENCH_PROFILE;
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

main().catch((err) => {
  process.stderr.write(`bench child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
