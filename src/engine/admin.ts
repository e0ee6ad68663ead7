/**
 * Administration: people, limits, tokens and the team budget. Every change goes through here, in one
 * transaction with its audit entry, whether it comes from HTTP (an admin) or the CLI (the operator).
 */
import { AppError, notFound } from '../domain/errors.js';
import { MAX_MINOR, NonNegativeMoney, type Currency, type Money } from '../domain/money.js';
import { MIN_PASSWORD_LENGTH, normaliseEmail, Password } from '../domain/person.js';
import type { Role } from '../domain/roles.js';
import { appendAudit } from '../store/audit.js';
import { deleteSessionsOfUser } from '../store/console-sessions.js';
import { inTransaction, type Db, type Store } from '../store/db.js';
import { findUserByEmail, getUser, hashToken, insertUser, issueToken, revokeTokens, setActive, setPassword, setSlackUserId, updateLimit, userWithSlackId, type User } from '../store/users.js';
import { setWorkingHours } from './assign.js';
import { budgetSetting, setTeamBudget } from './budget.js';
import type { Calendar } from '../sla/calendar.js';
import { peopleOnRotas, updateRota } from '../store/duty.js';
import { lockSetting } from '../store/settings.js';
import { CALENDAR_KEY, storeCalendarAndReplan, storedRotaNames, teamCalendar } from './team-calendar.js';

/** Who makes the change: an admin's id and role, or the CLI operator (`{ id: 'cli', role: 'system' }`). */
export interface Auditor {
  id: string;
  role: string;
}

export const CLI: Auditor = { id: 'cli', role: 'system' };

/** The user as the audit trail and the API show it; never the password hash. */
export const publicUser = (u: User) => ({ id: u.id, name: u.name, role: u.role, limit: u.limit, email: u.email, active: u.active, slackUserId: u.slackUserId, rota: u.rota });

function assertAdmin(by: Auditor): void {
  // The HTTP layer checks first; this keeps the rule where the change happens.
  if (by.role !== 'admin' && by.role !== 'system') throw new AppError('forbidden', 'this needs an admin');
}

async function audit(trx: Db, by: Auditor, action: string, subject: string, before: unknown, after: unknown, now: string): Promise<void> {
  await appendAudit(trx, { actorId: by.id, actorRole: by.role, action, subject, before, after, at: now });
}

async function existing(trx: Db, id: string): Promise<User> {
  const u = await getUser(trx, id);
  if (!u) throw notFound('user');
  return u;
}

/** A token is named in the audit trail by the start of its hash, never by itself. */
const tokenRef = (token: string) => `sha256:${hashToken(token).slice(0, 12)}`;

export interface NewPerson {
  name: string;
  role: Role;
  limit: Money | null;
  email?: string | undefined;
  password?: string | undefined;
}

/**
 * Create a person and their first token (returned once, in plain). An email belongs to one person.
 * @example await createUser(store, CLI, { name: 'Анна', role: 'handler', limit: rub(100_000) }, now)
 */
export async function createUser(store: Store, by: Auditor, person: NewPerson, now: string): Promise<{ user: User; token: string }> {
  assertAdmin(by);
  // Whoever calls (API, CLI, console, seed), an address is kept in one form, so ANNA@ and anna@ are one person.
  const p = person.email === undefined ? person : { ...person, email: normaliseEmail(person.email) };
  return inTransaction(store, async (trx) => {
    if (p.email !== undefined && (await findUserByEmail(trx, p.email))) {
      throw new AppError('conflict', `a user with email ${p.email} already exists`, { errors: [{ path: 'email', message: 'already in use' }] });
    }
    const user = await insertUser(trx, p, now);
    await audit(trx, by, 'user.create', user.id, null, publicUser(user), now);
    const token = await issueToken(trx, user.id, now);
    await audit(trx, by, 'token.issue', user.id, null, { token: tokenRef(token) }, now);
    return { user, token };
  });
}

export async function issueUserToken(store: Store, by: Auditor, userId: string, now: string): Promise<string> {
  assertAdmin(by);
  return inTransaction(store, async (trx) => {
    await existing(trx, userId);
    const token = await issueToken(trx, userId, now);
    await audit(trx, by, 'token.issue', userId, null, { token: tokenRef(token) }, now);
    return token;
  });
}

/** Revoke every live token of a person; returns how many there were. */
export async function revokeUserTokens(store: Store, by: Auditor, userId: string, now: string): Promise<number> {
  assertAdmin(by);
  return inTransaction(store, async (trx) => {
    await existing(trx, userId);
    const revoked = await revokeTokens(trx, userId, now);
    await audit(trx, by, 'token.revoke', userId, { liveTokens: revoked }, { liveTokens: 0 }, now);
    return revoked;
  });
}

