/** The migration that makes stored e-mails one address in any casing, on a database written before it. */
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, createUser } from '../../src/engine/admin.js';
import { openStore, type Store } from '../../src/store/db.js';
import { migrateToLatest, migrationProvider } from '../../src/store/migrate.js';
import { findUserByEmail } from '../../src/store/users.js';
import { tempDbUrl } from '../helpers.js';

const THIS = '2026-11-26T11-00-email-any-case';
const NOW = '2026-11-25T09:00:00.000Z';
let store: Store;

/** A database migrated up to the one before THIS (whatever came after is undone too). */
beforeEach(async () => {
  store = await openStore(tempDbUrl());
  await migrateToLatest(store.db);
  const names = Object.keys(await migrationProvider.getMigrations()).sort();
  const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo(names[names.indexOf(THIS) - 1] as string);
  if (error) throw error;
});
afterEach(async () => store.close());

async function addRow(id: string, email: string | null) {
  await store.db.insertInto('users').values({ id, name: `Person ${id}`, role: 'handler', limit_minor: null, limit_currency: null, email, password_hash: null, active: 1, created_at: NOW }).execute();
}
const emails = async () => (await store.db.selectFrom('users').select(['id', 'email']).orderBy('id').execute()).map((r) => `${r.id}=${r.email}`);

describe('e-mails in any casing', () => {
  it('lower-cases and trims stored e-mails, after which another casing is the same person', async () => {
    await addRow('u1', ' Anna@Example.COM');
    await addRow('u2', 'bob@example.com');
    await addRow('u3', null);
    await addRow('u4', '  ');
    await migrateToLatest(store.db);
    expect(await emails()).toEqual(['u1=anna@example.com', 'u2=bob@example.com', 'u3=null', 'u4=null']);
    expect((await findUserByEmail(store.db, 'ANNA@example.com'))?.id).toBe('u1');
    await expect(createUser(store, CLI, { name: 'Z', role: 'handler', limit: null, email: 'Bob@Example.com' }, NOW)).rejects.toThrow('a user with email bob@example.com already exists');
    // The index holds even against a write that skips the engine.
    await expect(addRow('u5', 'BOB@example.com')).rejects.toThrow(/unique/i);
  });

  it('stops, naming the people, when two e-mails differ only in casing, and changes nothing', async () => {
    await addRow('u1', 'Anna@example.com');
    await addRow('u2', 'anna@EXAMPLE.com');
    await addRow('u3', 'Carl@example.com');
    await expect(migrateToLatest(store.db)).rejects.toThrow(/several people share one: anna@example.com: u1 \(Person u1, Anna@example.com\), u2 \(Person u2, anna@EXAMPLE.com\)/);
    expect(await emails()).toEqual(['u1=Anna@example.com', 'u2=anna@EXAMPLE.com', 'u3=Carl@example.com']);
    await store.db.updateTable('users').set({ email: 'anna.two@example.com' }).where('id', '=', 'u2').execute();
    await migrateToLatest(store.db);
    expect(await emails()).toEqual(['u1=anna@example.com', 'u2=anna.two@example.com', 'u3=carl@example.com']);
  });

  it('goes down (dropping the index) and up again', async () => {
    await migrateToLatest(store.db);
    const migrator = new Migrator({ db: store.db, provider: migrationProvider });
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    expect((await migrator.migrateTo(names[names.indexOf(THIS) - 1] as string)).error).toBeUndefined();
    await addRow('u1', 'anna@example.com');
    await addRow('u2', 'Anna@example.com');
    await expect(migrateToLatest(store.db)).rejects.toThrow(/several people share one/);
  });
});
