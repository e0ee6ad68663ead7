import { sql } from 'kysely';
import type { Currency } from '../domain/money.js';
import type { Db } from './db.js';
import { fromJson, toNumber } from './db.js';

/** Read models of the leads' pages: the conflict board and the team's load. Nothing here writes. */

export interface ConflictCase {
  id: string;
  ref: string;
  version: number;
  state: string;
  customerName: string;
  ownerId: string | null;
  ownerName: string | null;
  createdAt: string;
  escalated: boolean;
  breaching: boolean;
  /** When the personal call is due: the deadline of the personal-call step (null when the case never had one). */
  callDueAt: string | null;
  /** When the owner logged the call; null while it is still to be made. */
  calledAt: string | null;
}

/** A case's timers share its id as their key prefix, so a range of the primary key reads one case's timers. */
const timerRange = (caseId: string) => [`${caseId}:`, `${caseId};`] as const;

/**
 * Open conflict cases, newest first, with their owner, the scheduled call time (the personal-call
 * step's deadline) and when the call was logged.
 * @example await conflictBoard(db, { limit: 50 })
 */
export async function conflictBoard(db: Db, opts: { limit: number }): Promise<ConflictCase[]> {
  const rows = await db
    .selectFrom('cases')
    .leftJoin('users', 'users.id', 'cases.owner_id')
    .select(['cases.id', 'cases.ref', 'cases.version', 'cases.state', 'cases.customer', 'cases.owner_id', 'users.name as owner_name', 'cases.created_at', 'cases.escalated', 'cases.breaching'])
    .where('cases.tone', '=', 'conflict')
    .where('cases.status', '=', 'open')
    .orderBy('cases.created_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(opts.limit)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [timers, calls] = await Promise.all([
    db
      .selectFrom('timers')
      .select(['case_id', 'due_at'])
      .where((eb) => eb.or(ids.map((id) => eb.and([eb('id', '>', timerRange(id)[0]), eb('id', '<', timerRange(id)[1])]))))
      .where('key', '=', 'step:personalCall')
      .orderBy('due_at')
      .execute(),
    db.selectFrom('journal').select(['case_id', 'at']).where('case_id', 'in', ids).where('type', '=', 'CALL_LOGGED').orderBy('version').execute(),
  ]);
  // The latest call and the latest call deadline win (a reopened case may have called twice).
  const due = new Map(timers.map((t) => [t.case_id, t.due_at]));
  const called = new Map(calls.map((c) => [c.case_id, c.at]));
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    version: r.version,
    state: r.state,
    customerName: fromJson<{ name: string }>(r.customer).name,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    createdAt: r.created_at,
    escalated: Boolean(r.escalated),
    breaching: Boolean(r.breaching),
    callDueAt: due.get(r.id) ?? null,
    calledAt: called.get(r.id) ?? null,
  }));
}

export interface OwnerLoad {
  ownerId: string;
  open: number;
  /** Open cases whose current step's deadline or overall deadline has passed. */
  overdue: number;
}

/**
 * Per owner: open cases, and how many of them are past due now. A case is overdue when the deadline
 * of the step it is in, or its overall deadline, lies before `now` (whether or not the worker has
 * fired it yet); a step waiting for the customer has its clock paused and is not counted.
 */
export async function loadByOwner(db: Db, now: string): Promise<OwnerLoad[]> {
  const pastDue = sql<number>`case when exists (
      select 1 from timers t
      where t.id > cases.id || ':' and t.id < cases.id || ';'
        and t.status in ('pending', 'fired') and t.due_at < ${now}
        and (t.key = 'overall' or cases.state = substr(t.key, 6) or cases.state like substr(t.key, 6) || '.%')
    ) then 1 else 0 end`;
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['owner_id', eb.fn.countAll<number>().as('open'), eb.fn.sum<number>(pastDue).as('overdue')])
    .where('status', '=', 'open')
    .where('owner_id', 'is not', null)
    .groupBy('owner_id')
    .execute();
  return rows.map((r) => ({ ownerId: r.owner_id as string, open: toNumber(r.open), overdue: toNumber(r.overdue ?? 0) }));
}

/** Compensation issued in [from, to) in one currency, per person who issued it (minor units). */
export async function issuedByActor(db: Db, currency: Currency, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger')
    .select((eb) => ['actor_id', eb.fn.sum<number>('minor').as('total')])
    .where('entry', '=', 'issued')
    .where('currency', '=', currency)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('actor_id')
    .execute();
  return new Map(rows.map((r) => [r.actor_id, toNumber(r.total ?? 0)]));
}

/** Open cases nobody owns yet. */
export async function openUnassigned(db: Db): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').where('owner_id', 'is', null).executeTakeFirst();
  return toNumber(row?.n ?? 0);
}
