import { DateTime, Duration } from 'luxon';
import './zone-offsets.js'; // offsets of IANA zones remembered per minute: luxon recomputes them with Intl
import type { Tier } from '../domain/customer.js';
import { addBusinessTime } from './business-time.js';
import type { Calendar } from './calendar.js';
import { workingDayMs } from './working-day.js';

/** Paid customers expect faster answers: their deadlines shrink by this factor. */
export const TIER_PACE: Record<Tier, number> = { free: 1, trial: 1, paid: 0.75, vip: 0.5 };

/**
 * When a step falls due: `from` plus the ISO duration, in the team's time zone (so `P1D` keeps the wall
 * clock across a DST change), shortened for paid tiers. Returns ISO UTC.
 * @example dueAt('2026-11-25T10:00:00.000Z', 'PT2H', 'vip', 'Europe/Moscow') // '2026-11-25T11:00:00.000Z'
 */
export function dueAt(from: string, iso: string, tier: Tier, zone: string): string {
  const duration = durationOf(iso);
  const pace = TIER_PACE[tier];
  // Hours and minutes are exact lengths of time: plain arithmetic, no calendar needed.
  if (duration.calendar === null || pace !== 1) {
    const start = Date.parse(from);
    if (Number.isNaN(start)) throw new RangeError(`cannot compute a due time from ${from} + ${iso}`);
    return new Date(start + Math.round(duration.ms * pace)).toISOString();
  }
  const start = DateTime.fromISO(from, { zone: 'utc' }).setZone(zone);
  if (!start.isValid) throw new RangeError(`cannot compute a due time from ${from} + ${iso}`);
  return start.plus(duration.calendar).toUTC().toISO() as string;
}

/**
 * When a step falls due counting only the calendar's working time: hours are working hours, a day is
 * one working day, a week five. Months and years are not business spans: they stay on the wall clock.
 * @example businessDueAt('2026-11-27T14:30:00Z', 'PT4H', 'free', moscow) // Fri 17:30 MSK → Mon 12:30 MSK
 */
export function businessDueAt(from: string, iso: string, tier: Tier, cal: Calendar): string {
  return addBusinessTime(from, businessMs(iso, cal) * TIER_PACE[tier], cal);
}

/** The working time a duration stands for under a calendar; wall-clock milliseconds for months and years. */
export function businessMs(iso: string, cal: Calendar): number {
  const d = businessParts(iso);
  return d.wall ?? d.workingDays * workingDayMs(cal) + d.ms;
}

const businessDurations = new Map<string, { workingDays: number; ms: number; wall: number | null }>();

/** Parsed once per text (playbooks name a handful): working days, exact time, or wall time for months and years. */
function businessParts(iso: string): { workingDays: number; ms: number; wall: number | null } {
  let p = businessDurations.get(iso);
  if (!p) {
    const d = Duration.fromISO(iso);
    if (!d.isValid) throw new RangeError(`not an ISO 8601 duration: ${iso}`);
    const wall = d.years || d.quarters || d.months ? d.as('milliseconds') : null;
    const ms = Duration.fromObject({ hours: d.hours, minutes: d.minutes, seconds: d.seconds, milliseconds: d.milliseconds }).as('milliseconds');
    p = { workingDays: d.weeks * 5 + d.days, ms, wall };
    if (businessDurations.size < 1000) businessDurations.set(iso, p);
  }
  return p;
}

const durations = new Map<string, { ms: number; calendar: Duration | null }>();

/** Parsed once per text; `calendar` is set when days, weeks, months or years need the time zone. */
function durationOf(iso: string): { ms: number; calendar: Duration | null } {
  let d = durations.get(iso);
  if (!d) {
    const parsed = Duration.fromISO(iso);
    if (!parsed.isValid) throw new RangeError(`not an ISO 8601 duration: ${iso}`);
    const calendarUnits = parsed.years || parsed.quarters || parsed.months || parsed.weeks || parsed.days;
    d = { ms: parsed.as('milliseconds'), calendar: calendarUnits ? parsed : null };
    durations.set(iso, d);
  }
  return d;
}

/** The wall-clock length of a duration (a day as 24 hours). */
export const durationMs = (iso: string): number => durationOf(iso).ms;

export function addDurations(a: string, b: string): string {
  return Duration.fromISO(a).plus(Duration.fromISO(b)).toISO() as string;
}
