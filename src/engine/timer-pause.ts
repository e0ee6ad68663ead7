import { Duration } from 'luxon';
import type { Tier } from '../domain/customer.js';
import { addBusinessTime, businessMsBetween } from '../sla/business-time.js';
import type { Calendar } from '../sla/calendar.js';
import { TIER_PACE } from '../sla/deadlines.js';
import type { Db } from '../store/db.js';
import { pausedTimers, pauseTimers, resumeTimer } from '../store/timers.js';

/**
 * Stop and restart step clocks as the case moves, in the caller's transaction. A restarted timer gets
 * the time it had left when it stopped (working time for business deadlines), counted from now, and
 * is re-planned from now so a later calendar change keeps the pause.
 */
export async function applyPauses(db: Db, caseId: string, change: { pause: string[]; resume: string[] }, now: string, tier: Tier, calendar: Calendar | null): Promise<void> {
  await pauseTimers(db, caseId, change.pause, now);
  for (const t of await pausedTimers(db, caseId, change.resume)) {
    const business = t.business && calendar !== null;
    const left = business ? businessMsBetween(t.pausedAt, t.dueAt, calendar) : Math.max(0, Date.parse(t.dueAt) - Date.parse(t.pausedAt));
    const dueAt = business ? addBusinessTime(now, left, calendar) : new Date(Date.parse(now) + left).toISOString();
    // Durations are stored before the tier's pace, as planned: undo it so a re-plan applies it once.
    const duration = Duration.fromMillis(Math.round(left / TIER_PACE[tier])).toISO() as string;
    await resumeTimer(db, t.id, { dueAt, plannedFrom: now, duration });
  }
}
