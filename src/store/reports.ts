import type { Db } from './db.js';

/**
 * Count and sum of the ledger entries the compensation report reads, per scenario, currency and entry
 * kind, over [from, to). Only those entries: this also lets SQLite read the period through the
 * (entry, at) index instead of scanning the whole ledger history.
 */
export async function ledgerTotalsByScenario(db: Db, from: string, to: string) {
  return db
    .selectFrom('ledger')
    .innerJoin('cases', 'cases.id', 'ledger.case_id')
    .select((eb) => [
      'cases.scenario as scenario',
      'cases.currency as currency',
      'ledger.entry as entry',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('ledger.minor').as('total'),
    ])
    .where('ledger.entry', 'in', ['offered', 'approvalRequested', 'issued', 'reverted', 'recovered'])
    .where('ledger.at', '>=', from)
    .where('ledger.at', '<', to)
    .groupBy(['cases.scenario', 'cases.currency', 'ledger.entry'])
    .execute();
}
