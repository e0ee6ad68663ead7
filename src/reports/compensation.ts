import { majorUnits, money, type Currency, type Money } from '../domain/money.js';
import type { Db } from '../store/db.js';
import { compensationDays, ledgerSlice } from '../store/report-queries.js';
import { splitDays, type Period } from './period.js';
import { addLedger, type DaySums } from './project-compensation.js';

export interface CompensationRow {
  scenario: string;
  currency: string;
  offers: number;
  approvalRequests: number;
  issuedCount: number;
  issued: number;
  reverted: number;
  recovered: number;
  /** issued − reverted − recovered, in minor units. */
  net: number;
}

/** The period's compensation sums per day, currency, scenario and kind: whole days from the read model, edges from the ledger. */
export async function compensationSums(db: Db, p: Period): Promise<DaySums[]> {
  const { days, slices } = splitDays(p);
  const sums = days ? await compensationDays(db, days[0], days[1]) : [];
  for (const [from, to] of slices) {
    const map = new Map<string, DaySums>();
    for (const r of await ledgerSlice(db, from, to)) addLedger(map, r.scenario, r.caseCurrency, [r], p.zone);
    sums.push(...map.values());
  }
  return sums;
}

/** Compensation per scenario and currency over the period, net of reverts and of what executors paid back. */
export function compensationByScenario(sums: DaySums[]): CompensationRow[] {
  const byKey = new Map<string, CompensationRow>();
  for (const r of sums) {
    const key = `${r.scenario}\u0000${r.currency}`;
    const row = byKey.get(key) ?? { scenario: r.scenario, currency: r.currency, offers: 0, approvalRequests: 0, issuedCount: 0, issued: 0, reverted: 0, recovered: 0, net: 0 };
    row.offers += r.offers;
    row.approvalRequests += r.approvalRequests;
    row.issuedCount += r.issuedN;
    row.issued += r.issued;
    row.reverted += r.reverted;
    row.recovered += r.recovered;
    byKey.set(key, row);
  }
  return [...byKey.values()]
    .map((r) => ({ ...r, net: r.issued - r.reverted - r.recovered }))
    .sort((a, b) => a.scenario.localeCompare(b.scenario) || a.currency.localeCompare(b.currency));
}

const AMOUNTS = ['issued', 'reverted', 'recovered', 'net'] as const;

/** A report row as the JSON API shows it: amounts as `{minor, currency}` like everywhere else. */
export type CompensationItem = Omit<CompensationRow, (typeof AMOUNTS)[number]> & Record<(typeof AMOUNTS)[number], Money>;

export function compensationItem(r: CompensationRow): CompensationItem {
  const currency = r.currency as Currency;
  return { ...r, issued: money(r.issued, currency), reverted: money(r.reverted, currency), recovered: money(r.recovered, currency), net: money(r.net, currency) };
}

/** A report row for CSV: amounts in major units of the row's currency ("3000.00"), the currency in its own column. */
export function compensationCsvRow(r: CompensationRow): Record<string, unknown> {
  const currency = r.currency as Currency;
  const row: Record<string, unknown> = { ...r };
  for (const k of AMOUNTS) row[k] = majorUnits(money(r[k], currency));
  return row;
}

/** The columns of the compensation report, in CSV order; an empty period still gets its header row. */
export const COMPENSATION_COLUMNS: ReadonlyArray<keyof CompensationRow> = [
  'scenario',
  'currency',
  'offers',
  'approvalRequests',
  'issuedCount',
  'issued',
  'reverted',
  'recovered',
  'net',
];

/**
 * RFC 4180 CSV; cells that start with = + - @ are prefixed so spreadsheets do not run them.
 * Give `columns` so that a report with no rows still has its header row.
 */
export function toCsv(rows: Array<Record<string, unknown>>, columns?: ReadonlyArray<string>): string {
  const headers = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  if (headers.length === 0) return '';
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    // A plain negative number ("-12.50") is data, not a formula.
    if (/^[=+\-@]/.test(s) && typeof v === 'string' && !/^-\d+(\.\d+)?$/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n';
}
