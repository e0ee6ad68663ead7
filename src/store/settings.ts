import type { Db, Dialect } from './db.js';
import { fromJson } from './db.js';

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? fromJson<T>(row.value) : undefined;
}

export async function putSetting(db: Db, key: string, value: unknown, now: string): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

/**
 * Hold a setting's row until the caller's transaction ends, so that checks made against it run one
 * at a time (e.g. the team's monthly budget against concurrent offers). On Postgres a row lock
 * (`SELECT … FOR UPDATE`): a second checker waits, then reads what the first committed. SQLite has
 * one writer at a time already, so there is nothing to do. No row (no such setting) locks nothing.
 */
export async function lockSetting(db: Db, dialect: Dialect, key: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.selectFrom('settings').select('key').where('key', '=', key).forUpdate().execute();
}

/** Store `value` unless the key is already set; returns what is stored now (ours or the first writer's). */
export async function putSettingOnce<T>(db: Db, key: string, value: T, now: string): Promise<T> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting<T>(db, key)) as T;
}
