/** The reports' reads: only the read models (plus partial days of the ledger at the edges of a period). */
import type { DaySums } from '../reports/project-compensation.js';
import type { Db } from './db.js';
import { toNumber } from './db.js';

const n = (v: unknown) => (v === null || v === undefined ? null : toNumber(v));

/** Cases of the generic playbook opened in [from, to), newest first: candidates for a new playbook. */
export async function unmatchedCases(db: Db, scenario: string, from: string, to: string, limit: number) {
  const rows = await db
    .selectFrom('report_cases')
    .select(['case_id', 'opened_at', 'description'])
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .where('scenario', '=', scenario)
    .orderBy('opened_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, openedAt: r.opened_at, description: r.description ?? '' }));
}

/** Per-day compensation sums for whole days in [fromDay, toDay] (team zone, inclusive). */
export async function compensationDays(db: Db, fromDay: string, toDay: string): Promise<DaySums[]> {
  const rows = await db.selectFrom('report_compensation_day').selectAll().where('day', '>=', fromDay).where('day', '<=', toDay).execute();
  return rows.map((r) => ({
    day: r.day,
    currency: r.currency,
    scenario: r.scenario,
    kind: r.kind,
    offers: toNumber(r.offers),
    approvalRequests: toNumber(r.approval_requests),
    issuedN: toNumber(r.issued_n),
    issued: toNumber(r.issued),
    reverted: toNumber(r.reverted),
    recovered: toNumber(r.recovered),
  }));
}

/**
 * The ledger of a part of one day, for a period that starts or ends inside a day: the read model
 * holds whole days only. The slice is at most a day, read through the (entry, at) index.
 */
export async function ledgerSlice(db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('ledger')
    .innerJoin('cases', 'cases.id', 'ledger.case_id')
    .select(['cases.scenario as scenario', 'cases.currency as caseCurrency', 'ledger.entry as entry', 'ledger.offer_kind as offerKind', 'ledger.minor as minor', 'ledger.currency as currency', 'ledger.at as at'])
    .where('ledger.entry', 'in', ['offered', 'approvalRequested', 'issued', 'reverted', 'recovered'])
    .where('ledger.at', '>=', from)
    .where('ledger.at', '<', to)
    .execute();
  return rows.map((r) => ({ ...r, minor: n(r.minor) }));
}

/** Compensated cases won back in [from, to), per currency. */
export async function compensatedWonBack(db: Db, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('report_cases')
    .select(['currency', (eb) => eb.fn.countAll<number>().as('n')])
    .where('won_back_at', '>=', from)
    .where('won_back_at', '<', to)
    .where('issued', '>', 0)
    .groupBy('currency')
    .execute();
  return new Map(rows.map((r) => [r.currency, toNumber(r.n)]));
}
