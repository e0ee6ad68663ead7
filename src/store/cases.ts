import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { Db } from './db.js';
import { fromJson, isPostgres, toNumber } from './db.js';
import { affected, prepared } from './prepared.js';
import type { CasesTable } from './tables.js';
import type { Customer } from '../domain/customer.js';
import type { Currency, Money } from '../domain/money.js';

export type CaseStatus = 'open' | 'resolved' | 'closed';

/** A case as the engine and the HTTP layer see it. */
export interface CaseRecord {
  id: string;
  seq: number;
  ref: string;
  version: number;
  machineVersion: number;
  snapshot: unknown;
  state: string;
  status: CaseStatus;
  outcome: string;
  scenario: string;
  tone: string;
  severity: string;
  channel: string;
  customer: Customer;
  orderId: string | null;
  executorId: string | null;
  description: string;
  ownerId: string | null;
  budget: Money;
  spent: Money;
  /** Approved for the customer but not yet issued. */
  committed: Money;
  escalated: boolean;
  breaching: boolean;
  statusToken: string;
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export function toRecord(row: CasesTable): CaseRecord {
  const currency = row.currency as Currency;
  return {
    id: row.id,
    seq: toNumber(row.seq),
    ref: row.ref,
    version: row.version,
    machineVersion: row.machine_version,
    snapshot: fromJson(row.snapshot),
    state: row.state,
    status: row.status as CaseStatus,
    outcome: row.outcome,
    scenario: row.scenario,
    tone: row.tone,
    severity: row.severity,
    channel: row.channel,
    customer: fromJson<Customer>(row.customer),
    orderId: row.order_id,
    executorId: row.executor_id,
    description: row.description,
    ownerId: row.owner_id,
    budget: { minor: toNumber(row.budget_minor), currency },
    spent: { minor: toNumber(row.spent_minor), currency },
    committed: { minor: toNumber(row.committed_minor), currency },
    escalated: Boolean(row.escalated),
    breaching: Boolean(row.breaching),
    statusToken: row.status_token,
    openedBy: row.opened_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
  };
}

/** `customerSame`: the customer column is not compared, so it is not serialised either. */
function toRow(c: CaseRecord, customerSame = false): CasesTable {
  return {
    id: c.id,
    seq: c.seq,
    ref: c.ref,
    version: c.version,
    machine_version: c.machineVersion,
    snapshot: JSON.stringify(c.snapshot),
    state: c.state,
    status: c.status,
    outcome: c.outcome,
    scenario: c.scenario,
    tone: c.tone,
    severity: c.severity,
    channel: c.channel,
    customer_id: c.customer.id,
    customer: customerSame ? '' : JSON.stringify(c.customer),
    order_id: c.orderId,
    executor_id: c.executorId,
    description: c.description,
    owner_id: c.ownerId,
    currency: c.budget.currency,
    budget_minor: c.budget.minor,
    spent_minor: c.spent.minor,
    committed_minor: c.committed.minor,
    escalated: c.escalated ? 1 : 0,
    breaching: c.breaching ? 1 : 0,
    status_token: c.statusToken,
    opened_by: c.openedBy,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    resolved_at: c.resolvedAt,
  };
}

/**
 * The next case number, from a counter row incremented in the caller's transaction. Not max(seq) + 1:
 * on Postgres two opening transactions would read the same maximum and one would fail on the unique
 * index; the row lock of the UPDATE makes the second wait for the first instead.
 */
export async function nextCaseSeq(db: Db): Promise<number> {
  const row = (await takeCaseSeq(db)).rows[0];
  if (!row) throw new Error('the case_seq counter is missing: run the migrations');
  return toNumber(row.value);
}

const takeCaseSeq = prepared((db) => db.updateTable('counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', 'case_seq').returning('value'));

/** Every column of a case row, in the order `insertCaseRow` takes their values. */
const CASE_COLUMNS = [
  'id', 'seq', 'ref', 'version', 'machine_version', 'snapshot', 'state', 'status', 'outcome', 'scenario', 'tone', 'severity', 'channel',
  'customer_id', 'customer', 'order_id', 'executor_id', 'description', 'owner_id', 'currency', 'budget_minor', 'spent_minor',
  'committed_minor', 'escalated', 'breaching', 'status_token', 'opened_by', 'created_at', 'updated_at', 'resolved_at',
] as const satisfies ReadonlyArray<keyof CasesTable>;
// A column added to the table and not to the list fails to compile here rather than going unwritten.
const everyColumn: Exclude<keyof CasesTable, (typeof CASE_COLUMNS)[number]> extends never ? true : never = true;
void everyColumn;

// Prepared: building the 30-column insert with Kysely cost more than running it.
const insertCaseRow = prepared((db, ...values: unknown[]) =>
  db.insertInto('cases').values(Object.fromEntries(CASE_COLUMNS.map((column, i) => [column, values[i]])) as unknown as CasesTable),
);

/** Insert a new case; a second rating case for one order is refused as a conflict, not a crash. */
export async function insertCase(db: Db, c: CaseRecord): Promise<void> {
  const row = toRow(c);
  try {
    await insertCaseRow(db, ...CASE_COLUMNS.map((column) => row[column]));
  } catch (err) {
    // SQLite names the columns of the violated unique index; Postgres names the index.
    const text = String((err as Error).message ?? err);
    if (/unique/i.test(text) && /cases\.order_id|cases_rating_order/.test(text)) {
      throw new AppError('conflict', `order ${c.orderId} already has a case opened from a rating`);
    }
    throw err;
  }
}

/**
 * Take the case for this unit of work and read its version: until it commits, another transaction
 * that locks the same case waits, and then reads what this one wrote (the idempotency key, the next
 * version). SQLite has one writer, so every transaction already holds everything; on Postgres a row
 * lock does it.
 * @returns the version the case is at, undefined when there is no such case
 */
export async function lockCase(db: Db, id: string): Promise<number | undefined> {
  const row = (await (isPostgres(db) ? lockedVersion : versionOf)(db, id)).rows[0];
  return row?.version;
}

const lockedVersion = prepared((db, id: string) => db.selectFrom('cases').select('version').where('id', '=', id).forUpdate());
const versionOf = prepared((db, id: string) => db.selectFrom('cases').select('version').where('id', '=', id));

const caseById = prepared((db, id: string) => db.selectFrom('cases').selectAll().where('id', '=', id));

export async function loadCase(db: Db, id: string): Promise<CaseRecord | undefined> {
  const row = (await caseById(db, id)).rows[0];
  return row ? toRecord(row) : undefined;
}

export async function loadCaseByStatusToken(db: Db, token: string): Promise<CaseRecord | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('status_token', '=', token).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Write the next version of a case only if nobody wrote since `prev` was read, and only the columns
 * that changed: SQLite rewrites an index whenever its column is in the SET list, even with the same
 * value, and the cases table has several (an ESCALATE dirtied 6 pages with every column, 1 without).
 * @returns false when the compare-and-swap lost.
 */
export async function saveCase(db: Db, prev: CaseRecord, next: CaseRecord): Promise<boolean> {
  // The customer is serialised only when it is another object (a transition keeps it as it is).
  const customerSame = next.customer === prev.customer;
  const before = toRow({ ...prev, snapshot: null }, customerSame);
  const after = toRow(next, customerSame);
  const columns: Array<keyof CasesTable> = [];
  const values: unknown[] = [next.version, after.snapshot];
  for (const key of MUTABLE) {
    if (after[key] !== before[key]) {
      columns.push(key);
      values.push(after[key]);
    }
  }
  values.push(next.id, prev.version);
  return affected(await updateOf(columns)(db, ...values)) === 1;
}

/** One prepared UPDATE per set of changed columns (a handful occur: an ESCALATE changes none). */
const updates = new Map<string, (db: Db, ...values: unknown[]) => Promise<{ numAffectedRows?: bigint }>>();
function updateOf(columns: Array<keyof CasesTable>) {
  const key = columns.join(',');
  let update = updates.get(key);
  if (!update) {
    update = prepared((db: Db, ...v: unknown[]) => {
      const set: Record<string, unknown> = { version: v[0], snapshot: v[1] };
      columns.forEach((c, i) => {
        set[c] = v[i + 2];
      });
      return db
        .updateTable('cases')
        .set(set)
        .where('id', '=', v[columns.length + 2] as string)
        .where('version', '=', v[columns.length + 3] as number);
    });
    updates.set(key, update);
  }
  return update;
}

const MUTABLE = [
  'machine_version', 'state', 'status', 'outcome', 'scenario', 'tone', 'severity', 'channel', 'customer_id', 'customer', 'order_id',
  'executor_id', 'description', 'owner_id', 'currency', 'budget_minor', 'spent_minor', 'committed_minor', 'escalated', 'breaching',
  'updated_at', 'resolved_at',
] as const satisfies ReadonlyArray<keyof CasesTable>;

export interface CaseFilter {
  status?: CaseStatus | undefined;
  ownerId?: string | null | undefined;
  scenario?: string | undefined;
  tone?: string | undefined;
  breaching?: boolean | undefined;
  state?: string | undefined;
  customerId?: string | undefined;
  /** Who opened the cases (`system` for intake). */
  openedBy?: string | undefined;
  /** Handlers see their own and unassigned cases only. */
  visibleTo?: string | undefined;
  after?: { createdAt: string; id: string } | undefined;
  /** Oldest first instead of newest first (queues such as the approvals inbox). */
  oldestFirst?: boolean;
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listCases(db: Db, f: CaseFilter): Promise<CaseRecord[]> {
  let q = db.selectFrom('cases').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ownerId !== undefined) q = f.ownerId === null ? q.where('owner_id', 'is', null) : q.where('owner_id', '=', f.ownerId);
  if (f.scenario) q = q.where('scenario', '=', f.scenario);
  if (f.tone) q = q.where('tone', '=', f.tone);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.openedBy) q = q.where('opened_by', '=', f.openedBy);
  if (f.breaching !== undefined) q = q.where('breaching', '=', f.breaching ? 1 : 0);
  const visibleTo = f.visibleTo;
  if (visibleTo) q = q.where((eb) => eb.or([eb('owner_id', '=', visibleTo), eb('owner_id', 'is', null)]));
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
    );
  }
  const dir = f.oldestFirst ? 'asc' : 'desc';
  const rows = await q.orderBy('created_at', dir).orderBy('id', dir).limit(f.limit).execute();
  return rows.map(toRecord);
}

