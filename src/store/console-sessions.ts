import type { Db } from './db.js';
import type { UsersTable } from './tables.js';
import { toUser, type User } from './users.js';

/** A signed-in person as the console needs them: who, their zone and chosen language. */
export interface SessionUser extends User {
  timeZone: string | null;
  consoleLocale: string | null;
}

export interface SessionRow {
  idHash: string;
  csrfToken: string;
  expiresAt: string;
  user: SessionUser;
}

function toSessionUser(row: UsersTable): SessionUser {
  return { ...toUser(row), timeZone: row.time_zone ?? null, consoleLocale: row.console_locale ?? null };
}

export async function insertSession(db: Db, s: { idHash: string; userId: string; csrfToken: string; createdAt: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('console_sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

/** A live session of an active person, or undefined: an expired session or a deactivated person signs nobody in. */
export async function findLiveSession(db: Db, idHash: string, now: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('console_sessions')
    .innerJoin('users', 'users.id', 'console_sessions.user_id')
    .selectAll('users')
    .select(['console_sessions.id_hash', 'console_sessions.csrf_token', 'console_sessions.expires_at'])
    .where('console_sessions.id_hash', '=', idHash)
    .where('console_sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { id_hash, csrf_token, expires_at, ...user } = row;
  return { idHash: id_hash, csrfToken: csrf_token, expiresAt: expires_at, user: toSessionUser(user as UsersTable) };
}

export async function extendSession(db: Db, idHash: string, expiresAt: string): Promise<void> {
  await db.updateTable('console_sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
}

/** End every console session of a person (a password reset, a deactivation). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('console_sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Sessions past their expiry are dropped when someone signs in, so the table does not grow forever. */
export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('console_sessions').where('expires_at', '<=', now).execute();
}

/** What sign-in checks: the person with this e-mail (any case) and their stored password hash. */
export async function signInCandidate(db: Db, email: string): Promise<{ user: SessionUser; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row ? { user: toSessionUser(row), passwordHash: row.password_hash } : undefined;
}

export async function setConsoleLocale(db: Db, userId: string, locale: string): Promise<void> {
  await db.updateTable('users').set({ console_locale: locale }).where('id', '=', userId).execute();
}
