import { DateTime } from 'luxon';
import { AppError } from '../domain/errors.js';
import { isTimeZone } from '../domain/customer.js';
import type { Calendar } from '../sla/calendar.js';
import { openAt } from '../sla/coverage.js';
import type { Db } from '../store/db.js';
import { dutyRoster, updateWorkingHours, type Rostered, type WorkingHours } from '../store/duty.js';
import { teamCalendar } from './team-calendar.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Whether a person works at `now`. Their own hours, in their own zone (the team's when they set none),
 * win; a shift that ends before it starts runs past midnight into the next day. Without hours, a
 * person on a rota of the team calendar works while that rota is open (its holidays included). No
 * hours and no rota (or a rota the calendar does not have): always on duty.
 */
export function isOnDuty(person: Pick<Rostered, 'timeZone' | 'hours'> & { rota?: string | null }, now: Date, teamZone: string, calendar?: Calendar): boolean {
  if (!person.hours) {
    const rota = person.rota ? calendar?.rotas?.find((r) => r.name === person.rota) : undefined;
    return rota && calendar ? openAt(calendar, now.getTime()).includes(rota.name) : true;
  }
  const local = DateTime.fromJSDate(now, { zone: person.timeZone ?? teamZone });
  const hhmm = local.toFormat('HH:mm');
  const today = DAYS[local.weekday - 1] as Day;
  const yesterday = DAYS[(local.weekday + 5) % 7] as Day;
  const shift = person.hours[today];
  if (shift) {
    const [from, to] = shift;
    if (from < to ? hhmm >= from && hhmm < to : hhmm >= from) return true;
  }
  const overnight = person.hours[yesterday];
  return overnight !== undefined && overnight[1] <= overnight[0] && hhmm < overnight[1];
}

/** Who of the roster is on duty now; the team calendar is read only when someone works by a rota. */
export async function onDutyNow(db: Db, now: Date, teamZone: string): Promise<Rostered[]> {
  const roster = await dutyRoster(db);
  const calendar = roster.some((p) => !p.hours && p.rota) ? await teamCalendar(db, teamZone) : undefined;
  return roster.filter((p) => isOnDuty(p, now, teamZone, calendar));
}

/** Fewest open cases first; on a tie, whoever got a case longest ago (never = first). */
function byLoad(a: Rostered, b: Rostered): number {
  if (a.openCases !== b.openCases) return a.openCases - b.openCases;
  const la = a.lastAssignedAt ?? '';
  const lb = b.lastAssignedAt ?? '';
  if (la !== lb) return la < lb ? -1 : 1;
  return a.id < b.id ? -1 : 1;
}

export type Assignment = { ownerId: string; ownerName: string } | { ownerId: null; why: 'nobodyOnDuty' };

/**
 * Who owns a new case: round robin over the people on duty, fewest open cases first. Handlers take
 * ordinary cases; a conflict goes to a lead on duty first (a personal call needs someone senior), then
 * to a handler. Leads take ordinary cases only when no handler is on duty. Nobody on duty → triage.
 */
export async function chooseOwner(db: Db, tone: 'constructive' | 'conflict', now: Date, teamZone: string): Promise<Assignment> {
  const onDuty = await onDutyNow(db, now, teamZone);
  const handlers = onDuty.filter((p) => p.role === 'handler').sort(byLoad);
  const leads = onDuty.filter((p) => p.role === 'lead').sort(byLoad);
  const order = tone === 'conflict' ? [...leads, ...handlers] : [...handlers, ...leads];
  const pick = order[0];
  return pick ? { ownerId: pick.id, ownerName: pick.name } : { ownerId: null, why: 'nobodyOnDuty' };
}

/**
 * Parse "mon-fri 09:00-18:00, sat 10:00-14:00" into per-day hours.
 * @example parseHours('mon-fri 09:00-18:00') // { mon: ['09:00','18:00'], …, fri: [...] }
 */
export function parseHours(spec: string): WorkingHours {
  const hours: WorkingHours = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d\d:\d\d)-(\d\d:\d\d)$/i.exec(part);
    const bad = () => new AppError('validation', `cannot read working hours "${part}"`, { errors: [{ path: 'hours', message: 'expected e.g. "mon-fri 09:00-18:00, sat 10:00-14:00"' }] });
    if (!m) throw bad();
    const [, d1, d2, from, to] = m as unknown as [string, string, string | undefined, string, string];
    const i = DAYS.indexOf(d1.toLowerCase() as Day);
    const j = DAYS.indexOf((d2 ?? d1).toLowerCase() as Day);
    if (i < 0 || j < 0 || !TIME.test(from) || !TIME.test(to) || from === to) throw bad();
    for (let k = i; ; k = (k + 1) % 7) {
      hours[DAYS[k] as Day] = [from, to];
      if (k === j) break;
    }
  }
  if (Object.keys(hours).length === 0) throw new AppError('validation', 'no working hours given', { errors: [{ path: 'hours', message: 'expected e.g. "mon-fri 09:00-18:00"' }] });
  return hours;
}

/** Set a person's zone and hours; `hours` null clears them (always on duty). */
export async function setWorkingHours(db: Db, userId: string, timeZone: string | null, hours: string | null): Promise<WorkingHours | null> {
  if (timeZone !== null && !isTimeZone(timeZone)) {
    throw new AppError('validation', `unknown time zone ${timeZone}`, { errors: [{ path: 'zone', message: 'must be an IANA time zone such as Europe/Moscow' }] });
  }
  const parsed = hours === null ? null : parseHours(hours);
  if (!(await updateWorkingHours(db, userId, timeZone, parsed))) throw new AppError('notFound', `user ${userId} was not found`);
  return parsed;
}
