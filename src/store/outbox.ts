import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';
import type { Lease } from './lease.js';
import { prepared } from './prepared.js';
import { fromJson } from './db.js';

/**
 * slack: lead alerts; customer: messages to customers; events: the case journal for the team's own tools;
 * slack-response: answers to a click in Slack (the message updated in place, or a note to the clicker), posted to its response_url.
 */
export type OutboxTopic = 'slack' | 'customer' | 'events' | 'slack-response';

/** `expired`: a held message that no longer fitted its case when released, so it was never sent. */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed', 'held', 'expired'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Rows per status, delivered rows excepted (they are history). Pending rows are counted on the
 * `outbox_pending` partial index, the parked ones (failed, held, expired) on `outbox_parked`.
 */
export async function countUndeliveredByStatus(db: Db): Promise<Record<Exclude<OutboxStatus, 'delivered'>, number>> {
  const pending = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(PARKED)
    .groupBy('status')
    .execute();
  const counts = { pending: Number(pending?.n ?? 0), failed: 0, held: 0, expired: 0 };
  for (const r of rows) if (Object.hasOwn(counts, r.status)) counts[r.status as keyof typeof counts] = Number(r.n);
  return counts;
}

/**
 * The condition of the `outbox_parked` partial index, word for word: SQLite uses a partial index only
 * when the query's WHERE contains the index's own, and compares an IN list as literals, not parameters.
 */
const PARKED = sql<boolean>`"status" in ('failed', 'held', 'expired')`;

export interface OutboxMessage {
  /** Stable idempotency key: `${caseId}:${version}:${n}`; receivers deduplicate on it. */
  id: string;
  caseId: string;
  topic: OutboxTopic;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const insertMessage = prepared((db, id: string, caseId: string, topic: string, payload: string, now: string) =>
  db.insertInto('outbox').values({
    id,
    case_id: caseId,
    topic,
    payload,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    created_at: now,
    delivered_at: null,
  }),
);

/** One prepared INSERT per row: a multi-row INSERT would be a new query shape for every row count. */
export async function enqueue(db: Db, rows: Array<Pick<OutboxMessage, 'id' | 'caseId' | 'topic' | 'payload'>>, now: string): Promise<void> {
  for (const r of rows) await insertMessage(db, r.id, r.caseId, r.topic, JSON.stringify(r.payload), now);
}

/**
 * Claim pending messages that are due and held by nobody: select them and write the lease in the
 * caller's transaction, so two workers never send the same message while its lease runs. On Postgres
 * the select skips rows another claim has locked (`FOR UPDATE SKIP LOCKED`); on SQLite the
 * transaction is the only writer anyway. `reclaimed` counts messages whose holder let the lease
 * expire (it died mid-delivery: the far end may have the message already and deduplicates on its id).
 */
export async function claimDuePending(trx: Db, dialect: Dialect, now: string, limit: number, lease: Lease): Promise<{ messages: OutboxMessage[]; reclaimed: number }> {
  let q = trx
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  if (dialect === 'postgres') q = q.forUpdate().skipLocked();
  const rows = await q.execute();
  if (rows.length === 0) return { messages: [], reclaimed: 0 };
  await trx.updateTable('outbox').set({ leased_until: lease.until, leased_by: lease.by }).where('id', 'in', rows.map((r) => r.id)).execute();
  return { messages: rows.map(toMessage), reclaimed: rows.filter((r) => r.leased_by !== null).length };
}

/**
 * Extend the lease on messages about to be sent; returns the ids still held by this worker. A message
 * whose lease expired and was claimed by another worker is not ours to send any more.
 */
export async function renewLease(db: Db, ids: string[], lease: Lease): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('outbox')
    .set({ leased_until: lease.until })
    .where('id', 'in', ids)
    .where('leased_by', '=', lease.by)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Mark a message delivered if this worker still holds it; false when its lease was lost meanwhile. */
export async function markDelivered(db: Db, id: string, now: string, by: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'delivered', delivered_at: now, leased_until: null })
    .where('id', '=', id)
    .where('leased_by', '=', by)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Record a failed attempt of the lease holder and give the message back; after `maxAttempts` it is
 * parked as failed for a person to look at.
 */
