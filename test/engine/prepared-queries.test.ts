/**
 * A prepared query answers the same inside a write group, where on SQLite it runs its statement
 * directly on the group's connection, as through Kysely outside one: rows, rows changed, the new
 * rowid, and errors as rejections that roll back only their own transaction.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { inTransaction, openStore, type Db, type Store } from '../../src/store/db.js';
import { affected, prepared } from '../../src/store/prepared.js';
import { tempDbUrl } from '../helpers.js';

let store: Store;
beforeEach(async () => {
  store = await openStore(tempDbUrl());
  const id = store.dialect === 'sqlite' ? sql`integer primary key` : sql`serial primary key`;
  await sql`create table notes (id ${id}, body text not null unique)`.execute(store.db);
});
afterEach(async () => {
  await sql`drop table notes`.execute(store.db);
  await store.close();
});

const db = (s: Store) => s.db as unknown as Db;
const add = prepared((d, body: string) => d.insertInto('notes' as never).values({ body } as never));
const rename = prepared((d, from: string, to: string) => d.updateTable('notes' as never).set({ body: to } as never).where('body' as never, '=', from as never));
const all = prepared((d) => d.selectFrom('notes' as never).select(['id', 'body'] as never).orderBy('id' as never));

it('answers alike outside a transaction and inside a write group', async () => {
  const outside = await add(db(store), 'first');
  const inside = await inTransaction(store, async (trx) => {
    const added = await add(trx, 'second');
    const renamed = await rename(trx, 'first', 'first, edited');
    const none = await rename(trx, 'nobody', 'x');
    return { added, renamed: affected(renamed), none: affected(none), rows: (await all(trx)).rows };
  });
  expect(affected(outside)).toBe(1);
  expect(inside.renamed).toBe(1);
  expect(inside.none).toBe(0);
  expect(affected(inside.added)).toBe(1);
  if (store.dialect === 'sqlite') expect([outside.insertId, inside.added.insertId]).toEqual([1n, 2n]);
  expect(inside.rows).toEqual([
    { id: 1, body: 'first, edited' },
    { id: 2, body: 'second' },
  ]);
  expect((await all(db(store))).rows).toEqual(inside.rows);
});

it('a failing statement rejects and undoes only its own transaction of the group', async () => {
  const results = await Promise.allSettled([
    inTransaction(store, (trx) => add(trx, 'kept')),
    inTransaction(store, async (trx) => {
      await add(trx, 'undone');
      return add(trx, 'kept'); // unique: refused
    }),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  expect((await all(db(store))).rows.map((r) => (r as { body: string }).body)).toEqual(['kept']);
});
