import { catalog } from '../../workflows/scenarios/index.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/db.js';
import { nextDueOfCase } from '../store/timers.js';
import { getUser } from '../store/users.js';
import type { Money } from '../domain/money.js';

/** How much of the complaint an alert quotes. */
const FIRST_WORDS = 30;

/** Everything a Slack alert shows, frozen when the alert is enqueued: delivery needs no database. */
export interface AlertPayload {
  kind: string;
  reason: string;
  step?: string | undefined;
  caseId: string;
  ref: string;
  scenario: string;
  scenarioTitle: { ru: string; en: string };
  tone: string;
  customer: { name: string; tier: string; locale: string };
  owner: { id: string; name: string } | null;
  firstWords: string;
  /** What is due next, soonest first (ISO UTC; shown in the team's zone). */
  due: Array<{ step: string; dueAt: string }>;
  reasons?: string[] | undefined;
  offer?: unknown;
  /** An approval request: what a lead weighs beside the buttons, as it stood when the request was made. */
  approval?: ApprovalFacts | undefined;
}

/** The money beside an approval request's buttons. */
export interface ApprovalFacts {
  offerId: string;
  kind: string;
  amount: Money;
  percent: number | null;
  requestedBy: { id: string; name: string };
  caseBudget: Money;
  caseRemaining: Money;
  /** The team's month left (budget − spent − committed); null when no team budget is set. */
  teamRemaining: Money | null;
  month: string;
}

export function firstWords(text: string, n = FIRST_WORDS): string {
  const words = text.trim().split(/\s+/);
  return words.length <= n ? words.join(' ') : `${words.slice(0, n).join(' ')} …`;
}

/**
 * The payload of one alert of case `c`, read in the event's transaction after its deadlines were
 * re-planned, so "what is due when" is what the case now owes.
 */
export async function alertPayload(
  db: Db,
  c: CaseRecord,
  alert: { kind: string; reason: string; step?: string | undefined },
  extra: { reasons?: string[] | undefined; offer?: unknown; approval?: ApprovalFacts | undefined } = {},
): Promise<AlertPayload> {
  const owner = c.ownerId ? await getUser(db, c.ownerId) : undefined;
  const due = await nextDueOfCase(db, c.id, 2);
  const scenario = catalog.get(c.scenario);
  return {
    kind: alert.kind,
    reason: alert.reason,
    step: alert.step,
    caseId: c.id,
    ref: c.ref,
    scenario: c.scenario,
    scenarioTitle: scenario?.title ?? { ru: c.scenario, en: c.scenario },
    tone: c.tone,
    customer: { name: c.customer.name, tier: c.customer.tier, locale: c.customer.locale },
    owner: owner ? { id: owner.id, name: owner.name } : null,
    firstWords: firstWords(c.description),
    due,
    reasons: extra.reasons,
    offer: extra.offer,
    ...(extra.approval ? { approval: extra.approval } : {}),
  };
}
