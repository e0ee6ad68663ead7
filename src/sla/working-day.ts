import { DateTime } from 'luxon';
import { at, WEEKDAYS, type Calendar } from './calendar.js';
import { coverage } from './coverage.js';

const lengths = new WeakMap<Calendar, number>();

/**
 * How long a working day is, so that `P1D` of business time is one working day: the longest weekday
 * window of a calendar without rotas; with rotas, the longest time a weekday (in the main zone) is
 * covered by any of them, overlaps once. Holidays and transfers do not count.
 * @example workingDayMs(moscow9to18 + novosibirsk9to18) // 13 h: 05:00–18:00 Moscow time
 */
export function workingDayMs(cal: Calendar): number {
  let ms = lengths.get(cal);
  if (ms === undefined) {
    ms = cal.rotas?.length ? coveredDayMs(cal) : longestWindowMs(cal);
    lengths.set(cal, ms);
  }
  return ms;
}

function longestWindowMs(cal: Calendar): number {
  const ref = DateTime.fromISO('2026-01-05', { zone: 'utc' }); // a Monday; lengths only, no DST
  let longest = 0;
  for (const [i, d] of WEEKDAYS.entries()) {
    const w = cal.hours[d];
    if (w) longest = Math.max(longest, at(ref.plus({ days: i }), w.to).diff(at(ref.plus({ days: i }), w.from)).as('milliseconds'));
  }
  return longest || at(ref, cal.transferHours.to).diff(at(ref, cal.transferHours.from)).as('milliseconds');
}

function coveredDayMs(cal: Calendar): number {
  // Weekly hours only, in a January week: no DST change anywhere, no holidays.
  const plain: Calendar = { ...cal, holidays: [], workingDays: [], rotas: (cal.rotas ?? []).map((r) => ({ ...r, holidays: [], workingDays: [] })) };
  const monday = DateTime.fromISO('2026-01-05', { zone: cal.timeZone });
  let longest = 0;
  for (let i = 0; i < 7; i++) {
    const from = monday.plus({ days: i }).toMillis();
    const to = monday.plus({ days: i + 1 }).toMillis();
    longest = Math.max(longest, coverage(plain, from, to).reduce((sum, c) => sum + c.end - c.start, 0));
  }
  return longest || longestWindowMs(cal);
}