async function changeLimit(trx: Db, by: Auditor, userId: string, limit: Money | null, now: string): Promise<User> {
  // The CLI reaches here without the HTTP schema: the same bounds hold for every caller.
  if (limit !== null && !NonNegativeMoney.safeParse(limit).success) {
    throw new AppError('validation', 'a limit is zero or more minor units, at most 10 billion in major units', { errors: [{ path: 'limit.minor', message: `between 0 and ${MAX_MINOR}` }] });
  }
  const before = await existing(trx, userId);
  const after = (await updateLimit(trx, userId, limit)) as User;
  await audit(trx, by, 'user.limit', userId, { limit: before.limit }, { limit: after.limit }, now);
  return after;
}

async function changeActive(trx: Db, by: Auditor, userId: string, active: boolean, now: string): Promise<User> {
  const before = await existing(trx, userId);
  if (before.active === active) return before;
  const after = (await setActive(trx, userId, active)) as User;
  await audit(trx, by, active ? 'user.activate' : 'user.deactivate', userId, { active: before.active }, { active: after.active }, now);
  return after;
}

async function changeSlackUserId(trx: Db, by: Auditor, userId: string, slackUserId: string | null, now: string): Promise<User> {
  const before = await existing(trx, userId);
  if (before.slackUserId === slackUserId) return before;
  const holder = slackUserId === null ? undefined : await userWithSlackId(trx, slackUserId);
  if (holder && holder.id !== userId) {
    throw new AppError('conflict', `Slack user ${slackUserId} is already mapped to ${holder.id}`, { errors: [{ path: 'slackUserId', message: 'already in use' }] });
  }
  const after = (await setSlackUserId(trx, userId, slackUserId)) as User;
  await audit(trx, by, 'user.slack', userId, { slackUserId: before.slackUserId }, { slackUserId: after.slackUserId }, now);
  return after;
}

/** Map a person to their Slack user (null unmaps): their clicks in Slack become their decisions. */
export async function setUserSlackId(store: Store, by: Auditor, userId: string, slackUserId: string | null, now: string): Promise<User> {
  assertAdmin(by);
  return inTransaction(store, (trx) => changeSlackUserId(trx, by, userId, slackUserId, now));
}

export async function setUserLimit(store: Store, by: Auditor, userId: string, limit: Money | null, now: string): Promise<User> {
  assertAdmin(by);
  return inTransaction(store, (trx) => changeLimit(trx, by, userId, limit, now));
}

/** Deactivate (or reactivate) a person: an inactive person's tokens stop working, their history stays. */
export async function setUserActive(store: Store, by: Auditor, userId: string, active: boolean, now: string): Promise<User> {
  assertAdmin(by);
  return inTransaction(store, (trx) => changeActive(trx, by, userId, active, now));
}

async function changeRota(trx: Db, by: Auditor, userId: string, rota: string | null, now: string): Promise<User> {
  const before = await existing(trx, userId);
  if (before.rota === rota) return before;
  if (rota !== null && !(await storedRotaNames(trx)).includes(rota)) {
    throw new AppError('validation', `the team calendar has no rota ${rota}`, { errors: [{ path: 'rota', message: 'must be the name of a rota of the team calendar (GET /api/v1/calendar)' }] });
  }
  await updateRota(trx, userId, rota);
  await audit(trx, by, 'user.rota', userId, { rota: before.rota }, { rota }, now);
  return { ...before, rota };
}

/**
 * Put a person on a rota of the team calendar (null takes them off): without hours of their own they
 * are on duty while it is open. The calendar's row is held meanwhile, so a rota cannot vanish under it.
 */
export async function setUserRota(store: Store, by: Auditor, userId: string, rota: string | null, now: string): Promise<User> {
  assertAdmin(by);
  return inTransaction(store, async (trx) => {
    await lockSetting(trx, store.dialect, CALENDAR_KEY);
    return changeRota(trx, by, userId, rota, now);
  });
}

export interface UserChanges {
  limit?: Money | null | undefined;
  active?: boolean | undefined;
  slackUserId?: string | null | undefined;
  rota?: string | null | undefined;
}

/** Change a person's limit, whether they are active, their Slack user and their rota, in one transaction. */
export async function changeUser(store: Store, by: Auditor, userId: string, change: UserChanges, now: string): Promise<User> {
  assertAdmin(by);
  return inTransaction(store, async (trx) => {
    let user = await existing(trx, userId);
    if (change.limit !== undefined) user = await changeLimit(trx, by, userId, change.limit, now);
    if (change.active !== undefined) user = await changeActive(trx, by, userId, change.active, now);
    if (change.slackUserId !== undefined) user = await changeSlackUserId(trx, by, userId, change.slackUserId, now);
    if (change.rota !== undefined) {
      await lockSetting(trx, store.dialect, CALENDAR_KEY);
      user = await changeRota(trx, by, userId, change.rota, now);
    }
    return user;
  });
}

