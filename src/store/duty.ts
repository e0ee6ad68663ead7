import type { Db } from './db.js';
import { fromJson, toNumber } from './db.js';
import type { Role } from '../domain/roles.js';

/** Opening and closing time ("HH:mm") per weekday key (mon … sun); a missing day is a day off. */
export type WorkingHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string]>>;

/** One person who can own cases, with what assignment weighs. */
export interface Rostered {
  id: string;
  name: string;
  role: Role;
  timeZone: string | null;
  /** Null: no hours set, always on duty. */
  hours: WorkingHours | null;
  openCases: number;
  /** When this person last got a new case (ISO), or null if never. */
  lastAssignedAt: string | null;
}

/** Active handlers and leads with their open case counts and their most recent case. */
export async function dutyRoster(db: Db): Promise<Rostered[]> {
  const people = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'time_zone', 'working_hours'])
    .where('active', '=', 1)
    .where('role', 'in', ['handler', 'lead'])
    .orderBy('id')
    .execute();
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const load = await db
    .selectFrom('cases')
    .select((eb) => ['owner_id', eb.fn.countAll().as('open')])
    .where('owner_id', 'in', ids)
    .where('status', '=', 'open')
    .groupBy('owner_id')
    .execute();
  const last = await db
    .selectFrom('cases')
    .select((eb) => ['owner_id', eb.fn.max('created_at').as('last')])
    .where('owner_id', 'in', ids)
    .groupBy('owner_id')
    .execute();
  const openBy = new Map(load.map((r) => [r.owner_id, toNumber(r.open)]));
  const lastBy = new Map(last.map((r) => [r.owner_id, r.last as string | null]));
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role as Role,
    timeZone: p.time_zone ?? null,
    hours: p.working_hours ? fromJson<WorkingHours>(p.working_hours) : null,
    openCases: openBy.get(p.id) ?? 0,
    lastAssignedAt: lastBy.get(p.id) ?? null,
  }));
}

/** Set (or clear, with nulls) where and when a person works. */
export async function updateWorkingHours(db: Db, userId: string, timeZone: string | null, hours: WorkingHours | null): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ time_zone: timeZone, working_hours: hours ? JSON.stringify(hours) : null })
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
