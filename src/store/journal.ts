import type { Db } from './db.js';
import { fromJson } from './db.js';

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

export async function appendJournal(db: Db, e: JournalEntry): Promise<void> {
  await db
    .insertInto('journal')
    .values({
      case_id: e.caseId,
      version: e.version,
      type: e.type,
      actor_id: e.actorId,
      actor_role: e.actorRole,
      payload: JSON.stringify(e.payload),
      from_state: e.fromState,
      to_state: e.toState,
      at: e.at,
    })
    .execute();
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
