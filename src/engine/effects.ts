import type { AlertParams, ComplaintContext, LedgerParams, MessageParams } from '../../workflows/complaint.js';
import { alertPayload, type ApprovalFacts } from '../alerts/payload.js';
import { teamBudget } from './budget.js';
import { getUser } from '../store/users.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { appendLedger, type LedgerEntry } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { add, subtract, zero, type Money } from '../domain/money.js';
import type { CustomerMessage } from './customer-messages.js';

export interface Effects {
  alerts: AlertParams[];
  messages: MessageParams[];
  ledger: LedgerParams[];
}

/** Sort the named effect actions of a transition by kind; assign and other built-ins are already applied. */
export function collectEffects(actions: ReadonlyArray<{ type: string; params?: unknown }>): Effects {
  const effects: Effects = { alerts: [], messages: [], ledger: [] };
  for (const a of actions) {
    if (a.type === 'alert') effects.alerts.push(a.params as AlertParams);
    else if (a.type === 'message') effects.messages.push(a.params as MessageParams);
    else if (a.type === 'ledger') effects.ledger.push(a.params as LedgerParams);
  }
  return effects;
}

/** What the ledger entries of one event change in what the case has spent. */
export function spentDelta(entries: LedgerParams[], currency: Money['currency']): Money {
  let delta = zero(currency);
  for (const e of entries) {
    if (!e.value) continue;
    if (e.entry === 'issued') delta = add(delta, e.value);
    if (e.entry === 'reverted') delta = subtract(delta, e.value);
  }
  return delta;
}

/**
 * Turn effects into rows, in the event's transaction; `messages` are the effects' customer messages
 * already rendered. Outbox ids are `${caseId}:${version}:${n}`:
 * stable across retries, so receivers can deduplicate an at-least-once delivery.
 */
export async function writeEffects(
  db: Db,
  c: CaseRecord,
  context: ComplaintContext,
  effects: Effects,
  messages: CustomerMessage[],
  actorId: string,
  reasons: string[],
  now: string,
  zone: string,
): Promise<void> {
  let n = 0;
  const ledger: LedgerEntry[] = effects.ledger.map((e) => ({
    caseId: c.id,
    version: c.version,
    n: n++,
    offerId: e.offerId,
    entry: e.entry,
    offerKind: context.offer && context.offer.id === e.offerId ? context.offer.kind : null,
    value: e.value,
    actorId,
    executorId: e.executorId ?? null,
    note: e.note ?? (e.entry === 'approvalRequested' && reasons.length > 0 ? reasons.join('; ') : null),
    at: now,
  }));
  await appendLedger(db, ledger);
  const base = { caseId: c.id, ref: c.ref, scenario: c.scenario, customer: { name: c.customer.name, tier: c.customer.tier, locale: c.customer.locale } };
  const rows = [
    ...(await Promise.all(
      effects.alerts.map(async (a) => ({
        topic: 'slack' as const,
        payload: { ...(await alertPayload(db, c, a, await approvalExtra(db, c, context, a, reasons, now, zone))) },
      })),
    )),
    // Customer messages arrive rendered and linted (customer-messages.ts); the gateway gets every part.
    ...messages.map((m) => ({
      topic: 'customer' as const,
      payload: {
        ...base,
        purpose: m.purpose,
        template: m.template,
        channel: m.channel,
        locale: m.locale,
        subject: m.subject,
        body: m.body,
        html: m.html,
        segments: m.segments,
        offer: m.purpose === 'offer' || m.purpose === 'approval' ? context.offer : undefined,
        to: { email: c.customer.email ?? null, phone: c.customer.phone ?? null },
      },
    })),
  ];
  await enqueue(
    db,
    rows.map((r) => ({ id: `${c.id}:${c.version}:${n++}`, caseId: c.id, topic: r.topic, payload: r.payload })),
    now,
  );
}

/** An approval request, or its missed deadline, carries what a lead needs to decide from the alert. */
async function approvalExtra(db: Db, c: CaseRecord, context: ComplaintContext, a: AlertParams, reasons: string[], now: string, zone: string) {
  if (a.kind === 'approvalRequested') return { reasons, offer: context.offer, approval: await approvalFacts(db, c, context, now, zone) };
  if (a.kind === 'deadlineMissed' && a.step === 'approval' && context.offer?.status === 'awaitingApproval') return { approval: await approvalFacts(db, c, context, now, zone) };
  return {};
}

/** What a lead weighs beside the Slack buttons of an approval request: amount, case budget, the team's month. */
async function approvalFacts(db: Db, c: CaseRecord, context: ComplaintContext, now: string, zone: string): Promise<ApprovalFacts | undefined> {
  const offer = context.offer;
  if (!offer) return undefined;
  const [team, by] = await Promise.all([teamBudget(db, now, zone, c.budget.currency), getUser(db, offer.requestedBy)]);
  return {
    offerId: offer.id,
    kind: offer.kind,
    amount: offer.value,
    percent: offer.percent,
    requestedBy: { id: offer.requestedBy, name: by?.name ?? offer.requestedBy },
    caseBudget: c.budget,
    caseRemaining: subtract(c.budget, c.spent),
    teamRemaining: team.remaining,
    month: team.month,
  };
}
