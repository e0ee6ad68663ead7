import { Calendar, defaultCalendar } from '../sla/calendar.js';
import { businessDueAt } from '../sla/deadlines.js';
import type { Db } from '../store/db.js';
import { getSetting, putSetting } from '../store/settings.js';
import { pendingBusinessTimers, rescheduleTimer } from '../store/timers.js';

/** The settings key the calendar is stored under. */
export const CALENDAR_KEY = 'calendar';
const KEY = CALENDAR_KEY;

/**
 * The team's business calendar: the one an admin set, or the default in the team's zone. While the
 * stored calendar stays the same, the same (frozen) object comes back: deadline computations keep
 * their openings per calendar object (src/sla/coverage.ts), and parsing is not free either.
 */
export async function teamCalendar(db: Db, teamZone: string): Promise<Calendar> {
  const stored = await getSetting<unknown>(db, KEY);
  const key = `${teamZone}\n${stored === undefined ? '' : JSON.stringify(stored)}`;
  if (last?.key === key) return last.calendar;
  // A stored calendar was validated when it was set; parse again so an older shape cannot slip through.
  const parsed = stored === undefined ? null : Calendar.safeParse(stored);
  const calendar = deepFreeze(parsed?.success ? parsed.data : defaultCalendar(teamZone));
  last = { key, calendar };
  return calendar;
}

let last: { key: string; calendar: Calendar } | undefined;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The names of the stored calendar's rotas (the default calendar has none). */
export async function storedRotaNames(db: Db): Promise<string[]> {
  const stored = await getSetting<unknown>(db, KEY);
  const parsed = stored === undefined ? null : Calendar.safeParse(stored);
  return parsed?.success ? (parsed.data.rotas ?? []).map((r) => r.name) : [];
}

/** Whether an admin has set a calendar (otherwise the default applies). */
export async function hasOwnCalendar(db: Db): Promise<boolean> {
  return (await getSetting<unknown>(db, KEY)) !== undefined;
}

/**
 * Store a new calendar and compute again the due time of every pending business-time timer from what
 * it was planned from, in the caller's transaction. Returns how many timers moved.
 */
export async function storeCalendarAndReplan(db: Db, calendar: Calendar, now: string): Promise<number> {
  await putSetting(db, KEY, calendar, now);
  let moved = 0;
  for (const t of await pendingBusinessTimers(db)) {
    const due = businessDueAt(t.plannedFrom, t.duration, t.tier, calendar);
    if (due !== t.dueAt && (await rescheduleTimer(db, t.id, due))) moved++;
  }
  return moved;
}
