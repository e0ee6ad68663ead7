import { sql } from 'kysely';
import { toRecord, type CaseRecord } from './cases.js';
import type { Db } from './db.js';
import type { CasesTable } from './tables.js';

export interface QueueFilter {
  /** Handlers see their own and unassigned cases only. */
  visibleTo?: string | undefined;
  scenario?: string | undefined;
  tone?: string | undefined;
  /** A state or a parent state (`compensate` matches `compensate.offered` too); a known name, never free text. */
  state?: string | undefined;
  /** Part of the reference, the order id or the customer (name, e-mail, phone). */
  search?: string | undefined;
  limit: number;
}

export interface QueueRow {
  record: CaseRecord;
  /** The earliest pending deadline of the case (its current step's), or null. */
  dueAt: string | null;
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Open cases by what is due first (cases without a deadline last, oldest first among them): the
 * handler's queue. The due time is the case's earliest pending, running timer, win-back windows aside.
 */
export async function queueCases(db: Db, f: QueueFilter): Promise<QueueRow[]> {
  const due = db
    .selectFrom('timers')
    .select(['case_id', (eb) => eb.fn.min<string>('due_at').as('due_at')])
    .where('status', '=', 'pending')
    .where('step', '<>', 'winBack')
    // A paused deadline (the offer is with the customer) is not the team's to meet.
    .where('paused_at', 'is', null)
    .groupBy('case_id')
    .as('due');
  let q = db
    .selectFrom('cases')
    .leftJoin(due, (join) => join.onRef('due.case_id', '=', 'cases.id'))
    .selectAll('cases')
    .select('due.due_at as queue_due_at')
    .where('cases.status', '=', 'open');
  const visibleTo = f.visibleTo;
  if (visibleTo) q = q.where((eb) => eb.or([eb('cases.owner_id', '=', visibleTo), eb('cases.owner_id', 'is', null)]));
  if (f.scenario) q = q.where('cases.scenario', '=', f.scenario);
  if (f.tone) q = q.where('cases.tone', '=', f.tone);
  const state = f.state;
  if (state) q = q.where((eb) => eb.or([eb('cases.state', '=', state), eb('cases.state', 'like', `${state}.%`)]));
  const search = f.search?.trim();
  if (search) {
    // LIKE folds case for ASCII only (SQLite) or not at all (Postgres): a person typing "мария" or
    // "am-000012" means "Мария" and "AM-000012", so the usual spellings are tried too.
    const lower = search.toLowerCase();
    const titled = lower.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    const spellings = [...new Set([search, lower, search.toUpperCase(), titled])].map(likePattern);
    q = q.where((eb) =>
      eb.or(
        spellings.flatMap((p) => [
          sql<boolean>`${eb.ref('cases.ref')} like ${p} escape '\\'`,
          sql<boolean>`${eb.ref('cases.order_id')} like ${p} escape '\\'`,
          sql<boolean>`${eb.ref('cases.customer')} like ${p} escape '\\'`,
        ]),
      ),
    );
  }
  const rows = await q
    .orderBy(sql`case when due.due_at is null then 1 else 0 end`)
    .orderBy('due.due_at')
    .orderBy('cases.created_at')
    .orderBy('cases.id')
    .limit(f.limit)
    .execute();
  return rows.map(({ queue_due_at, ...row }) => ({ record: toRecord(row as CasesTable), dueAt: queue_due_at ?? null }));
}
