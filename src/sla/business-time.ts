import { DateTime } from 'luxon';
import { windowOf, type Calendar } from './calendar.js';

/** Far enough for any playbook; a calendar with no working day in it is a configuration error. */
const MAX_DAYS = 3 * 366;

/**
 * The instant `ms` of working time after `fromIso`, counting only the calendar's opening hours.
 * A start outside hours waits for the next opening; a target that ends exactly at closing stays there.
 * @example addBusinessTime('2026-11-27T14:30:00Z', 4 * 3_600_000, moscow) // Fri 17:30 MSK → '2026-11-30T09:30:00.000Z' (Mon 12:30)
 */
export function addBusinessTime(fromIso: string, ms: number, cal: Calendar): string {
  const start = DateTime.fromISO(fromIso, { zone: 'utc' }).setZone(cal.timeZone);
  if (!start.isValid) throw new RangeError(`cannot compute a due time from ${fromIso}`);
  let left = Math.max(0, Math.round(ms));
  let cursor: DateTime = start;
  let day = start.startOf('day');
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    const w = windowOf(cal, day);
    if (!w || w.close <= cursor) continue;
    const from = cursor > w.open ? cursor : w.open;
    const available = w.close.toMillis() - from.toMillis();
    if (left <= available) return from.plus({ milliseconds: left }).toUTC().toISO() as string;
    left -= available;
    cursor = w.close;
  }
  throw new RangeError(`the calendar has no working time within ${MAX_DAYS} days of ${fromIso}`);
}

/** Working time between two instants (zero when `toIso` is not after `fromIso`). */
export function businessMsBetween(fromIso: string, toIso: string, cal: Calendar): number {
  const start = DateTime.fromISO(fromIso, { zone: 'utc' }).setZone(cal.timeZone);
  const end = DateTime.fromISO(toIso, { zone: 'utc' }).setZone(cal.timeZone);
  let total = 0;
  for (let day = start.startOf('day'); day < end; day = day.plus({ days: 1 }).startOf('day')) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const a = w.open > start ? w.open : start;
    const b = w.close < end ? w.close : end;
    if (b > a) total += b.toMillis() - a.toMillis();
  }
  return total;
}
