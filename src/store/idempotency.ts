import { sql } from 'kysely';
import type { Db } from './db.js';
import { isPostgres } from './db.js';

export interface IdempotencyRecord {
  requestHash: string;
  statusCode: number;
  caseId: string;
}

/**
 * Inside a unit of work, reading a key also reserves it until commit: the same key arriving twice at
 * once is then answered from the first request's row instead of both running. SQLite's single writer
 * does this by itself; on Postgres a transaction-scoped advisory lock on the key does.
 */
export async function findIdempotency(db: Db, actorId: string, key: string): Promise<IdempotencyRecord | undefined> {
  if (isPostgres(db) && db.isTransaction) await sql`select pg_advisory_xact_lock(hashtextextended(${`idem:${actorId}:${key}`}, 0))`.execute(db);
  const row = await db.selectFrom('idempotency_keys').selectAll().where('actor_id', '=', actorId).where('key', '=', key).executeTakeFirst();
  return row ? { requestHash: row.request_hash, statusCode: row.status_code, caseId: row.case_id } : undefined;
}

/** Written in the same transaction as the change it protects, so a crash cannot separate them. */
export async function saveIdempotency(db: Db, actorId: string, key: string, rec: IdempotencyRecord, now: string): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({ actor_id: actorId, key, request_hash: rec.requestHash, status_code: rec.statusCode, case_id: rec.caseId, created_at: now })
    .execute();
}