/**
 * Set a new password for a person (an admin resets a forgotten one) and sign out their console
 * sessions: whoever knew the old password is out. The audit trail records that it changed, never
 * the password or its hash.
 */
export async function resetPassword(store: Store, by: Auditor, userId: string, password: string, now: string): Promise<User> {
  assertAdmin(by);
  if (!Password.safeParse(password).success) {
    throw new AppError('validation', `a password has ${MIN_PASSWORD_LENGTH} to 200 characters`, { errors: [{ path: 'password', message: `${MIN_PASSWORD_LENGTH} to 200 characters` }] });
  }
  return inTransaction(store, async (trx) => {
    const user = await existing(trx, userId);
    await setPassword(trx, userId, password);
    const signedOut = await deleteSessionsOfUser(trx, userId);
    await audit(trx, by, 'user.password', userId, null, { passwordSet: true, sessionsEnded: signedOut }, now);
    return user;
  });
}

/** Where and when a person works, for assignment (null hours: always on duty); audited like every change of people. */
export async function setUserHours(store: Store, by: Auditor, userId: string, timeZone: string | null, hours: string | null, now: string) {
  assertAdmin(by);
  return inTransaction(store, async (trx) => {
    await existing(trx, userId);
    const parsed = await setWorkingHours(trx, userId, timeZone, hours);
    await audit(trx, by, 'user.hours', userId, null, { timeZone, hours: parsed }, now);
    return parsed;
  });
}

/** Subject of budget entries in the audit trail. */
export const budgetSubject = (currency: Currency) => `budget:${currency}`;

export async function setBudget(store: Store, by: Auditor, budget: Money, now: string): Promise<void> {
  assertAdmin(by);
  if (!Number.isSafeInteger(budget.minor) || budget.minor < 0) throw new AppError('validation', 'a budget cannot be negative', { errors: [{ path: 'minor', message: 'must not be negative' }] });
  await inTransaction(store, async (trx) => {
    const before = await budgetSetting(trx, budget.currency);
    await setTeamBudget(trx, budget, now);
    await audit(trx, by, 'budget.set', budgetSubject(budget.currency), before && { budget: before }, { budget }, now);
  });
}

/**
 * Set the team's business calendar. Open cases' business-time deadlines are planned again from when
 * they started, in the same transaction, so no deadline keeps counting by the old hours. A rota that
 * people are still on cannot be removed (409 naming them): move them first, so nobody silently
 * becomes "always on duty".
 */
export async function setCalendar(store: Store, by: Auditor, calendar: Calendar, teamZone: string, now: string): Promise<{ calendar: Calendar; replanned: number }> {
  assertAdmin(by);
  return inTransaction(store, async (trx) => {
    await lockSetting(trx, store.dialect, CALENDAR_KEY);
    const before = await teamCalendar(trx, teamZone);
    const kept = new Set((calendar.rotas ?? []).map((r) => r.name));
    const removed = (before.rotas ?? []).map((r) => r.name).filter((name) => !kept.has(name));
    const stranded = await peopleOnRotas(trx, removed);
    if (stranded.length > 0) {
      const names = stranded.map((p) => `${p.name} (${p.rota})`).join(', ');
      throw new AppError('conflict', `people are still on the rotas to remove: ${names}; put them on another rota or take them off first`, {
        errors: [{ path: 'rotas', message: `still worked by ${names}` }],
        people: stranded,
      });
    }
    const replanned = await storeCalendarAndReplan(trx, calendar, now);
    await audit(trx, by, 'calendar.set', 'calendar', before, { ...calendar, replanned }, now);
    return { calendar, replanned };
  });
}

/**
 * A personal limit is in the team currency: offers are, so a limit in another one would send every
 * offer to approval. Refused like an offer in the wrong currency, naming the field.
 */
export function assertTeamCurrency(limit: Money, team: Currency): void {
  if (limit.currency !== team) {
    throw new AppError('validation', `a limit is in the team currency, ${team} (AMENDS_CURRENCY)`, { errors: [{ path: 'limit.currency', message: `must be in ${team}` }] });
  }
}

/**
 * Handlers without a limit offer nothing alone; leads and admins without one are bound by the budgets only.
 * A limit given is checked to be in the team currency.
 */
export function defaultLimit(role: Role, limit: Money | null | undefined, currency: Currency): Money | null {
  if (limit) assertTeamCurrency(limit, currency);
  if (limit !== undefined) return limit;
  return role === 'handler' ? { minor: 0, currency } : null;
}
