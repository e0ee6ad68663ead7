/** Report periods: dates are whole days in the team's zone, `to` inclusive; date-times are exact, `to` exclusive. */
import { DateTime } from 'luxon';
import { AppError } from '../domain/errors.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface Period {
  from: DateTime;
  to: DateTime;
  zone: string;
  /** ISO UTC, for queries. */
  fromIso: string;
  toIso: string;
}

function bound(value: string, zone: string, end: boolean): DateTime {
  const t = DateTime.fromISO(value, { zone });
  return end && DATE_ONLY.test(value) ? t.startOf('day').plus({ days: 1 }) : t;
}

/** The period asked for; the current month in the team's zone when a bound is omitted. */
export function periodOf(q: { from?: string | undefined; to?: string | undefined }, zone: string, nowIso: string): Period {
  const month = DateTime.fromISO(nowIso, { zone: 'utc' }).setZone(zone).startOf('month');
  const from = q.from ? bound(q.from, zone, false) : month;
  const to = q.to ? bound(q.to, zone, true) : month.plus({ months: 1 });
  if (to <= from) throw new AppError('validation', '`to` must not be before `from`', { errors: [{ path: 'to', message: 'must not be before from' }] });
  return { from, to, zone, fromIso: from.toUTC().toISO() as string, toIso: to.toUTC().toISO() as string };
}

/**
 * The period as whole days of the team's zone plus the partial days at its edges: the read model
 * keeps days, and a date-time bound inside a day is answered from that day's slice of the ledger.
 */
export function splitDays(p: Period): { days: [string, string] | null; slices: Array<[string, string]> } {
  const local = (d: DateTime) => d.setZone(p.zone);
  const from = local(p.from);
  const to = local(p.to);
  const firstWhole = from.equals(from.startOf('day')) ? from : from.startOf('day').plus({ days: 1 });
  const wholeEnd = to.startOf('day');
  const iso = (d: DateTime) => d.toUTC().toISO() as string;
  if (firstWhole >= wholeEnd) return { days: null, slices: [[p.fromIso, p.toIso]] };
  const slices: Array<[string, string]> = [];
  if (from < firstWhole) slices.push([p.fromIso, iso(firstWhole)]);
  if (wholeEnd < to) slices.push([iso(wholeEnd), p.toIso]);
  return { days: [firstWhole.toISODate() as string, wholeEnd.minus({ days: 1 }).toISODate() as string], slices };
}
