import { AppError, notFound } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { loadCase, type CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { findIdempotency } from '../store/idempotency.js';
import { canSee } from './authorize.js';

export interface Idempotency {
  key: string;
  requestHash: string;
}

export interface Replay {
  record: CaseRecord;
  /** Whether the actor may still see the case; the first request's outcome is theirs either way. */
  visible: boolean;
}

/**
 * The case a repeated request already produced, or undefined when the key is new. The same key with
 * another request (or for another case) is refused. The caller decides what a replay of a case the
 * actor can no longer see shows (see `replayedVisible`).
 */
export async function findReplay(trx: Db, actor: Actor, idempotency: Idempotency | undefined, caseId?: string): Promise<Replay | undefined> {
  if (!idempotency) return undefined;
  const prior = await findIdempotency(trx, actor.id, idempotency.key);
  if (!prior) return undefined;
  if (prior.requestHash !== idempotency.requestHash || (caseId !== undefined && prior.caseId !== caseId)) {
    throw new AppError('idempotencyMismatch', 'this Idempotency-Key was used for a different request');
  }
  const record = await loadCase(trx, prior.caseId);
  if (!record) throw notFound('case');
  return { record, visible: canSee(actor, record.ownerId, record.id) };
}

/**
 * A replayed event shows the case as it is now, so it is subject to today's visibility, not the
 * first request's: a case reassigned away answers like one that does not exist.
 */
export async function replayed(trx: Db, actor: Actor, idempotency: Idempotency | undefined, caseId?: string): Promise<CaseRecord | undefined> {
  const replay = await findReplay(trx, actor, idempotency, caseId);
  if (replay && !replay.visible) throw notFound('case');
  return replay?.record;
}
