import { newId } from '../domain/ids.js';
import type { ComplaintEvent } from '../../workflows/complaint.js';
import { recoveryRatio } from '../../workflows/scenarios/index.js';
import { AppError } from '../domain/errors.js';
import type { PublicEvent } from '../domain/events.js';
import { DateTime } from 'luxon';
import { exceeds, formatMoney, scale, subtract, zero, type Money } from '../domain/money.js';
import { offerHasEntry } from '../store/ledger.js';
import type { Actor } from '../domain/roles.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { getUser } from '../store/users.js';
import type { ComplaintSnapshot } from './snapshots.js';
import { approvalReasons, beyondOwnLimit, lockTeamBudget, teamBudget } from './budget.js';
import { nowIso, scenarioOf, type Engine } from './engine.js';

/** The deepest discount a handler gives without a lead, unless the playbook suggests a deeper one. */
const HANDLER_DISCOUNT_PERCENT = 20;

export interface Enriched {
  event: ComplaintEvent;
  /** Why an offer needs approval, recorded with the request. */
  reasons: string[];
}

function sameCurrency(value: Money, c: CaseRecord, field: string): void {
  if (value.currency !== c.budget.currency) {
    throw new AppError('validation', `the case budgets in ${c.budget.currency}`, { errors: [{ path: field, message: `must be in ${c.budget.currency}` }] });
  }
}

/** One offer may be worth at most the configured maximum, whoever grants it. */
function withinOfferMaximum(engine: Engine, value: Money, field: string): void {
  const max = engine.config.maxOfferMinor;
  if (value.minor > max) {
    throw new AppError('validation', `one offer may be worth at most ${formatMoney({ minor: max, currency: value.currency }, 'ru')} (AMENDS_MAX_OFFER_MINOR)`, {
      errors: [{ path: field, message: `must be at most ${max}` }],
    });
  }
}

/**
 * Nobody approves past the team's month: a lead without a limit is still bound by the team budget.
 * Refused with how much is missing, so the lead can lower the amount or ask an admin to raise the budget.
 */
async function assertTeamCovers(db: Db, engine: Engine, value: Money): Promise<void> {
  await lockTeamBudget(db, engine.store.dialect, value.currency);
  const now = nowIso(engine);
  const team = await teamBudget(db, now, engine.config.timeZone, value.currency);
  if (team.remaining === null || !exceeds(value, team.remaining)) return;
  const shortBy = subtract(value, team.remaining);
  const month = DateTime.fromISO(now, { zone: 'utc' }).setZone(engine.config.timeZone).setLocale('en').toFormat('LLLL');
  throw new AppError('budgetExceeded', `this approval would take the team's ${month} budget ${formatMoney(shortBy, 'ru')} below zero`, {
    shortBy,
    remaining: team.remaining,
  });
}

/** The amount charged back to the executor: given, or by the scenario's rule from the job's value. */
async function recoveryAmount(
  db: Db,
  engine: Engine,
  c: CaseRecord,
  snapshot: ComplaintSnapshot,
  e: { amount?: Money | undefined; jobValue?: Money | undefined; lateMinutes?: number | undefined },
): Promise<Money> {
  let amount = e.amount;
  if (!amount && e.jobValue) {
    const ratio = recoveryRatio(scenarioOf(engine, c.scenario), e.lateMinutes);
    if (ratio === null) {
      throw new AppError('validation', `scenario ${c.scenario} has no recovery rule`, { errors: [{ path: 'amount', message: 'give the amount to charge back' }] });
    }
    amount = scale(e.jobValue, ratio);
  }
  if (!amount || amount.minor <= 0) throw new AppError('validation', 'nothing to recover', { errors: [{ path: 'amount', message: 'must be greater than zero' }] });
  sameCurrency(amount, c, 'amount.currency');
  const offer = snapshot.context.offer;
  if (offer?.approved && exceeds(amount, offer.approved)) {
    throw new AppError('validation', 'the executor cannot pay back more than was paid out', { errors: [{ path: 'amount', message: `at most ${offer.approved.minor}` }] });
  }
  // Charging the executor twice for one payout would be a second debt for one fault.
  if (offer && (await offerHasEntry(db, offer.id, 'recovered'))) throw new AppError('conflict', 'recovery for this payout was already recorded');
  return amount;
}

/** A decision names the request it answers; an older request of the same case was already decided. */
function assertOfferInPlay(snapshot: ComplaintSnapshot, offerId: string | undefined): void {
  if (offerId !== undefined && snapshot.context.offer?.id !== offerId) {
    throw new AppError('conflict', `approval request ${offerId} was already decided`);
  }
}

