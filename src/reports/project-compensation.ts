/** What ledger rows add to the per-day compensation read model: pure, keyed by day, currency, scenario, kind. */
import { DateTime } from 'luxon';

export interface CompensationLedger {
  entry: string;
  offerKind: string | null;
  minor: number | null;
  currency: string | null;
  at: string;
}

export interface DaySums {
  day: string;
  currency: string;
  scenario: string;
  kind: string;
  offers: number;
  approvalRequests: number;
  issuedN: number;
  issued: number;
  reverted: number;
  recovered: number;
}

/** Kind of an entry that names none (e.g. a recovery recorded without the offer at hand). */
export const UNKNOWN_KIND = 'unknown';

const COUNTED = new Set(['offered', 'approvalRequested', 'issued', 'reverted', 'recovered']);

/** The day an instant falls on in the team's zone: months and date ranges of the reports are counted in it. */
export function dayIn(zone: string, iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISODate() as string;
}

export const dayKey = (d: Pick<DaySums, 'day' | 'currency' | 'scenario' | 'kind'>) => `${d.day}\u0000${d.currency}\u0000${d.scenario}\u0000${d.kind}`;

/** Add the ledger rows of one event to `into` (keyed by dayKey). */
export function addLedger(into: Map<string, DaySums>, scenario: string, caseCurrency: string, rows: CompensationLedger[], zone: string): void {
  for (const l of rows) {
    if (!COUNTED.has(l.entry)) continue;
    const key = { day: dayIn(zone, l.at), currency: l.currency ?? caseCurrency, scenario, kind: l.offerKind ?? UNKNOWN_KIND };
    const k = dayKey(key);
    const s = into.get(k) ?? { ...key, offers: 0, approvalRequests: 0, issuedN: 0, issued: 0, reverted: 0, recovered: 0 };
    const minor = l.minor ?? 0;
    if (l.entry === 'offered') s.offers++;
    if (l.entry === 'approvalRequested') s.approvalRequests++;
    if (l.entry === 'issued') {
      s.issuedN++;
      s.issued += minor;
    }
    if (l.entry === 'reverted') s.reverted += minor;
    if (l.entry === 'recovered') s.recovered += minor;
    into.set(k, s);
  }
}
