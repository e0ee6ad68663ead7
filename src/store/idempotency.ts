import type { Db } from './db.js';

export interface IdempotencyRecord {
  requestHash: string;
  statusCode: number;
  caseId: string;
}

export async function findIdempotency(db: Db, actorId: string, key: string): Promise<IdempotencyRecord | undefined> {
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