/**
 * Add what the engine knows to a public event before the statechart sees it: the acting user, new ids,
 * whether an offer needs approval, the resolved recovery amount. The statechart itself stays pure.
 */
export async function enrich(db: Db, engine: Engine, c: CaseRecord, snapshot: ComplaintSnapshot, e: PublicEvent, actor: Actor): Promise<Enriched> {
  const by = { actorId: actor.id };
  switch (e.type) {
    case 'ASSIGN':
    case 'REASSIGN': {
      const owner = await getUser(db, e.ownerId);
      if (!owner || !owner.active) {
        throw new AppError('validation', 'no such active user', { errors: [{ path: 'ownerId', message: `user ${e.ownerId} does not exist or is inactive` }] });
      }
      return { event: { ...e, ...by }, reasons: [] };
    }
    case 'OFFER': {
      // A discount without an estimate costs nothing against limits and budgets; its depth is checked below.
      const value = e.value ?? zero(c.budget.currency);
      sameCurrency(value, c, 'value.currency');
      withinOfferMaximum(engine, value, 'value.minor');
      await lockTeamBudget(db, engine.store.dialect, value.currency);
      const team = await teamBudget(db, nowIso(engine), engine.config.timeZone, c.budget.currency);
      const reasons = approvalReasons(value, actor, subtract(c.budget, c.spent), team.remaining);
      // The value of a discount is the handler's estimate; its percent is what the customer gets.
      // Deeper than the playbook suggests (and than the usual 20%), a lead looks at it.
      const suggested = scenarioOf(engine, c.scenario).offers.map((o) => (o.kind === 'discount' ? o.percent : 0));
      const maxPercent = Math.max(HANDLER_DISCOUNT_PERCENT, ...suggested);
      if (e.kind === 'discount' && e.percent > maxPercent && actor.role === 'handler') reasons.push(`discount above ${maxPercent}%`);
      return { event: { ...e, value, ...by, offerId: newId('off'), needsApproval: reasons.length > 0 }, reasons };
    }
    case 'REJECT_OFFER':
      assertOfferInPlay(snapshot, e.offerId);
      return { event: { type: 'REJECT_OFFER', comment: e.comment, ...by }, reasons: [] };
    case 'APPROVE_OFFER': {
      assertOfferInPlay(snapshot, e.offerId);
      const offer = snapshot.context.offer;
      if (!offer) throw new AppError('conflict', 'there is no offer waiting for a decision');
      const value = e.value ?? offer.value;
      sameCurrency(value, c, 'value.currency');
      // An approval may lower what was asked, never raise it: a larger amount is a new offer.
      if (exceeds(value, offer.value)) {
        throw new AppError('validation', 'an approval cannot exceed the amount requested', { errors: [{ path: 'value.minor', message: `at most ${offer.value.minor}` }] });
      }
      // A lead with a personal limit approves up to it; beyond it another lead or an admin decides.
      if (beyondOwnLimit(actor, value)) throw new AppError('forbidden', 'the amount is above your own approval limit');
      withinOfferMaximum(engine, value, 'value.minor');
      await assertTeamCovers(db, engine, value);
      // Above the case budget a lead may still approve (the comment is required), on the record as such.
      const aboveCaseBudget = exceeds(value, subtract(c.budget, c.spent));
      return { event: { type: 'APPROVE_OFFER', value, comment: e.comment, ...(aboveCaseBudget ? { aboveCaseBudget } : {}), ...by }, reasons: [] };
    }
    case 'ISSUE': {
      // Offers approved before the maximum was lowered are not paid out above it.
      const approved = snapshot.context.offer?.approved;
      if (approved && approved.minor > engine.config.maxOfferMinor) {
        throw new AppError('budgetExceeded', `the approved amount ${formatMoney(approved, 'ru')} is above the maximum for one offer; withdraw it and offer less`, {
          maximum: { minor: engine.config.maxOfferMinor, currency: approved.currency },
        });
      }
      if (approved) await lockTeamBudget(db, engine.store.dialect, approved.currency);
      return { event: { type: 'ISSUE', ...by }, reasons: [] };
    }
    case 'RECORD_RECOVERY':
    case 'PROPOSE_RECOVERY': {
      const amount = await recoveryAmount(db, engine, c, snapshot, e);
      return { event: { type: e.type, executorId: e.executorId, amount, note: e.note, ...by }, reasons: [] };
    }
    default:
      return { event: { ...e, ...by } as ComplaintEvent, reasons: [] };
  }
}
