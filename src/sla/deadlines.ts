import { DateTime, Duration } from 'luxon';
import type { Tier } from '../domain/customer.js';

/** Paid customers expect faster answers: their deadlines shrink by this factor. */
const TIER_PACE: Record<Tier, number> = { free: 1, trial: 1, paid: 0.75, vip: 0.5 };

/**
 * When a step falls due: `from` plus the ISO duration, in the team's time zone (so `P1D` keeps the wall
 * clock across a DST change), shortened for paid tiers. Returns ISO UTC.
 * @example dueAt('2026-11-25T10:00:00.000Z', 'PT2H', 'vip', 'Europe/Moscow') // '2026-11-25T11:00:00.000Z'
 */
export function dueAt(from: string, iso: string, tier: Tier, zone: string): string {
  const start = DateTime.fromISO(from, { zone: 'utc' }).setZone(zone);
  const duration = Duration.fromISO(iso);
  if (!start.isValid || !duration.isValid) throw new RangeError(`cannot compute a due time from ${from} + ${iso}`);
  const pace = TIER_PACE[tier];
  const due = pace === 1 ? start.plus(duration) : start.plus({ milliseconds: Math.round(duration.as('milliseconds') * pace) });
  return due.toUTC().toISO() as string;
}

export function addDurations(a: string, b: string): string {
  return Duration.fromISO(a).plus(Duration.fromISO(b)).toISO() as string;
}
