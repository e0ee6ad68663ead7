import { DateTime, Duration } from 'luxon';
import { zoneNamed } from './zone-offsets.js'; // also remembers offsets of IANA zones per minute: luxon recomputes them with Intl
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
  const fast = duration.days === null ? null : plusDays(from, duration.days, duration.rest, zone);
  if (fast !== null) return fast;
  const start = DateTime.fromISO(from, { zone: 'utc' }).setZone(zone);
  if (!start.isValid) throw new RangeError(`cannot compute a due time from ${from} + ${iso}`);
  return start.plus(duration.calendar).toUTC().toISO() as string;
}

/** 1980 (zone offsets are whole minutes since) to the last year both ISO forms write with four digits. */
const FAST_FROM = Date.UTC(1980, 0, 1);
const FAST_UNTIL = Date.UTC(9000, 0, 1);
/**
 * Luxon's `plus` for whole days and weeks, without building DateTimes (they were most of a case
 * opening's deadline planning): the same local-date arithmetic and the same `fixOffset` step for a
 * local time the offset change skipped or repeated, then the exact time added on the UTC line.
 * Null for anything outside its range (luxon answers those); a unit test compares both across DST changes.
 */
function plusDays(from: string, days: number, rest: number, zoneName: string): string | null {
  const zone = zoneNamed(zoneName);
  const start = Date.parse(from);
  if (zone === null || !(start >= FAST_FROM && start < FAST_UNTIL) || new Date(start).toISOString() !== from) return null;
  const o = zone.offset(start);
  const local = start + o * 60_000 + days * 86_400_000;
  // luxon's fixOffset: guess with the old offset, correct once, and in a gap keep the earlier offset's instant.
  let ts = local - o * 60_000;
  const o2 = zone.offset(ts);
  if (o2 !== o) {
    ts -= (o2 - o) * 60_000;
    const o3 = zone.offset(ts);
    if (o3 !== o2) ts = local - Math.min(o2, o3) * 60_000;
  }
  ts += rest;
  return ts >= FAST_FROM && ts < FAST_UNTIL ? new Date(ts).toISOString() : null;
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

interface ParsedDuration {
  ms: number;
  calendar: Duration | null;
  /** Whole days (weeks as seven) when those are the only calendar units, else null; `rest` is the exact time after them. */
  days: number | null;
  rest: number;
}

const durations = new Map<string, ParsedDuration>();

/** Parsed once per text; `calendar` is set when days, weeks, months or years need the time zone. */
function durationOf(iso: string): ParsedDuration {
  let d = durations.get(iso);
  if (!d) {
    const parsed = Duration.fromISO(iso);
    if (!parsed.isValid) throw new RangeError(`not an ISO 8601 duration: ${iso}`);
    const calendarUnits = parsed.years || parsed.quarters || parsed.months || parsed.weeks || parsed.days;
    const wholeDays = !parsed.years && !parsed.quarters && !parsed.months && Number.isInteger(parsed.weeks) && Number.isInteger(parsed.days);
    // The exact part as luxon's plus computes it (its adjustTime), so the sum is the same number.
    const { hours, minutes, seconds, milliseconds } = parsed;
    const rest = Duration.fromObject({ years: 0, quarters: 0, months: 0, weeks: 0, days: 0, hours, minutes, seconds, milliseconds }).as('milliseconds');
    d = { ms: parsed.as('milliseconds'), calendar: calendarUnits ? parsed : null, days: wholeDays ? parsed.days + parsed.weeks * 7 : null, rest };
    durations.set(iso, d);
  }
  return d;
}

/** The wall-clock length of a duration (a day as 24 hours). */
export const durationMs = (iso: string): number => durationOf(iso).ms;

export function addDurations(a: string, b: string): string {
  return Duration.fromISO(a).plus(Duration.fromISO(b)).toISO() as string;
}
