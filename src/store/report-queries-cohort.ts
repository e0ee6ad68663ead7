/** Aggregates over a period's cohort (cases opened in [from, to)), computed in SQL through the covering index. */
import { sql } from 'kysely';
import type { CohortCounts } from '../reports/project-cohort.js';
import type { Db } from './db.js';
import { toNumber } from './db.js';

export interface CohortTotals extends CohortCounts {
  scenario: string;
  currency: string;
  ownerId: string | null;
}

type CountColumns = Record<'cases' | 'responded' | 'resolved' | 'kept' | 'reopened' | 'won_back' | 'good' | 'neutral' | 'bad' | 'thanks' | 'issued' | 'reverted' | 'recovered', unknown>;

/** A grouped row's counts as numbers (Postgres returns sums as strings; an empty sum is null). */
function countsOf(r: CountColumns): CohortCounts {
  const n = (v: unknown) => toNumber(v ?? 0);
  return {
    cases: n(r.cases),
    responded: n(r.responded),
    resolved: n(r.resolved),
    kept: n(r.kept),
    reopened: n(r.reopened),
    wonBack: n(r.won_back),
    good: n(r.good),
    neutral: n(r.neutral),
    bad: n(r.bad),
    thanks: n(r.thanks),
    issued: n(r.issued),
    reverted: n(r.reverted),
    recovered: n(r.recovered),
  };
}

/** Counts and sums per scenario and currency, or per owner and currency, of the cases opened in [from, to): for the partial days at a period's edges. */
export async function cohortTotals(db: Db, from: string, to: string, by: 'scenario' | 'owner'): Promise<CohortTotals[]> {
  const key = by === 'scenario' ? 'scenario' : 'owner_id';
  const rows = await db
    .selectFrom('report_cases')
    .select((eb) => [
      by === 'scenario' ? 'scenario' : sql<string>`''`.as('scenario'),
      by === 'owner' ? 'owner_id' : sql<string | null>`null`.as('owner_id'),
      'currency',
      eb.fn.countAll<number>().as('cases'),
      sql<number>`sum(case when first_response_ms is not null then 1 else 0 end)`.as('responded'),
      sql<number>`sum(case when resolution_ms is not null then 1 else 0 end)`.as('resolved'),
      sql<number>`sum(case when deadlines_missed = 0 then 1 else 0 end)`.as('kept'),
      sql<number>`sum(case when reopened > 0 then 1 else 0 end)`.as('reopened'),
      sql<number>`sum(case when won_back_at is not null then 1 else 0 end)`.as('won_back'),
      sql<number>`sum(case when rating = 'good' then 1 else 0 end)`.as('good'),
      sql<number>`sum(case when rating = 'neutral' then 1 else 0 end)`.as('neutral'),
      sql<number>`sum(case when rating = 'bad' then 1 else 0 end)`.as('bad'),
      eb.fn.sum<number>('thanks').as('thanks'),
      eb.fn.sum<number>('issued').as('issued'),
      eb.fn.sum<number>('reverted').as('reverted'),
      eb.fn.sum<number>('recovered').as('recovered'),
    ])
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .groupBy([key, 'currency'])
    .execute();
  return rows.map((r) => ({ scenario: r.scenario, ownerId: r.owner_id, currency: r.currency, ...countsOf(r) }));
}

/** The first-response and resolution times of the cohort, for percentiles: only cases that have one. */
export async function cohortDurations(db: Db, from: string, to: string): Promise<Array<{ scenario: string; currency: string; first: number | null; resolution: number | null }>> {
  const rows = await db
    .selectFrom('report_cases')
    .select(['scenario', 'currency', 'first_response_ms', 'resolution_ms'])
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .where((eb) => eb.or([eb('first_response_ms', 'is not', null), eb('resolution_ms', 'is not', null)]))
    .execute();
  return rows.map((r) => ({
    scenario: r.scenario,
    currency: r.currency,
    first: r.first_response_ms === null ? null : toNumber(r.first_response_ms),
    resolution: r.resolution_ms === null ? null : toNumber(r.resolution_ms),
  }));
}

/** The same sums from the per-day read model, for the whole days [fromDay, toDay] (team zone, inclusive). */
export async function cohortDayTotals(db: Db, fromDay: string, toDay: string, by: 'scenario' | 'owner'): Promise<CohortTotals[]> {
  const key = by === 'scenario' ? 'scenario' : 'owner_id';
  const rows = await db
    .selectFrom('report_cohort_day')
    .select((eb) => [
      by === 'scenario' ? 'scenario' : sql<string>`''`.as('scenario'),
      by === 'owner' ? 'owner_id' : sql<string>`''`.as('owner_id'),
      'currency',
      eb.fn.sum<number>('cases').as('cases'),
      eb.fn.sum<number>('responded').as('responded'),
      eb.fn.sum<number>('resolved').as('resolved'),
      eb.fn.sum<number>('kept').as('kept'),
      eb.fn.sum<number>('reopened').as('reopened'),
      eb.fn.sum<number>('won_back').as('won_back'),
      eb.fn.sum<number>('good').as('good'),
      eb.fn.sum<number>('neutral').as('neutral'),
      eb.fn.sum<number>('bad').as('bad'),
      eb.fn.sum<number>('thanks').as('thanks'),
      eb.fn.sum<number>('issued').as('issued'),
      eb.fn.sum<number>('reverted').as('reverted'),
      eb.fn.sum<number>('recovered').as('recovered'),
    ])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy([key, 'currency'])
    .having((eb) => eb.fn.sum('cases'), '>', 0)
    .execute();
  return rows.map((r) => ({ scenario: r.scenario, ownerId: by === 'owner' && r.owner_id !== '' ? r.owner_id : null, currency: r.currency, ...countsOf(r) }));
}

