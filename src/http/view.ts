import { subtract } from '../domain/money.js';
import type { Actor } from '../domain/roles.js';
import { allowedEvents } from '../engine/allowed.js';
import { scenarioOf, type Engine } from '../engine/engine.js';
import { restoreSnapshot } from '../engine/snapshots.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { ledgerOfCase } from '../store/ledger.js';
import { timersOfCase } from '../store/timers.js';
import { getUsers, type User } from '../store/users.js';
import { messagesOfCase } from './messages.js';

const GENERIC_CHECKLIST = {
  triage: [{ id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } }],
  personalCall: [{ id: 'call', do: { ru: 'Позвоните клиенту лично', en: 'Call the customer personally' } }],
  resolved: [{ id: 'watch', do: { ru: 'Ждём повторного заказа', en: 'Waiting for the customer to order again' } }],
} as const;

function ownerOf(c: CaseRecord, users: Map<string, User>) {
  if (!c.ownerId) return null;
  return { id: c.ownerId, name: users.get(c.ownerId)?.name ?? c.ownerId };
}

/** The short form used in lists. */
export function caseSummary(c: CaseRecord, users: Map<string, User>) {
  return {
    id: c.id,
    ref: c.ref,
    version: c.version,
    state: c.state,
    status: c.status,
    outcome: c.outcome,
    scenario: c.scenario,
    tone: c.tone,
    severity: c.severity,
    channel: c.channel,
    customer: { id: c.customer.id, name: c.customer.name, tier: c.customer.tier, locale: c.customer.locale },
    orderId: c.orderId,
    owner: ownerOf(c, users),
    budget: c.budget,
    spent: c.spent,
    remaining: subtract(c.budget, c.spent),
    committed: c.committed,
    escalated: c.escalated,
    breaching: c.breaching,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** `GET /api/v1/cases/:id`: everything a handler needs to take the next step. */
export async function caseView(db: Db, engine: Engine, c: CaseRecord, actor: Actor) {
  const [allTimers, ledger] = await Promise.all([timersOfCase(db, c.id, ['pending', 'fired']), ledgerOfCase(db, c.id)]);
  const timers = allTimers.filter((t) => t.status === 'pending');
  const users = await getUsers(db, [c.ownerId, ...ledger.map((l) => l.actorId)].filter((x): x is string => x !== null));
  const snapshot = restoreSnapshot(c.snapshot, c.machineVersion);
  const scenario = scenarioOf(engine, c.scenario);
  const step = c.state.split('.')[0] ?? c.state;
  const checklist = scenario.checklists[step as keyof typeof scenario.checklists] ?? GENERIC_CHECKLIST[step as keyof typeof GENERIC_CHECKLIST] ?? [];
  const offer = snapshot.context.offer;
  const recovered = ledger.filter((l) => l.entry === 'recovered' && l.value).reduce((sum, l) => sum + (l.value?.minor ?? 0), 0);
  return {
    ...caseSummary(c, users),
    description: c.description,
    customer: c.customer,
    executorId: c.executorId,
    scenario: { id: scenario.id, title: scenario.title },
    deadlines: timers.filter((t) => t.step !== 'winBack').map((t) => ({ step: t.step, dueAt: t.dueAt })),
    missedDeadlines: allTimers.filter((t) => t.status === 'fired' && t.event.type === 'DEADLINE_MISSED').map((t) => ({ step: t.step, dueAt: t.dueAt, firedAt: t.firedAt })),
    winBackUntil: timers.find((t) => t.step === 'winBack')?.dueAt ?? null,
    breaches: snapshot.context.breaches,
    recovered: { minor: recovered, currency: c.budget.currency },
    offer: offer && {
      ...offer,
      requestedBy: { id: offer.requestedBy, name: users.get(offer.requestedBy)?.name ?? offer.requestedBy },
    },
    pendingApproval: c.state === 'compensate.awaitingApproval' ? offer?.id ?? null : null,
    suggestedOffers: scenario.offers,
    ledger: ledger.map((l) => ({
      version: l.version,
      entry: l.entry,
      offerId: l.offerId,
      kind: l.offerKind,
      value: l.value,
      by: { id: l.actorId, name: users.get(l.actorId)?.name ?? l.actorId },
      executorId: l.executorId,
      note: l.note,
      at: l.at,
    })),
    allowedEvents: allowedEvents(snapshot, actor, c.ownerId),
    checklist: { step, items: checklist },
    statusUrl: `${engine.config.publicUrl}/status/${c.statusToken}`,
    resolvedAt: c.resolvedAt,
    // What the customer was sent, with delivery status.
    messages: await messagesOfCase(db, c.id),
  };
}
