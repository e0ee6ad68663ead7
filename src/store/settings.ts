import type { Db } from './db.js';
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

/** Store `value` unless the key is already set; returns what is stored now (ours or the first writer's). */
export async function putSettingOnce<T>(db: Db, key: string, value: T, now: string): Promise<T> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting<T>(db, key)) as T;
}
