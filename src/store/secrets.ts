import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { fromJson } from './db.js';

/**
 * A server-side secret named `name`, made once and kept in the settings table, so every app process
 * on the same database signs and checks with the same key and a restart does not void forms in flight.
 * The first writer wins: a concurrent second insert is ignored and both read the same row back.
 */
export async function serverSecret(db: Db, name: string, now: string): Promise<Buffer> {
  const key = `secret:${name}`;
  const found = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (found) return Buffer.from(fromJson<string>(found.value), 'base64url');
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(randomBytes(32).toString('base64url')), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return Buffer.from(fromJson<string>(row.value), 'base64url');
}
