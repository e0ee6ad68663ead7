/**
 * Two processes writing one database (a SQLite file, or one Postgres database in the postgres project),
 * as `serve` and a separate `worker` do: the real server as a
 * child process, and an engine in this process. The in-process write queue cannot serialise them, so
 * this is where a race on one case can really happen. Each version must have one writer, a payout
 * must happen once, and the loser must hear so (409 / 412) instead of being applied twice.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { dispatch } from '../../src/engine/dispatch.js';
import type { Engine } from '../../src/engine/engine.js';
import { openCase } from '../../src/engine/open-case.js';
import { createEngine } from '../../src/server.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { freePort, ServerProcess } from '../crash/server-process.js';
import { addUser, client, customer, rub, testConfig, type TestUser } from '../helpers.js';

const CASES = 6;

let engine: Engine;
let server: ServerProcess;
let handler: TestUser;
let lead: TestUser;

beforeAll(async () => {
  const config = testConfig();
  engine = await createEngine(config);
  await migrateToLatest(engine.store.db);
  handler = await addUser(engine, 'Анна', 'handler', rub(100_000));
  lead = await addUser(engine, 'Ольга', 'lead');
  server = new ServerProcess(await freePort(), { DATABASE_URL: config.databaseUrl, LOG_LEVEL: 'error', AMENDS_WORKER_INTERVAL_MS: '3600000' });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  await engine?.store.close();
});

async function acceptedCase(i: number): Promise<string> {
  const { record } = await openCase(engine, { customer: customer({ id: `c-${i}` }), channel: 'phone', description: 'опоздал', scenario: 'late-arrival' }, handler.actor);
  await dispatch(engine, record.id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' }, handler.actor);
  await dispatch(engine, record.id, { type: 'EXPLAIN', cause: 'пробки', prevention: 'запас', text: 'Мы виноваты' }, handler.actor);
  await dispatch(engine, record.id, { type: 'OFFER', kind: 'credit', value: rub(20_000) }, handler.actor);
  await dispatch(engine, record.id, { type: 'CUSTOMER_ACCEPTED' }, handler.actor);
  return record.id;
}

/** Our engine's outcome as an HTTP status, so both sides read alike. */
async function locally(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof AppError) return { eventNotAllowed: 409, conflict: 409, stale: 412 }[err.kind as string] ?? 500;
    throw err;
  }
}

async function journalWithoutGaps(): Promise<void> {
  const { rows } = await sql<{ v: number; n: number; cv: number }>`select j.case_id as "caseId", max(j.version) as v, count(*) as n, c.version as cv from journal j join cases c on c.id = j.case_id group by j.case_id, c.version`.execute(
    engine.store.read,
  );
  expect(rows).toHaveLength(CASES);
  for (const r of rows) expect([Number(r.n), r.cv]).toEqual([r.v, r.v]);
}

describe('two processes on one database', () => {
  it('pay each accepted offer once when both send ISSUE at the same moment; the other hears 409', async () => {
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) ids.push(await acceptedCase(i));
    const api = client(server.url, handler.token);
    for (const id of ids) {
      const [remote, local] = await Promise.all([
        api.event(id, { type: 'ISSUE' }).then((r) => r.status),
        locally(dispatch(engine, id, { type: 'ISSUE' }, handler.actor)),
      ]);
      expect([remote, local].sort()).toEqual([200, 409]);
      const issued = await engine.store.db.selectFrom('ledger').select('entry').where('case_id', '=', id).where('entry', '=', 'issued').execute();
      expect(issued).toHaveLength(1);
    }
    await journalWithoutGaps();
  });

  it('let one of two writers with the same If-Match through; the other hears 412', async () => {
    const ids = (await engine.store.db.selectFrom('cases').select(['id', 'version']).execute()) as Array<{ id: string; version: number }>;
    const api = client(server.url, lead.token);
    for (const { id, version } of ids) {
      const [remote, local] = await Promise.all([
        api.event(id, { type: 'ESCALATE', reason: 'удалённо' }, { 'if-match': `"${version}"` }).then((r) => r.status),
        locally(dispatch(engine, id, { type: 'ESCALATE', reason: 'локально' }, lead.actor, { ifMatch: version })),
      ]);
      expect([remote, local].sort()).toEqual([200, 412]);
    }
    await journalWithoutGaps();
  });
});
