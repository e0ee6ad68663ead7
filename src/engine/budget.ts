import { DateTime } from 'luxon';
import type { Scenario } from '../../workflows/scenarios/index.js';
import type { Tier } from '../domain/customer.js';
import { exceeds, money, scale, subtract, type Currency, type Money } from '../domain/money.js';
import type { Actor } from '../domain/roles.js';
import type { Db, Dialect } from '../store/db.js';
import { committedTotal } from '../store/cases.js';
import { sumsBetween } from '../store/ledger.js';
import { getSetting, lockSetting, putSetting } from '../store/settings.js';

/** Paid and VIP customers get a larger compensation budget for the same problem. */
const TIER_BUDGET: Record<Tier, number> = { free: 1, trial: 1, paid: 1.5, vip: 2 };

export function caseBudget(scenario: Scenario, tier: Tier, currency: Currency): Money {
  return scale(money(scenario.budget[currency], currency), TIER_BUDGET[tier]);
}

export interface TeamBudget {
  month: string;
  budget: Money | null;
  issued: Money;
  reverted: Money;
  recovered: Money;
  /** issued − reverted: what the month's compensation cost before recovery. */
  spent: Money;
  /** spent − recovered. */
  net: Money;
  /** Approved offers not yet issued, in any month: already promised to customers. */
  committed: Money;
  /** budget − spent − committed. */
  remaining: Money | null;
}

const settingKey = (currency: Currency) => `team_budget:${currency}`;

/** Set the team's monthly budget. Call it through `setBudget` in admin.ts, which audits the change. */
export async function setTeamBudget(db: Db, budget: Money, now: string): Promise<void> {
  await putSetting(db, settingKey(budget.currency), { minor: budget.minor }, now);
}

/** The monthly budget as set, or null when none was. */
export async function budgetSetting(db: Db, currency: Currency): Promise<Money | null> {
  const setting = await getSetting<{ minor: number }>(db, settingKey(currency));
  return setting ? money(setting.minor, currency) : null;
}

/**
 * Make the team-budget checks of concurrent transactions run one after another: an offer or approval
 * reads what is left and commits against it before the next one reads. Call it first in the
 * transaction, before reading `teamBudget` (ISSUE too: it moves money from committed to issued, and
 * a check reading one before and the other after would see neither).
 */
export async function lockTeamBudget(db: Db, dialect: Dialect, currency: Currency): Promise<void> {
  await lockSetting(db, dialect, settingKey(currency));
}

/** The team's monthly budget and what was spent against it, months counted in the team's time zone. */
export async function teamBudget(db: Db, now: string, zone: string, currency: Currency): Promise<TeamBudget> {
  const m = monthOf(now, zone);
  const sums = await sumsBetween(db, currency, m.from, m.to);
  const issued = money(sums.issued ?? 0, currency);
  const reverted = money(sums.reverted ?? 0, currency);
  const recovered = money(sums.recovered ?? 0, currency);
  const spent = subtract(issued, reverted);
  const committed = money(await committedTotal(db, currency), currency);
  const budget = await budgetSetting(db, currency);
  return {
    month: m.month,
    budget,
    issued,
    reverted,
    recovered,
    spent,
    net: subtract(spent, recovered),
    committed,
    remaining: budget ? subtract(subtract(budget, spent), committed) : null,
  };
}

interface Month {
  zone: string;
  /** The month's bounds as UTC ISO instants, [from, to). */
  from: string;
  to: string;
  month: string;
  fromMs: number;
  toMs: number;
}

let lastMonth: Month | undefined;

/**
 * The team-time-zone month `now` falls in. Kept from the last call: nearly every call falls in the
 * same month, and luxon's zone arithmetic cost more than the budget's two queries.
 */
export function monthOf(now: string, zone: string): Month {
  // Date.parse reads a time without an offset as local time; luxon, as asked here, as UTC.
  const at = /(Z|[+-]\d\d:?\d\d)$/.test(now) ? Date.parse(now) : DateTime.fromISO(now, { zone: 'utc' }).toMillis();
  if (lastMonth && lastMonth.zone === zone && at >= lastMonth.fromMs && at < lastMonth.toMs) return lastMonth;
  const from = DateTime.fromMillis(at, { zone: 'utc' }).setZone(zone).startOf('month');
  const to = from.plus({ months: 1 });
  lastMonth = { zone, from: from.toUTC().toISO() as string, to: to.toUTC().toISO() as string, month: from.toFormat('yyyy-MM'), fromMs: from.toMillis(), toMs: to.toMillis() };
  return lastMonth;
}

/**
 * Why `value` is beyond what this person may grant alone, or null. A handler without a limit grants
 * nothing; a lead without one is bound by the budgets only. A limit in another currency cannot vouch.
 */
export function beyondOwnLimit(actor: Actor, value: Money): string | null {
  if (actor.kind !== 'user') return null;
  if (actor.limit === null) return actor.role === 'handler' ? 'no personal limit' : null;
  if (actor.limit.currency !== value.currency) return `personal limit is in ${actor.limit.currency}`;
  return exceeds(value, actor.limit) ? 'above the personal limit' : null;
}

/**
 * Why an offer needs a lead's approval; empty when it may go straight to the customer.
 * The person's own limit, the case budget and the team's monthly budget all have to hold.
 */
export function approvalReasons(value: Money, actor: Actor, caseRemaining: Money, teamRemaining: Money | null): string[] {
  const reasons: string[] = [];
  const own = beyondOwnLimit(actor, value);
  if (own) reasons.push(own);
  if (exceeds(value, caseRemaining)) reasons.push('above the case budget');
  if (teamRemaining !== null && exceeds(value, teamRemaining)) reasons.push('above the team’s monthly budget');
  return reasons;
}
