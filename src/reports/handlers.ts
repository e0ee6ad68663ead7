/**
 * The handler report: per owner (the case's owner now) of the cases opened in the period — how many,
 * how many resolved, the share that kept every deadline, the customers' ratings after resolution
 * (the latest: the follow-up's, or a re-rating), what was issued, and the thank-yous received.
 */
import { money, type Currency, type Money } from '../domain/money.js';
import type { Db } from '../store/db.js';
import type { CohortTotals } from '../store/report-queries-cohort.js';
import { getUsers } from '../store/users.js';
import { periodTotals } from './cohort-period.js';
import type { Period } from './period.js';
import { rate } from './stats.js';

export interface HandlerRow {
  ownerId: string;
  name: string;
  currency: string;
  casesHandled: number;
  resolved: number;
  deadlineHitRate: number | null;
  ratingsGood: number;
  ratingsNeutral: number;
  ratingsBad: number;
  /** Issued, less what was reverted. */
  compensationIssued: Money;
  thanks: number;
}

export async function handlerReport(db: Db, p: Period): Promise<HandlerRow[]> {
  // Unassigned cases have nobody to credit them to.
  const groups = (await periodTotals(db, p, 'owner')).filter((g): g is CohortTotals & { ownerId: string } => g.ownerId !== null);
  const users = await getUsers(db, [...new Set(groups.map((g) => g.ownerId))]);
  return groups
    .map((g) => ({
      ownerId: g.ownerId,
      name: users.get(g.ownerId)?.name ?? g.ownerId,
      currency: g.currency,
      casesHandled: g.cases,
      resolved: g.resolved,
      deadlineHitRate: rate(g.kept, g.cases),
      ratingsGood: g.good,
      ratingsNeutral: g.neutral,
      ratingsBad: g.bad,
      compensationIssued: money(g.issued - g.reverted, g.currency as Currency),
      thanks: g.thanks,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency));
}
