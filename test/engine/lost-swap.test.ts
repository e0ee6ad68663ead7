/**
 * A lost compare-and-swap: another process wrote the case between this event's read and its write.
 * The event is applied again to the case as it now is, whether a person sent it or a timer fired it,
 * and a timer is never retired for it. On SQLite one process cannot lose the swap by itself (its writes
 * are serialised), so a trigger plays the other writer; on Postgres concurrent events race for real.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/dispatch.js';
import type { Engine } from '../../src/engine/engine.js';
import { openCase } from '../../src/engine/open-case.js';
import { fireDueTimers } from '../../src/engine/worker.js';
import { workerStats } from '../../src/engine/worker-stats.js';
import { createEngine } from '../../src/server.js';
import type { Store } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { Database } from '../../src/store/tables.js';
import { addUser, customer, DAY, FakeClock, testConfig, testDialect, type TestUser } from '../helpers.js';

const LEASE_MS = 60_000;
let engine: Engine;
afterEach(() => engine.store.close());

async function openOne(handler: TestUser): Promise<string> {
  const { record } = await openCase(engine, { customer: customer(), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival' }, handler.actor);
  return record.id;
}

async function journalVersions(caseId: string): Promise<number[]> {
  const rows = await engine.store.db.selectFrom('journal').select('version').where('case_id', '=', caseId).orderBy('version').execute();
  return rows.map((r) => Number(r.version));
}

if (testDialect === 'sqlite') {
  describe('a lost compare-and-swap (SQLite, another writer played by a trigger)', () => {
    /** How many of the next case writes lose, as if another process had written first. */
    let losses = 0;
    const clock = new FakeClock();

    async function engineWithRival(): Promise<Engine> {
      const config = testConfig();
      const raw = new BetterSqlite3(config.databaseUrl.slice('sqlite:'.length));
      raw.pragma('journal_mode = WAL');
      raw.pragma('foreign_keys = ON');
      raw.function('rival_wrote_first', () => (losses > 0 ? (losses--, 1) : 0));
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
      const store: Store = { db, read: db, dialect: 'sqlite', close: () => db.destroy() };
      await migrateToLatest(db);
      // The row is left as it is and the UPDATE reports no change: exactly what a lost swap looks like.
      await sql`create temp trigger rival before update of version on cases when rival_wrote_first() begin select raise(ignore); end`.execute(db);
      return createEngine(config, clock.now, store);
    }

    it('applies an event again when its write lost, and counts the retry', async () => {
      engine = await engineWithRival();
      const handler = await addUser(engine, 'Анна', 'handler');
      const id = await openOne(handler);
      losses = 2;
      const r = await dispatch(engine, id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' }, handler.actor);
      expect(r?.record.version).toBe(2);
      expect(workerStats(engine).casRetries).toBe(2);
      expect(await journalVersions(id)).toEqual([1, 2]);
    });

    it('fires a timer whose first write lost in the same sweep', async () => {
      engine = await engineWithRival();
      const handler = await addUser(engine, 'Анна', 'handler');
      const id = await openOne(handler);
      clock.advance(30 * DAY);
      const due = await engine.store.db.selectFrom('timers').select('id').where('status', '=', 'pending').execute();
      losses = 1;
      expect(await fireDueTimers(engine, undefined, { leaseMs: LEASE_MS })).toBe(due.length);
      expect(await journalVersions(id)).toEqual([1, 2, 3].slice(0, 1 + due.length));
    });

    it('keeps a timer whose case keeps changing under it due, and fires it once the case holds still', async () => {
      engine = await engineWithRival();
      const handler = await addUser(engine, 'Анна', 'handler');
      const id = await openOne(handler);
      clock.advance(30 * DAY);
      const due = await engine.store.db.selectFrom('timers').select('id').where('status', '=', 'pending').execute();
      losses = 1_000;
      expect(await fireDueTimers(engine, undefined, { leaseMs: LEASE_MS })).toBe(0);
      const statuses = await engine.store.db.selectFrom('timers').select('status').execute();
      expect(statuses.map((t) => t.status)).toEqual(due.map(() => 'pending'));

      losses = 0;
      // Given back until its lease ends: the next sweeps do not hammer a case that is busy.
      expect(await fireDueTimers(engine, undefined, { leaseMs: LEASE_MS })).toBe(0);
      clock.advance(LEASE_MS);
      expect(await fireDueTimers(engine, undefined, { leaseMs: LEASE_MS })).toBe(due.length);
      expect(await journalVersions(id)).toHaveLength(1 + due.length);
    });
  });
} else {
  describe('a lost compare-and-swap (Postgres, concurrent writers)', () => {
    it('applies every one of many concurrent events to one case, one version each', async () => {
      const clock = new FakeClock();
      engine = await createEngine(testConfig(), clock.now);
      const handler = await addUser(engine, 'Анна', 'handler');
      const lead = await addUser(engine, 'Ольга', 'lead');
      const id = await openOne(handler);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => dispatch(engine, id, { type: 'ESCALATE', reason: `причина ${i}` }, lead.actor)));
      expect(results.map((r) => r?.record.version).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await journalVersions(id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });
}