export async function markAttemptFailed(db: Db, id: string, by: string, error: string, nextAttemptAt: string, giveUp: boolean, status: 'pending' | 'held' = 'pending'): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 1000),
      next_attempt_at: nextAttemptAt,
      status: giveUp ? 'failed' : status,
      leased_until: null,
      leased_by: null,
    }))
    .where('id', '=', id)
    .where('leased_by', '=', by)
    .where('status', '=', 'pending')
    .execute();
}

// Ids are `${caseId}:${version}:${n}`: a primary-key range holds exactly one case's messages.
const ofCase = prepared((db, from: string, to: string) => db.selectFrom('outbox').selectAll().where('id', '>', from).where('id', '<', to).orderBy('created_at').orderBy('id'));

export async function outboxOfCase(db: Db, caseId: string): Promise<OutboxMessage[]> {
  const { rows } = await ofCase(db, `${caseId}:`, `${caseId};`);
  return rows.map(toMessage);
}

/** What a case view shows of one message to the customer. */
export type CustomerMessageRow = Pick<OutboxMessage, 'id' | 'payload' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'deliveredAt'>;

const customerOfCase = prepared((db, from: string, to: string) =>
  db
    .selectFrom('outbox')
    .select(['id', 'payload', 'status', 'attempts', 'last_error', 'created_at', 'delivered_at'])
    .where('id', '>', from)
    .where('id', '<', to)
    .where('topic', '=', 'customer')
    .orderBy('created_at')
    .orderBy('id'),
);

/** The messages to the customer of a case, oldest first: the case view's read, without the alerts' payloads. */
export async function customerMessagesOfCase(db: Db, caseId: string): Promise<CustomerMessageRow[]> {
  const { rows } = await customerOfCase(db, `${caseId}:`, `${caseId};`);
  return rows.map((r) => ({
    id: r.id,
    payload: fromJson(r.payload),
    status: r.status as OutboxMessage['status'],
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  }));
}

/** One outbox message by id (an alert a click in Slack refers to). */
export async function outboxMessage(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

function toMessage(r: {
  id: string; case_id: string; topic: string; payload: string; status: string; attempts: number;
  next_attempt_at: string; last_error: string | null; created_at: string; delivered_at: string | null;
}): OutboxMessage {
  return {
    id: r.id,
    caseId: r.case_id,
    topic: r.topic as OutboxTopic,
    payload: fromJson(r.payload),
    status: r.status as OutboxMessage['status'],
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}

/** Held messages of the given topics, a page at a time in id order (so one case's messages come together). */
export async function heldOfTopics(db: Db, topics: OutboxTopic[], limit: number, afterId = ''): Promise<OutboxMessage[]> {
  if (topics.length === 0) return [];
  const rows = await db.selectFrom('outbox').selectAll().where(PARKED).where('status', '=', 'held').where('topic', 'in', topics).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map(toMessage);
}

/** Held messages that still fit their case go out with the next sweep. */
export async function releaseToPending(db: Db, ids: string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ status: 'pending', next_attempt_at: now }).where('id', 'in', ids).where('status', '=', 'held').execute();
}

/** Held messages that no longer fit their case are never sent; the reason stays on the row. */
export async function markExpired(db: Db, expired: Array<{ id: string; why: string }>): Promise<void> {
  for (const e of expired) {
    await db.updateTable('outbox').set({ status: 'expired', last_error: `expired: ${e.why}`.slice(0, 1000) }).where('id', '=', e.id).where('status', '=', 'held').execute();
  }
}

/** Give pending messages of this worker back for a later attempt without counting one (their webhook is down or asked to wait). */
export async function postpone(db: Db, ids: string[], nextAttemptAt: string, by: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: nextAttemptAt, leased_until: null, leased_by: null })
    .where('id', 'in', ids)
    .where('leased_by', '=', by)
    .where('status', '=', 'pending')
    .execute();
}
