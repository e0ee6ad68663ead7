import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { fromJson } from './db.js';

/** Who changed what about people, limits, tokens or the team budget; before and after as plain JSON. */
export interface AuditEntry {
  id: string;
  actorId: string;
  actorRole: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  at: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

let lastTick = 0;
/**
 * Ids that sort in the order entries were written (at least within one process), so they serve as
 * the listing cursor: a time-like counter that never repeats or goes back, plus a random tail.
 */
function auditId(): string {
  lastTick = Math.max(Date.now(), lastTick + 1);
  return `aud_${lastTick.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Append in the caller's transaction, so a change and its record commit together or not at all. */
export async function appendAudit(db: Db, e: NewAuditEntry): Promise<AuditEntry> {
  const id = auditId();
  await db
    .insertInto('audit')
    .values({ id, actor_id: e.actorId, actor_role: e.actorRole, action: e.action, subject: e.subject, before: json(e.before), after: json(e.after), at: e.at })
    .execute();
  return { id, ...e };
}

/** Oldest first after the cursor (an entry id), optionally for one subject. */
export async function listAudit(db: Db, q: { after?: string | undefined; subject?: string | undefined; limit: number }): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit').selectAll().orderBy('id').limit(q.limit);
  if (q.after !== undefined) query = query.where('id', '>', q.after);
  if (q.subject !== undefined) query = query.where('subject', '=', q.subject);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    subject: r.subject,
    before: r.before === null ? null : fromJson(r.before),
    after: r.after === null ? null : fromJson(r.after),
    at: r.at,
  }));
}
