import { z } from 'zod';
import type { DateTime } from 'luxon';
import { isTimeZone } from '../domain/customer.js';
import { RU_HOLIDAYS, RU_WORKING_WEEKENDS } from './holidays-ru.js';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:mm');
const Day = z.iso.date();
const Zone = z.string().min(1).max(64).refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Moscow' });

/** Opening hours of one day, local wall time; `null` closes the day. */
const Window = z.object({ from: Clock, to: Clock }).strict().refine((w) => w.from < w.to, { message: 'from must be before to', path: ['to'] });
export type Window = z.output<typeof Window>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const WeekHours = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, Window.nullable()])) as Record<Weekday, z.ZodNullable<typeof Window>>).strict();
export type WeekHours = z.output<typeof WeekHours>;

/** The main calendar's name where coverage names who is open; no rota may take it. */
export const TEAM = 'team';
/** More would be a configuration mistake, and each rota costs every deadline computation a little. */
export const MAX_ROTAS = 24;

export const RotaName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a short slug: lowercase Latin letters, digits and dashes, e.g. novosibirsk')
  .refine((n) => n !== TEAM, { message: `"${TEAM}" is the main calendar's name` });

/**
 * An on-duty rota: part of the team working its own hours in its own zone. Without `holidays` or
 * `workingDays` it has none; a transferred working day opens with `transferHours`, or with its first
 * weekday's hours (Monday first) when those are not given.
 */
export const Rota = z
  .object({
    name: RotaName,
    timeZone: Zone,
    hours: WeekHours,
    holidays: z.array(Day).max(1000).optional(),
    workingDays: z.array(Day).max(200).optional(),
    transferHours: Window.optional(),
  })
  .strict()
  .refine((r) => WEEKDAYS.some((d) => r.hours[d] !== null), { message: 'at least one day must have working hours', path: ['hours'] });
export type Rota = z.output<typeof Rota>;

/**
 * The team's business calendar. `holidays` close a working day; `workingDays` open a weekend day
 * (a transferred working day) with the hours of `transferHours`. `rotas`: the team is covered whenever
 * this calendar or any rota is open, and business time counts that union.
 */
export const Calendar = z
  .object({
    timeZone: Zone,
    hours: WeekHours,
    holidays: z.array(Day).max(1000),
    workingDays: z.array(Day).max(200),
    transferHours: Window,
    rotas: z.array(Rota).max(MAX_ROTAS).optional(),
  })
  .strict()
  .refine((c) => WEEKDAYS.some((d) => c.hours[d] !== null) || c.workingDays.length > 0, { message: 'at least one day must have working hours', path: ['hours'] })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [i, r] of (c.rotas ?? []).entries()) {
      if (seen.has(r.name)) ctx.addIssue({ code: 'custom', message: `another rota is already named ${r.name}`, path: ['rotas', i, 'name'] });
      seen.add(r.name);
    }
  });
export type Calendar = z.output<typeof Calendar>;

/** One set of opening hours in one zone: the main calendar or a rota, with every default filled in. */
export interface Schedule {
  name: string;
  timeZone: string;
  hours: WeekHours;
  holidays: readonly string[];
  workingDays: readonly string[];
  transferHours: Window | null;
}

/** The main calendar (named `team`) and each rota, as schedules. */
export function schedulesOf(cal: Calendar): Schedule[] {
  const main: Schedule = { name: TEAM, timeZone: cal.timeZone, hours: cal.hours, holidays: cal.holidays, workingDays: cal.workingDays, transferHours: cal.transferHours };
  return [main, ...(cal.rotas ?? []).map(scheduleOfRota)];
}

export function scheduleOfRota(r: Rota): Schedule {
  const first = WEEKDAYS.map((d) => r.hours[d]).find((w) => w !== null) ?? null;
  return { name: r.name, timeZone: r.timeZone, hours: r.hours, holidays: r.holidays ?? [], workingDays: r.workingDays ?? [], transferHours: r.transferHours ?? first };
}

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

/** The hours a schedule keeps on a local date ("yyyy-MM-dd", weekday 1 = Monday … 7 = Sunday), or null when it is closed. */
export function hoursOn(s: Schedule, date: string, weekday: number): Window | null {
  if (s.workingDays.includes(date)) return s.transferHours;
  if (s.holidays.includes(date)) return null;
  return s.hours[WEEKDAYS[weekday - 1] as Weekday];
}

/** The opening window of a local date (a DateTime at that day's start in the schedule's zone), as instants, or null when the day is closed. */
export function windowOf(s: Schedule, day: DateTime): { open: DateTime; close: DateTime } | null {
  const w = hoursOn(s, day.toISODate() as string, day.weekday);
  if (!w) return null;
  // Set wall-clock times on the local date: luxon shifts a time that a DST jump skips.
  return { open: at(day, w.from), close: at(day, w.to) };
}

/** A wall-clock time ("HH:mm", "24:00" = the next midnight) on a local date. */
export function at(day: DateTime, clock: string): DateTime {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  if (h === 24) return day.startOf('day').plus({ days: 1 });
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}
