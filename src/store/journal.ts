import type { Db } from './db.js';
import { fromJson, isPostgres, toNumber } from './db.js';
import { prepared } from './prepared.js';

export interface JournalEntry {
  caseId: string;
  version: number;
  type: string;
  actorId: string;
  actorRole: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  at: string;
}

/**
 * The next journal position, on Postgres. Taken in the transaction that appends the row: the row
 * lock on `journal_head` makes later writers wait for this commit, so positions are given out in
 * commit order and a rollback returns its number. On SQLite the position is the journal's rowid
 * (INTEGER PRIMARY KEY): SQLite hands out the next one itself, and with one writer that is commit
 * order too; a rolled-back savepoint gives its number back. Either way readers following the journal
 * never see a gap fill in behind them.
 */
export async function nextJournalPosition(db: Db): Promise<number> {
  const row = (await bumpPosition(db)).rows[0];
  if (!row) throw new Error('journal_head row is missing');
  return toNumber(row.position);
}

const bumpPosition = prepared((db) =>
  db
    .updateTable('journal_head')
    .set((eb) => ({ position: eb('position', '+', 1) }))
    .where('id', '=', 'journal')
    .returning('position'),
);

const insertEntry = prepared(
  (db, position: number | null, caseId: string, version: number, type: string, actorId: string, actorRole: string, payload: string, fromState: string | null, toState: string, at: string) =>
    db.insertInto('journal').values({
      position,
      case_id: caseId,
      version,
      type,
      actor_id: actorId,
      actor_role: actorRole,
      payload,
      from_state: fromState,
      to_state: toState,
      at,
    }),
);

/** Append an entry; its position is the next one (null lets SQLite number the rowid itself). */
export async function appendJournal(db: Db, e: JournalEntry): Promise<void> {
  const position = isPostgres(db) ? await nextJournalPosition(db) : null;
  await insertEntry(db, position, e.caseId, e.version, e.type, e.actorId, e.actorRole, JSON.stringify(e.payload), e.fromState, e.toState, e.at);
}

export async function readJournal(db: Db, caseId: string, afterVersion = 0, limit = 500): Promise<JournalEntry[]> {
  const rows = await db
    .selectFrom('journal')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('version', '>', afterVersion)
    .orderBy('version')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    version: r.version,
    type: r.type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    payload: fromJson<Record<string, unknown>>(r.payload),
    fromState: r.from_state,
    toState: r.to_state,
    at: r.at,
  }));
}

/** A journal row with its global position, as read models follow it. */
export interface PositionedEntry extends JournalEntry {
  position: number;
}

/**
 * Journal rows after `position`, in position order: what a read model has not yet applied.
 * @example const batch = await journalAfter(trx, cursor, 500)
 */
export async function journalAfter(db: Db, position: number, limit: number): Promise<PositionedEntry[]> {
  const rows = await db.selectFrom('journal').selectAll().where('position', '>', position).orderBy('position').limit(limit).execute();
  return rows.map((r) => ({
    position: toNumber(r.position),
    caseId: r.case_id,
    version: r.version,
    type: r.type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    payload: fromJson<Record<string, unknown>>(r.payload),
    fromState: r.from_state,
    toState: r.to_state,
    at: r.at,
  }));
}

/** The last position handed out (on SQLite the journal's largest rowid: `journal_head` counts on Postgres only). */
export async function journalHead(db: Db): Promise<number> {
  if (!isPostgres(db)) {
    const last = await db.selectFrom('journal').select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
    return toNumber(last?.position ?? 0);
  }
  const row = await db.selectFrom('journal_head').select('position').where('id', '=', 'journal').executeTakeFirst();
  return row ? toNumber(row.position) : 0;
}
