import type { Actor } from '../domain/roles.js';
import { add, zero, type Currency, type Money } from '../domain/money.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { appendJournal } from '../store/journal.js';
import { replaceTimers } from '../store/timers.js';
import { composeCustomerMessages, journalForm } from './customer-messages.js';
import { enqueue } from '../store/outbox.js';
import { caseEventMessage } from '../alerts/case-events.js';
import { spentDelta, writeEffects, type Effects } from './effects.js';
import { persist, statePath, statusOf, type ComplaintSnapshot } from './snapshots.js';
import { timerChanges, usesCalendar } from './timer-plan.js';
import { teamCalendar } from './team-calendar.js';
import { applyPauses } from './timer-pause.js';
import { scenarioOf, type Engine } from './engine.js';
import { MACHINE_VERSION, type OfferInPlay } from '../../workflows/complaint.js';

function committedOf(offer: OfferInPlay | null, currency: Currency): Money {
  const pending = offer && offer.approved && (offer.status === 'offered' || offer.status === 'accepted');
  return pending && offer.approved ? offer.approved : zero(currency);
}

/** The new row of a case after a transition: the snapshot plus the columns projected from it. */
export function project(c: CaseRecord, snapshot: ComplaintSnapshot, effects: Effects, now: string): CaseRecord {
  const path = statePath(snapshot);
  const status = statusOf(path);
  const ctx = snapshot.context;
  return {
    ...c,
    version: c.version + 1,
    machineVersion: MACHINE_VERSION,
    snapshot: persist(snapshot),
    state: path,
    status,
    outcome: ctx.outcome,
    ownerId: ctx.ownerId,
    spent: add(c.spent, spentDelta(effects.ledger, c.spent.currency)),
    committed: committedOf(ctx.offer, c.budget.currency),
    escalated: ctx.escalated,
    breaching: status === 'open' && ctx.breaches.length > 0,
    updatedAt: now,
    resolvedAt: status === 'open' ? null : (c.resolvedAt ?? now),
  };
}

/**
 * Everything an accepted event writes besides the case row, in the same transaction: the journal
 * entry, ledger and outbox rows from the effect actions, and the re-planned deadlines.
 */
export async function recordTransition(
  db: Db,
  engine: Engine,
  next: CaseRecord,
  fromPath: string | null,
  snapshot: ComplaintSnapshot,
  effects: Effects,
  event: { type: string } & Record<string, unknown>,
  actor: Actor,
  reasons: string[],
  now: string,
  via?: string,
): Promise<void> {
  const { type, actorId: _actorId, ...payload } = event;
  if (via) payload.via = via;
  // Rendered and linted before anything is written: a refused message refuses the whole event.
  const messages = composeCustomerMessages(engine, next, snapshot.context, effects.messages, event, actor, now);
  if (messages.length > 0) payload.sent = messages.map(journalForm);
  const entry = {
    caseId: next.id,
    version: next.version,
    type,
    actorId: actor.id,
    actorRole: actor.role,
    payload: reasons.length > 0 ? { ...payload, approvalReasons: reasons } : payload,
    fromState: fromPath,
    toState: next.state,
    at: now,
  };
  // Deadlines first: alerts quote what the case owes now.
  const scenario = scenarioOf(engine, next.scenario);
  // The calendar is read only for playbooks that count business time: the others never pay for it.
  const calendar = usesCalendar(scenario) ? await teamCalendar(db, engine.config.timeZone) : null;
  const { drop, add: added, pause, resume } = timerChanges(fromPath, next.state, scenario, now, next.customer.tier, engine.config.timeZone, calendar);
  await replaceTimers(db, next.id, next.version, drop, added);
  await applyPauses(db, next.id, { pause, resume }, now, next.customer.tier, calendar);
  await writeEffects(db, next, snapshot.context, effects, messages, actor.id, reasons, now, engine.config.timeZone);
  if (engine.config.eventsWebhookUrl) await enqueue(db, [caseEventMessage(next, entry)], now);
  // Last: taking the journal position locks journal_head until commit (on Postgres), so hold it briefly.
  await appendJournal(db, entry);
}
