import type { AlertParams, ComplaintContext, LedgerParams, MessageParams, OfferInPlay } from '../../workflows/complaint.js';
import { alertPayload } from '../alerts/payload.js';
import { render } from '../responses/render.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { appendLedger, type LedgerEntry } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { add, formatMoney, subtract, zero, type Money } from '../domain/money.js';

export interface Effects {
  alerts: AlertParams[];
  messages: MessageParams[];
  ledger: LedgerParams[];
}

/** The offer in the customer's language; the handler writes every other message themself. */
function offerText(c: CaseRecord, offer: OfferInPlay): string {
  const value = offer.approved ?? offer.value;
  return render(c.customer.locale, 'offer.txt', {
    name: c.customer.name,
    kind: offer.kind,
    percent: offer.percent,
    amount: formatMoney(value, c.customer.locale),
  }).trim();
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
 * Turn effects into rows, in the event's transaction. Outbox ids are `${caseId}:${version}:${n}`:
 * stable across retries, so receivers can deduplicate an at-least-once delivery.
 */
export async function writeEffects(
  db: Db,
  c: CaseRecord,
  context: ComplaintContext,
  effects: Effects,
  actorId: string,
  reasons: string[],
  now: string,
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
    ...(await Promise.all(effects.alerts.map(async (a) => ({ topic: 'slack' as const, payload: { ...(await alertPayload(db, c, a, a.kind === 'approvalRequested' ? { reasons, offer: context.offer } : {})) } })))),
    ...effects.messages.map((m) => ({
      topic: 'customer' as const,
      payload: {
        ...base,
        ...m,
        text: m.text ?? (m.purpose === 'offer' && context.offer ? offerText(c, context.offer) : undefined),
        offer: m.purpose === 'offer' ? context.offer : undefined,
        contact: { email: c.customer.email, phone: c.customer.phone },
      },
    })),
  ];
  await enqueue(
    db,
    rows.map((r) => ({ id: `${c.id}:${c.version}:${n++}`, caseId: c.id, topic: r.topic, payload: r.payload })),
    now,
  );
}
