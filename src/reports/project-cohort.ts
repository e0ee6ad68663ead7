/**
 * What a case's report row adds to the per-day cohort sums (report_cohort_day): pure. The projector
 * adds the difference between a case's row before and after a batch, so a case that changes owner,
 * gets resolved or rated moves between sums without any sum being recounted.
 */
import type { ReportCase } from './project-case.js';
import { dayIn } from './project-compensation.js';

/** Counts and sums of a group of cases; the report queries return the same shape. */
export interface CohortCounts {
  cases: number;
  /** Cases with a first response (the population of its median). */
  responded: number;
  resolved: number;
  /** Cases that missed no deadline. */
  kept: number;
  reopened: number;
  wonBack: number;
  good: number;
  neutral: number;
  bad: number;
  thanks: number;
  issued: number;
  reverted: number;
  recovered: number;
}

export interface CohortDay extends CohortCounts {
  day: string;
  scenario: string;
  /** '' for cases nobody owns. */
  ownerId: string;
  currency: string;
}

export const COUNTS: ReadonlyArray<keyof CohortCounts> = ['cases', 'responded', 'resolved', 'kept', 'reopened', 'wonBack', 'good', 'neutral', 'bad', 'thanks', 'issued', 'reverted', 'recovered'];

export const emptyCounts = (): CohortCounts => ({ cases: 0, responded: 0, resolved: 0, kept: 0, reopened: 0, wonBack: 0, good: 0, neutral: 0, bad: 0, thanks: 0, issued: 0, reverted: 0, recovered: 0 });

/** One case's share of its day's sums. */
export function countsOf(c: ReportCase): CohortCounts {
  const one = (b: boolean) => (b ? 1 : 0);
  return {
    cases: 1,
    responded: one(c.firstResponseMs !== null),
    resolved: one(c.resolutionMs !== null),
    kept: one(c.deadlinesMissed === 0),
    reopened: one(c.reopened > 0),
    wonBack: one(c.wonBackAt !== null),
    good: one(c.rating === 'good'),
    neutral: one(c.rating === 'neutral'),
    bad: one(c.rating === 'bad'),
    thanks: c.thanks,
    issued: c.issued,
    reverted: c.reverted,
    recovered: c.recovered,
  };
}

/** `into` += `add` × sign, field by field. */
export function addCounts(into: CohortCounts, add: CohortCounts, sign = 1): void {
  for (const k of COUNTS) into[k] += sign * add[k];
}

const keyOf = (d: Pick<CohortDay, 'day' | 'scenario' | 'ownerId' | 'currency'>) => `${d.day}\u0000${d.scenario}\u0000${d.ownerId}\u0000${d.currency}`;

function addCase(into: Map<string, CohortDay>, c: ReportCase, zone: string, sign: number): void {
  const key = { day: dayIn(zone, c.openedAt), scenario: c.scenario, ownerId: c.ownerId ?? '', currency: c.currency };
  const k = keyOf(key);
  const sums = into.get(k) ?? { ...key, ...emptyCounts() };
  addCounts(sums, countsOf(c), sign);
  into.set(k, sums);
}

/** Add to `into` what changing a case's row from `before` (none: a new case) to `after` changes in the sums. */
export function addCohortChange(into: Map<string, CohortDay>, before: ReportCase | undefined, after: ReportCase, zone: string): void {
  if (before) addCase(into, before, zone, -1);
  addCase(into, after, zone, 1);
}

/** Only the sums that changed: a case that moved within one group leaves nothing to write. */
export function nonZero(days: Iterable<CohortDay>): CohortDay[] {
  return [...days].filter((d) => COUNTS.some((k) => d[k] !== 0));
}
