import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { newId } from '../domain/ids.js';
import { normaliseEmail } from '../domain/person.js';
import type { Db } from './db.js';
import { perLength, prepared } from './prepared.js';
import type { UsersTable } from './tables.js';
import type { Role } from '../domain/roles.js';
import type { Currency, Money } from '../domain/money.js';

export interface User {
  id: string;
  name: string;
  role: Role;
  limit: Money | null;
  email: string | null;
  active: boolean;
  createdAt: string;
  /** Set by an admin: who this person is in Slack. */
  slackUserId: string | null;
  /** The team calendar's on-duty rota the person works, by name; null = none. */
  rota: string | null;
}

/** A person's limit from its two columns: none unless both are set. */
function limitOf(row: Pick<UsersTable, 'limit_minor' | 'limit_currency'>): Money | null {
  return row.limit_minor === null || row.limit_currency === null ? null : { minor: Number(row.limit_minor), currency: row.limit_currency as Currency };
}

export function toUser(row: UsersTable): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    limit: limitOf(row),
    email: row.email,
    active: row.active === 1,
    createdAt: row.created_at,
    slackUserId: row.slack_user_id ?? null,
    rota: row.rota ?? null,
  };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

export interface NewUser {
  name: string;
  role: Role;
  limit: Money | null;
  email?: string | undefined;
  password?: string | undefined;
}

export async function insertUser(db: Db, u: NewUser, now: string): Promise<User> {
  const row: UsersTable = {
    id: newId('usr'),
    name: u.name,
    role: u.role,
    limit_minor: u.limit?.minor ?? null,
    limit_currency: u.limit?.currency ?? null,
    email: u.email ?? null,
    password_hash: u.password ? hashPassword(u.password) : null,
    active: 1,
    created_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** Issue a bearer token; only its hash is stored, so the plain token is returned once, here. */
export async function issueToken(db: Db, userId: string, now: string): Promise<string> {
  const token = `amd_${randomBytes(24).toString('base64url')}`;
  await db.insertInto('tokens').values({ token_hash: hashToken(token), user_id: userId, created_at: now, revoked_at: null }).execute();
  return token;
}

/**
 * Who acts with a live token: what an actor needs, nothing more. Every API request asks, so one
 * prepared statement (no Kysely build per request); nothing is remembered between requests, so a
 * revoked token or a deactivated person is refused at once, by every process.
 */
const actorByTokenHash = prepared((db, tokenHash: string) =>
  db
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select(['users.id', 'users.name', 'users.role', 'users.limit_minor', 'users.limit_currency'])
    .where('tokens.token_hash', '=', tokenHash)
    .where('tokens.revoked_at', 'is', null)
    .where('users.active', '=', 1),
);

export async function findActorByToken(db: Db, token: string): Promise<Pick<User, 'id' | 'name' | 'role' | 'limit'> | undefined> {
  const row = (await actorByTokenHash(db, hashToken(token))).rows[0];
  if (!row) return undefined;
  return { id: row.id, name: row.name, role: row.role as Role, limit: limitOf(row) };
}

const userById = prepared((db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id));

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const row = (await userById(db, id)).rows[0];
  return row ? toUser(row) : undefined;
}

export async function getUsers(db: Db, ids: string[]): Promise<Map<string, User>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, toUser(r)]));
}

const namesByIds = perLength((n) => prepared((db, ...ids: string[]) => db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids.slice(0, n))));

/** People's names by id, for views that name who did what (one prepared statement per count of ids). */
export async function userNames(db: Db, ids: string[]): Promise<Map<string, { name: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { rows } = await namesByIds(unique.length)(db, ...unique);
  return new Map(rows.map((r) => [r.id, { name: r.name }]));
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toUser);
}

export async function updateLimit(db: Db, id: string, limit: Money | null): Promise<User | undefined> {
  await db
    .updateTable('users')
    .set({ limit_minor: limit?.minor ?? null, limit_currency: limit?.currency ?? null })
    .where('id', '=', id)
    .execute();
  return getUser(db, id);
}

/** The person with this e-mail, in any casing (read through the `users_email_lower` index). */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normaliseEmail(email)))
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function setActive(db: Db, id: string, active: boolean): Promise<User | undefined> {
  await db.updateTable('users').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
  return getUser(db, id);
}

/** Revoke every live token of a user; returns how many were live. */
export async function revokeTokens(db: Db, userId: string, now: string): Promise<number> {
  const result = await db.updateTable('tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The active person a Slack user is mapped to, if any. */
export async function findUserBySlackId(db: Db, slackUserId: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('slack_user_id', '=', slackUserId).where('active', '=', 1).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Who holds this Slack user id, active or not (one person per Slack user). */
export async function userWithSlackId(db: Db, slackUserId: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('slack_user_id', '=', slackUserId).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function setSlackUserId(db: Db, id: string, slackUserId: string | null): Promise<User | undefined> {
  await db.updateTable('users').set({ slack_user_id: slackUserId }).where('id', '=', id).execute();
  return getUser(db, id);
}

/** Replace a person's password (hashed here); the caller audits the change and ends their sessions. */
export async function setPassword(db: Db, id: string, password: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hashPassword(password) }).where('id', '=', id).execute();
}
