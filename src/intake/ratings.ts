import { AppError } from '../domain/errors.js';
import type { RatingInput } from '../domain/rating.js';
import { SYSTEM } from '../domain/roles.js';
import { alertNobodyOnDuty } from '../alerts/nobody-on-duty.js';
import { chooseOwner } from '../engine/assign.js';
import { dispatch } from '../engine/dispatch.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { openCase } from '../engine/open-case.js';
import { rerate, verdictOf } from '../engine/rerate.js';
import { findRatingCaseByOrder, type CaseRecord } from '../store/cases.js';
import { inTransaction } from '../store/db.js';
import { findIntakeAnswer, saveIntakeAnswer } from '../store/intake-requests.js';
import { classifyComplaint } from './classify.js';
import { KeyedLock } from './lock.js';

export interface IntakeCase {
  id: string;
  ref: string;
  scenario: string;
  tone: string;
  state: string;
  ownerId: string | null;
}

export interface RatingAnswer {
  status: 200 | 201;
  body: { case: IntakeCase | null; opened: boolean; matched?: boolean };
}

const orders = new KeyedLock();

const brief = (c: CaseRecord): IntakeCase => ({ id: c.id, ref: c.ref, scenario: c.scenario, tone: c.tone, state: c.state, ownerId: c.ownerId });

/** Low when the overall score or any aspect is at or below the threshold. */
export function lowAspects(r: RatingInput, threshold: number): string[] {
  const low = Object.entries(r.aspects).filter(([, score]) => score <= threshold).map(([aspect, score]) => `${aspect} ${score}`);
  return r.overall <= threshold ? [`overall ${r.overall}`, ...low] : low;
}

/** The case text: the customer's own words, or the scores when they wrote none. */
function descriptionOf(r: RatingInput, low: string[]): string {
  const scores = `${r.customer.locale === 'ru' ? 'Оценка' : 'Rating'} ${r.overall}/5${low.length ? ` (${low.join(', ')})` : ''}`;
  return r.comment?.trim() ? r.comment.trim() : scores;
}

/**
 * Take one rating of an order. A low one opens a case (channel `rating`) owned by whoever is on
 * duty; a further rating of an order that already has a case is journaled on it (RATING_RECEIVED)
 * and opens nothing. The same rating twice (order + ratedAt) gets the first answer again.
 */
export async function takeRating(engine: Engine, r: RatingInput, threshold: number): Promise<RatingAnswer> {
  const key = `rating:${r.orderId}:${new Date(r.ratedAt).toISOString()}`;
  return orders.run(r.orderId, async () => {
    const prior = await findIntakeAnswer<RatingAnswer>(engine.store.db, key);
    if (prior) return prior;
    const answer = await applyRating(engine, r, threshold);
    await inTransaction(engine.store, (trx) => saveIntakeAnswer(trx, key, answer, nowIso(engine)));
    return answer;
  });
}

async function applyRating(engine: Engine, r: RatingInput, threshold: number): Promise<RatingAnswer> {
  const existing = await findRatingCaseByOrder(engine.store.db, r.orderId);
  if (existing) return { status: 200, body: { case: brief(await journalRating(engine, existing, r)), opened: false } };
  const low = lowAspects(r, threshold);
  if (low.length === 0) return { status: 200, body: { case: null, opened: false } };

  const description = descriptionOf(r, low);
  const found = classifyComplaint(engine.catalog, { text: r.comment ?? '', locale: r.customer.locale, aspects: r.aspects });
  // A playbook for conflicts (hostile, no concrete problem) makes the case one, whatever the wording.
  const tone = found.tone === 'conflict' || found.scenario.tone === 'conflict' ? 'conflict' : 'constructive';
  const owner = await chooseOwner(engine.store.db, tone, engine.clock(), engine.config.timeZone);
  let record: CaseRecord;
  try {
    ({ record } = await openCase(
      engine,
      {
        customer: r.customer,
        orderId: r.orderId,
        executorId: r.executor?.id,
        channel: 'rating',
        description,
        scenario: found.scenario.id,
        tone,
        ownerId: owner.ownerId,
      },
      SYSTEM,
    ));
  } catch (err) {
    // Another process opened this order's case a moment ago: this rating is journaled on it instead.
    const raced = await findRatingCaseByOrder(engine.store.db, r.orderId);
    if (!raced) throw err;
    return { status: 200, body: { case: brief(await journalRating(engine, raced, r)), opened: false } };
  }
  if (owner.ownerId === null) await alertNobodyOnDuty(engine, record);
  return { status: 201, body: { case: brief(record), opened: true, matched: found.matched } };
}

/**
 * A further rating of a rated order. While the case is open the scores go on its record
 * (RATING_RECEIVED); once it is resolved or closed, the rating is the customer's verdict after the
 * fact: a re-rating (good 4–5, neutral 3, bad 1–2) that the reports count.
 */
async function journalRating(engine: Engine, c: CaseRecord, r: RatingInput): Promise<CaseRecord> {
  if (c.status !== 'open') return rerate(engine, c.id, { rating: verdictOf(r.overall), source: 'intake', ...(r.comment ? { comment: r.comment } : {}) });
  const event = { type: 'RATING_RECEIVED', orderId: r.orderId, overall: r.overall, aspects: r.aspects, comment: r.comment, ratedAt: r.ratedAt };
  if (event.comment === undefined) delete event.comment;
  try {
    const result = await dispatch(engine, c.id, event, SYSTEM);
    return result?.record ?? c;
  } catch (err) {
    if (err instanceof AppError && err.kind === 'eventNotAllowed') return c;
    throw err;
  }
}
