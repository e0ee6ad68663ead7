/**
 * The scenario report: the cases opened in the period, per scenario and currency: how many, their
 * share of all cases, how fast they were answered and resolved, how many kept every deadline, what
 * they cost, how many came back. Cases no playbook matched are listed as candidates for a new one.
 */
import { money, type Currency, type Money } from '../domain/money.js';
import { GENERIC_SCENARIO } from '../intake/classify.js';
import type { Db } from '../store/db.js';
import { casesOpenedBetween, unmatchedCases, type CohortCase } from '../store/report-queries.js';
import type { Period } from './period.js';
import { percentile, rate } from './stats.js';

export interface ScenarioRow {
  scenario: string;
  currency: string;
  cases: number;
  /** cases / all cases of the period, four decimals. */
  share: number | null;
  firstResponseMedianMs: number | null;
  firstResponseP90Ms: number | null;
  resolutionMedianMs: number | null;
  resolutionP90Ms: number | null;
  /** Share of the cases with no missed deadline (so far). */
  deadlineHitRate: number | null;
  issued: Money;
  recovered: Money;
  /** issued − reverted − recovered. */
  net: Money;
  reopenRate: number | null;
  wonBackRate: number | null;
}

export interface ScenarioReport {
  totalCases: number;
  items: ScenarioRow[];
  unmatched: Array<{ caseId: string; openedAt: string; description: string }>;
}

const UNMATCHED_LISTED = 100;

function rowOf(scenario: string, currency: string, cases: CohortCase[], total: number): ScenarioRow {
  const firsts = cases.flatMap((c) => (c.firstResponseMs === null ? [] : [c.firstResponseMs]));
  const resolutions = cases.flatMap((c) => (c.resolved && c.resolutionMs !== null ? [c.resolutionMs] : []));
  const sum = (f: (c: CohortCase) => number) => cases.reduce((s, c) => s + f(c), 0);
  const m = (minor: number) => money(minor, currency as Currency);
  return {
    scenario,
    currency,
    cases: cases.length,
    share: rate(cases.length, total),
    firstResponseMedianMs: percentile(firsts, 0.5),
    firstResponseP90Ms: percentile(firsts, 0.9),
    resolutionMedianMs: percentile(resolutions, 0.5),
    resolutionP90Ms: percentile(resolutions, 0.9),
    deadlineHitRate: rate(cases.filter((c) => c.deadlinesMissed === 0).length, cases.length),
    issued: m(sum((c) => c.issued)),
    recovered: m(sum((c) => c.recovered)),
    net: m(sum((c) => c.issued - c.reverted - c.recovered)),
    reopenRate: rate(cases.filter((c) => c.reopened > 0).length, cases.length),
    wonBackRate: rate(cases.filter((c) => c.wonBack).length, cases.length),
  };
}

export async function scenarioReport(db: Db, p: Period): Promise<ScenarioReport> {
  const cohort = await casesOpenedBetween(db, p.fromIso, p.toIso);
  const groups = new Map<string, CohortCase[]>();
  for (const c of cohort) {
    const key = `${c.scenario}\u0000${c.currency}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const items = [...groups.entries()]
    .map(([key, cases]) => {
      const [scenario, currency] = key.split('\u0000') as [string, string];
      return rowOf(scenario, currency, cases, cohort.length);
    })
    .sort((a, b) => b.cases - a.cases || a.scenario.localeCompare(b.scenario) || a.currency.localeCompare(b.currency));
  const unmatched = await unmatchedCases(db, GENERIC_SCENARIO, p.fromIso, p.toIso, UNMATCHED_LISTED);
  return { totalCases: cohort.length, items, unmatched };
}
