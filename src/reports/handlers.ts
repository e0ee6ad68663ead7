/**
 * The handler report: per owner (the case's owner now) of the cases opened in the period — how many,
 * how many resolved, the share that kept every deadline, the customers' ratings after resolution
 * (the latest: the follow-up's, or a re-rating), what was issued, and the thank-yous received.
 */
import { money, type Currency, type Money } from '../domain/money.js';
import type { Db } from '../store/db.js';
import { casesOpenedBetween, type CohortCase } from '../store/report-queries.js';
import { getUsers } from '../store/users.js';
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
  const cohort = (await casesOpenedBetween(db, p.fromIso, p.toIso)).filter((c): c is CohortCase & { ownerId: string } => c.ownerId !== null);
  const groups = new Map<string, Array<CohortCase & { ownerId: string }>>();
  for (const c of cohort) {
    const key = `${c.ownerId}\u0000${c.currency}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const users = await getUsers(db, [...new Set(cohort.map((c) => c.ownerId))]);
  return [...groups.values()]
    .map((cases) => {
      const first = cases[0] as CohortCase & { ownerId: string };
      const count = (f: (c: CohortCase) => boolean) => cases.filter(f).length;
      return {
        ownerId: first.ownerId,
        name: users.get(first.ownerId)?.name ?? first.ownerId,
        currency: first.currency,
        casesHandled: cases.length,
        resolved: count((c) => c.resolved),
        deadlineHitRate: rate(count((c) => c.deadlinesMissed === 0), cases.length),
        ratingsGood: count((c) => c.rating === 'good'),
        ratingsNeutral: count((c) => c.rating === 'neutral'),
        ratingsBad: count((c) => c.rating === 'bad'),
        compensationIssued: money(cases.reduce((s, c) => s + c.issued - c.reverted, 0), first.currency as Currency),
        thanks: cases.reduce((s, c) => s + c.thanks, 0),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency));
}
