import { z } from 'zod';
import { DateTime, Info } from 'luxon';
import { RU_HOLIDAYS, RU_WORKING_WEEKENDS } from './holidays-ru.js';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:mm');
const Day = z.iso.date();

/** Opening hours of one day, local wall time; `null` closes the day. */
const Window = z.object({ from: Clock, to: Clock }).strict().refine((w) => w.from < w.to, { message: 'from must be before to', path: ['to'] });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The team's business calendar. `holidays` close a working day; `workingDays` open a weekend day
 * (a transferred working day) with the hours of `transferHours`.
 */
export const Calendar = z
  .object({
    timeZone: z.string().min(1).max(64).refine((z) => Info.isValidIANAZone(z), { message: 'must be an IANA time zone such as Europe/Moscow' }),
    hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, Window.nullable()])) as Record<Weekday, z.ZodNullable<typeof Window>>).strict(),
    holidays: z.array(Day).max(1000),
    workingDays: z.array(Day).max(200),
    transferHours: Window,
  })
  .strict()
  .refine((c) => WEEKDAYS.some((d) => c.hours[d] !== null) || c.workingDays.length > 0, { message: 'at least one day must have working hours', path: ['hours'] });
export type Calendar = z.output<typeof Calendar>;

const NINE_TO_SIX = { from: '09:00', to: '18:00' };

/** Monday to Friday 09:00–18:00 in the team's zone, Russian public holidays and transfers. */
export function defaultCalendar(timeZone: string): Calendar {
  return {
    timeZone,
    hours: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: null, sun: null },
    holidays: [...RU_HOLIDAYS],
    workingDays: [...RU_WORKING_WEEKENDS],
    transferHours: NINE_TO_SIX,
  };
}

/** The opening window of a local date, as instants, or null when the day is closed. */
export function windowOf(cal: Calendar, day: DateTime): { open: DateTime; close: DateTime } | null {
  const date = day.toISODate() as string;
  let w: { from: string; to: string } | null;
  if (cal.workingDays.includes(date)) w = cal.transferHours;
  else if (cal.holidays.includes(date)) w = null;
  else w = cal.hours[WEEKDAYS[day.weekday - 1] as Weekday];
  if (!w) return null;
  // Set wall-clock times on the local date: luxon shifts a time that a DST jump skips.
  return { open: at(day, w.from), close: at(day, w.to) };
}

function at(day: DateTime, clock: string): DateTime {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  if (h === 24) return day.startOf('day').plus({ days: 1 });
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

/** How long a working day is: the longest weekday window, so `P1D` of business time is one working day. */
export function workingDayMs(cal: Calendar): number {
  const ref = DateTime.fromISO('2026-01-05', { zone: 'utc' }); // a Monday; lengths only, no DST
  let longest = 0;
  for (const [i, d] of WEEKDAYS.entries()) {
    const w = cal.hours[d];
    if (w) longest = Math.max(longest, at(ref.plus({ days: i }), w.to).diff(at(ref.plus({ days: i }), w.from)).as('milliseconds'));
  }
  return longest || at(ref, cal.transferHours.to).diff(at(ref, cal.transferHours.from)).as('milliseconds');
}
