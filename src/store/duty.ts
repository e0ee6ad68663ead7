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
  /** The team calendar's rota they work (used when they have no hours of their own); null = none. */
  rota: string | null;
  openCases: number;
  /** When this person last got a new case (ISO), or null if never. */
  lastAssignedAt: string | null;
}

/** Active handlers and leads with their open case counts and their most recent case. */
export async function dutyRoster(db: Db): Promise<Rostered[]> {
  const people = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'time_zone', 'working_hours', 'rota'])
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
    rota: p.rota ?? null,
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

/** Put a person on a rota of the team calendar, or take them off it (null). */
export async function updateRota(db: Db, userId: string, rota: string | null): Promise<boolean> {
  const r = await db.updateTable('users').set({ rota }).where('id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Everyone (active or not) on one of the named rotas, by name. */
export async function peopleOnRotas(db: Db, rotas: readonly string[]): Promise<Array<{ id: string; name: string; rota: string }>> {
  if (rotas.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'name', 'rota']).where('rota', 'in', [...rotas]).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, rota: r.rota as string }));
}
