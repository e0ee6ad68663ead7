import { majorUnits, type Money } from '../domain/money.js';

const isMoney = (v: unknown): v is Money => typeof v === 'object' && v !== null && 'minor' in v && 'currency' in v;

/** A report row for CSV: money in major units of its currency ("3000.00"); the row carries its currency column. */
export function csvRow(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, isMoney(v) ? majorUnits(v) : v]));
}