/**
 * What all cases together have approved but not yet issued, in one currency. The `> 0` is a literal,
 * word for word the condition of the partial index `cases_committed`: a query planner uses a partial
 * index only when it can prove the query's WHERE implies the index's, and a bound parameter proves
 * nothing, so `> ?` read every case (~200 µs at 300 cases, growing with the table) instead of the
 * few with an approved offer outstanding.
 */
export async function committedTotal(db: Db, currency: Currency): Promise<number> {
  const row = (await committedSum(db, currency)).rows[0];
  return toNumber(row?.total ?? 0);
}

const committedSum = prepared((db, currency: string) =>
  db
    .selectFrom('cases')
    .select((eb) => eb.fn.sum<number>('committed_minor').as('total'))
    .where('currency', '=', currency)
    .where(sql<boolean>`"committed_minor" > 0`),
);

/** The case a rating of this order opened, if any (at most one: a unique index says so). */
export async function findRatingCaseByOrder(db: Db, orderId: string): Promise<CaseRecord | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('channel', '=', 'rating').where('order_id', '=', orderId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** A customer's resolved cases (waiting to be won back) resolved at or after `since`, oldest first. */
export async function resolvedCasesOfCustomer(db: Db, customerId: string, since: string): Promise<CaseRecord[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('status', '=', 'resolved')
    .where('resolved_at', '>=', since)
    .orderBy('resolved_at')
    .execute();
  return rows.map(toRecord);
}
