import type { Db } from './db.js';
import { fromJson } from './db.js';

/** The answer an intake request already got, keyed by what makes it the same request. */
export async function findIntakeAnswer<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('intake_requests').select('response').where('key', '=', key).executeTakeFirst();
  return row ? fromJson<T>(row.response) : undefined;
}

/** Remember an answer; the first one stays if two arrive together. */
export async function saveIntakeAnswer(db: Db, key: string, response: unknown, now: string): Promise<void> {
  await db
    .insertInto('intake_requests')
    .values({ key, response: JSON.stringify(response), created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
