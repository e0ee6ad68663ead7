/**
 * What only Postgres does: several connections write at once, so a transaction can be aborted for a
 * deadlock and must run again; and the migrations must build the schema on an empty database, with
 * the partial unique index that is the last guard against paying an offer twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { appendLedger, type LedgerEntry } from '../../src/store/ledger.js';
import { insertUser } from '../../src/store/users.js';
import { inTransaction, openStore, type Store } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { getSetting, putSetting } from '../../src/store/settings.js';
import { tempDbUrl } from '../helpers.js';
import { adminQuery } from './server.js';

const NOW = '2026-11-25T09:00:00.000Z';
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function open(url = tempDbUrl()): Promise<Store> {
  const store = await openStore(url);
  stores.push(store);
  return store;
}

describe('a transaction on Postgres', () => {
  it('runs again after Postgres aborts it for a deadlock, so both writers succeed', async () => {
    const store = await open();
    await putSetting(store.db, 'a', 0, NOW);
    await putSetting(store.db, 'b', 0, NOW);
    // Each transaction locks one row, then waits until the other has locked the other row too.
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((r) => (release = r));
    const runs = { first: 0, second: 0 };
    const crosswise = (name: 'first' | 'second', one: string, other: string) =>
      inTransaction(store, async (trx) => {
        runs[name]++;
        await putSetting(trx, one, name, NOW);
        if (++arrived === 2) release();
        await bothLocked;
        await putSetting(trx, other, name, NOW);
        return name;
      });
    const results = await Promise.all([crosswise('first', 'a', 'b'), crosswise('second', 'b', 'a')]);
    expect(results).toEqual(['first', 'second']);
    // One of them was the deadlock's victim and ran twice; the other ran once.
    expect(runs.first + runs.second).toBe(3);
    const a = await getSetting<string>(store.db, 'a');
    const b = await getSetting<string>(store.db, 'b');
    // The victim ran last and alone, so it wrote both rows.
    expect(a).toBe(b);
  });

  it('does not run again after an error that is not a conflict, and keeps nothing of it', async () => {
    const store = await open();
    let runs = 0;
    const failing = inTransaction(store, async (trx) => {
      runs++;
      await putSetting(trx, 'kept', 'no', NOW);
      throw new Error('refused by a rule');
    });
    await expect(failing).rejects.toThrow('refused by a rule');
    expect(runs).toBe(1);
    expect(await getSetting(store.db, 'kept')).toBeUndefined();
  });
});

describe('text on Postgres', () => {
  it('refuses the NUL character, which Postgres cannot store, as invalid input rather than a database failure', async () => {
    const store = await open();
    const written = insertUser(store.db, { name: 'Ханна\u0000', role: 'handler', limit: null }, NOW);
    await expect(written).rejects.toBeInstanceOf(AppError);
    await expect(written).rejects.toMatchObject({ kind: 'validation' });
    expect(await store.db.selectFrom('users').select('id').execute()).toEqual([]);
  });
});

describe('the migrations on Postgres', () => {
  it('build the schema on an empty database, and find nothing to do the second time', async () => {
    const admin = process.env.AMENDS_TEST_PG_URL as string;
    const name = `empty_${process.pid}_${Date.now()}`;
    await adminQuery(admin, `create database ${name} template template0`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const store = await open(url.toString());
    const applied = await migrateToLatest(store.db);
    expect(applied[0]).toBe('2026-11-25T13-00-initial');
    expect(await migrateToLatest(store.db)).toEqual([]);
  });

  it('refuse a second payout of one offer through the partial unique index', async () => {
    const store = await open();
    await store.db.insertInto('users').values({ id: 'u1', name: 'Ханна', role: 'handler', limit_minor: null, limit_currency: null, email: null, password_hash: null, active: 1, created_at: NOW }).execute();
    await store.db
      .insertInto('cases')
      .values({
        id: 'c1', seq: 1, ref: 'AM-000001', version: 1, machine_version: 1, snapshot: '{}', state: 'followUp', status: 'active', outcome: 'pending',
        scenario: 'late-arrival', tone: 'calm', severity: 'low', channel: 'phone', customer_id: 'cust', customer: '{}', order_id: null, executor_id: null,
        description: 'x', owner_id: 'u1', currency: 'RUB', budget_minor: 10_000_000_000, spent_minor: 0, committed_minor: 0, escalated: 0, breaching: 0,
        status_token: 'tok', opened_by: 'u1', created_at: NOW, updated_at: NOW, resolved_at: null,
      })
      .execute();
    const issued = (version: number): LedgerEntry => ({
      caseId: 'c1', version, n: 0, offerId: 'off-1', entry: 'issued', offerKind: 'credit', value: { minor: 9_007_199_254_740, currency: 'RUB' }, actorId: 'u1', executorId: null, note: null, at: NOW,
    });
    await appendLedger(store.db, [issued(1)]);
    await expect(appendLedger(store.db, [issued(2)])).rejects.toThrow(/ledger_issued_once/);
    // bigint comes back as a number, not as pg's string.
    const row = await store.db.selectFrom('cases').select('budget_minor').where('id', '=', 'c1').executeTakeFirstOrThrow();
    expect(row.budget_minor).toBe(10_000_000_000);
  });
});
