import { subtract } from '../domain/money.js';
import type { Actor } from '../domain/roles.js';
import { allowedEvents } from '../engine/allowed.js';
import { nowIso, scenarioOf, type Engine } from '../engine/engine.js';
import { restoreSnapshot } from '../engine/snapshots.js';
import { currentStepDue } from '../engine/timer-plan.js';
import type { Locale } from '../domain/customer.js';
import { fillDue } from '../sla/human-due.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { ledgerOfCase } from '../store/ledger.js';
import { timersOfCase } from '../store/timers.js';
import { userNames } from '../store/users.js';
import { messagesOfCase } from './messages.js';

const GENERIC_CHECKLIST = {
  triage: [{ id: 'take', do: { ru: 'Назначьте ответственного {due}', en: 'Assign an owner {due}' } }],
  personalCall: [{ id: 'call', do: { ru: 'Позвоните клиенту лично {due}', en: 'Call the customer personally {due}' } }],
  resolved: [{ id: 'watch', do: { ru: 'Ждём повторного заказа', en: 'Waiting for the customer to order again' } }],
} as const;

function ownerOf(c: CaseRecord, users: Names) {
  if (!c.ownerId) return null;
  return { id: c.ownerId, name: users.get(c.ownerId)?.name ?? c.ownerId };
}

type Localized = Record<Locale, string>;
/** People's names by id: all a view shows of them. */
type Names = ReadonlyMap<string, { name: string }>;
interface ChecklistItem {
  id: string;
  do: Localized;
  say?: Localized | undefined;
}

/** The checklist of the step, with `{due}` replaced by the step's due time in the team's zone, in both languages. */
function checklistWithDue(items: readonly ChecklistItem[], dueAt: string | null, now: string, zone: string): ChecklistItem[] {
  const fill = (t: Localized): Localized => ({ ru: fillDue(t.ru, dueAt, now, zone, 'ru'), en: fillDue(t.en, dueAt, now, zone, 'en') });
  return items.map((i) => ({ ...i, do: fill(i.do), ...(i.say ? { say: fill(i.say) } : {}) }));
}

/** The short form used in lists. */
export function caseSummary(c: CaseRecord, users: Names) {
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

/**
 * The names of the people a view mentions. The acting person's own name was read with their token in
 * this very request: only the others are looked up (a handler working their own case: nobody).
 */
async function namesOf(db: Db, ids: string[], actor: Actor): Promise<Names> {
  const others = actor.kind === 'user' ? ids.filter((id) => id !== actor.id) : ids;
  const names = others.length > 0 ? new Map(await userNames(db, others)) : new Map<string, { name: string }>();
  if (others.length < ids.length) names.set(actor.id, { name: actor.name });
  return names;
}

/** `GET /api/v1/cases/:id`: everything a handler needs to take the next step. */
export async function caseView(db: Db, engine: Engine, c: CaseRecord, actor: Actor) {
  const [allTimers, ledger] = await Promise.all([timersOfCase(db, c.id, ['pending', 'fired']), ledgerOfCase(db, c.id)]);
  const timers = allTimers.filter((t) => t.status === 'pending');
  const users = await namesOf(db, [c.ownerId, ...ledger.map((l) => l.actorId)].filter((x): x is string => x !== null), actor);
  const snapshot = restoreSnapshot(c.snapshot, c.machineVersion);
  const scenario = scenarioOf(engine, c.scenario);
  const step = c.state.split('.')[0] ?? c.state;
  const checklist = scenario.checklists[step as keyof typeof scenario.checklists] ?? GENERIC_CHECKLIST[step as keyof typeof GENERIC_CHECKLIST] ?? [];
  const offer = snapshot.context.offer;
  const stepDue = currentStepDue(c.state, allTimers);
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
    // Shaped like the OFFER payload in the case's currency, so a client can send one as it is.
    suggestedOffers: scenario.offers.map((o) =>
      o.kind === 'discount' ? { kind: o.kind, percent: o.percent, title: o.title } : { kind: o.kind, value: { minor: o.value[c.budget.currency], currency: c.budget.currency }, title: o.title },
    ),
    ledger: ledger.map((l) => ({
      version: l.version,
      entry: l.entry,
      offerId: l.offerId,
      kind: l.offerKind,
      value: l.value,
      // The customer's own answer (on the status page) is recorded under the customer's id.
      by: { id: l.actorId, name: users.get(l.actorId)?.name ?? (l.actorId === c.customer.id ? c.customer.name : l.actorId) },
      executorId: l.executorId,
      note: l.note,
      at: l.at,
    })),
    allowedEvents: allowedEvents(snapshot, actor, c.ownerId),
    checklist: { step, dueAt: stepDue, items: checklistWithDue(checklist, stepDue, nowIso(engine), engine.config.timeZone) },
    statusUrl: `${engine.config.publicUrl}/status/${c.statusToken}`,
    resolvedAt: c.resolvedAt,
    // What the customer was sent, with delivery status.
    messages: await messagesOfCase(db, c.id),
  };
}
