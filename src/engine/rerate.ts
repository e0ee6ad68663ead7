/**
 * The customer's verdict after resolution (good / neutral / bad, optional comment), from the status
 * page or an intake rating. A resolved case takes it through dispatch (RERATED sets its rating); a
 * closed case (won back or lost) is history the statechart will not move, so the verdict is journaled
 * as a fact beside it: a new version with the same snapshot and state, in one transaction.
 */
import { AppError, notFound } from '../domain/errors.js';
import type { EventPayload } from '../domain/events.js';
import { SYSTEM } from '../domain/roles.js';
import { loadCase, saveCase, type CaseRecord } from '../store/cases.js';
import { inTransaction } from '../store/db.js';
import { appendJournal } from '../store/journal.js';
import { dispatch } from './dispatch.js';
import { nowIso, type Engine } from './engine.js';

export type Rerating = EventPayload<'RERATED'>;

export async function rerate(engine: Engine, caseId: string, r: Rerating): Promise<CaseRecord> {
  const payload: Rerating = r.comment?.trim() ? { ...r, comment: r.comment.trim() } : { rating: r.rating, source: r.source };
  const closed = await inTransaction(engine.store, async (trx) => {
    const c = await loadCase(trx, caseId);
    if (!c) throw notFound('case');
    if (c.status === 'open') throw new AppError('eventNotAllowed', 'the case is not resolved yet: a rating after resolution only', { state: c.state, allowedEvents: [] });
    if (c.status !== 'closed') return null;
    const now = nowIso(engine);
    const next: CaseRecord = { ...c, version: c.version + 1, updatedAt: now };
    if (!(await saveCase(trx, c, next))) throw new AppError('conflict', 'the case changed while the rating was recorded; send it again');
    await appendJournal(trx, { caseId, version: next.version, type: 'RERATED', actorId: SYSTEM.id, actorRole: SYSTEM.role, payload, fromState: c.state, toState: c.state, at: now });
    return next;
  });
  if (closed) return closed;
  const result = await dispatch(engine, caseId, { type: 'RERATED', ...payload }, SYSTEM);
  if (!result) throw new AppError('conflict', 'the rating was not recorded; send it again');
  return result.record;
}

/** An intake score as a verdict: 4–5 good, 3 neutral, 1–2 bad. */
export function verdictOf(score: number): Rerating['rating'] {
  return score >= 4 ? 'good' : score === 3 ? 'neutral' : 'bad';
}
