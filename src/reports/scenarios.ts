/**
 * The scenario report: the cases opened in the period, per scenario and currency: how many, their
 * share of all cases, how fast they were answered and resolved, how many kept every deadline, what
 * they cost, how many came back. Cases no playbook matched are listed as candidates for a new one.
 */
import { money, type Currency, type Money } from '../domain/money.js';
import { GENERIC_SCENARIO } from '../intake/classify.js';
import type { Db } from '../store/db.js';
import { unmatchedCases } from '../store/report-queries.js';
import { durationsOf, periodDurations, periodTotals } from './cohort-period.js';
import type { Period } from './period.js';
import { rate } from './stats.js';

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

export async function scenarioReport(db: Db, p: Period): Promise<ScenarioReport> {
  const groups = await periodTotals(db, p, 'scenario');
  const total = groups.reduce((n, g) => n + g.cases, 0);
  const durations = await periodDurations(db, p, groups);
  const items = groups
    .map((g): ScenarioRow => {
      const m = (minor: number) => money(minor, g.currency as Currency);
      return {
        scenario: g.scenario,
        currency: g.currency,
        cases: g.cases,
        share: rate(g.cases, total),
        ...durationsOf(durations, g),
        deadlineHitRate: rate(g.kept, g.cases),
        issued: m(g.issued),
        recovered: m(g.recovered),
        net: m(g.issued - g.reverted - g.recovered),
        reopenRate: rate(g.reopened, g.cases),
        wonBackRate: rate(g.wonBack, g.cases),
      };
    })
    .sort((a, b) => b.cases - a.cases || a.scenario.localeCompare(b.scenario) || a.currency.localeCompare(b.currency));
  const unmatched = await unmatchedCases(db, GENERIC_SCENARIO, p.fromIso, p.toIso, UNMATCHED_LISTED);
  return { totalCases: total, items, unmatched };
}
