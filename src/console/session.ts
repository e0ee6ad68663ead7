import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Locale } from '../domain/customer.js';
import type { Actor } from '../domain/roles.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { deleteExpiredSessions, deleteSession, extendSession, findLiveSession, insertSession, type SessionUser } from '../store/console-sessions.js';
import { clearCookie, readCookie, setCookie } from './cookies.js';
import { isConsoleLocale } from './i18n.js';
import { sessionSecret } from './session-secret.js';

export const SESSION_COOKIE = 'amends_session';
/** A working day and then some; each use within the last hours pushes the end out again. */
const SESSION_TTL_MS = 12 * 3_600_000;
const EXTEND_WHEN_LEFT_MS = 11 * 3_600_000;

export interface ConsoleSession {
  idHash: string;
  csrfToken: string;
  user: SessionUser;
  actor: Actor;
  /** The zone the person reads times in: their own, else the team's. */
  zone: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const mac = (value: string, secret: string) => createHmac('sha256', secret).update(value).digest('base64url');

/** `value.mac`: the cookie cannot be forged or altered without the secret. */
export function signValue(value: string, secret: string): string {
  return `${value}.${mac(value, secret)}`;
}

/** The value inside a signed cookie, or undefined when the signature does not hold (compared in constant time). */
export function unsignValue(signed: string, secret: string): string | undefined {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(mac(value, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}

/** Equal strings, compared in constant time (tokens, CSRF fields). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The session of this request (cached per request), or undefined when nobody is signed in. */
export async function currentSession(engine: Engine, req: Request, res: Response): Promise<ConsoleSession | undefined> {
  if ('consoleSession' in res.locals) return res.locals.consoleSession as ConsoleSession | undefined;
  const session = await loadSession(engine, req);
  res.locals.consoleSession = session;
  return session;
}

async function loadSession(engine: Engine, req: Request): Promise<ConsoleSession | undefined> {
  const cookie = readCookie(req, SESSION_COOKIE);
  if (!cookie) return undefined;
  const id = unsignValue(cookie, await sessionSecret(engine));
  if (!id) return undefined;
  const now = engine.clock();
  const row = await findLiveSession(engine.store.read, sha256(id), now.toISOString());
  if (!row) return undefined;
  if (Date.parse(row.expiresAt) - now.getTime() < EXTEND_WHEN_LEFT_MS) {
    await extendSession(engine.store.db, row.idHash, new Date(now.getTime() + SESSION_TTL_MS).toISOString());
  }
  const u = row.user;
  return {
    idHash: row.idHash,
    csrfToken: row.csrfToken,
    user: u,
    actor: { kind: 'user', id: u.id, name: u.name, role: u.role, limit: u.limit },
    zone: u.timeZone ?? engine.config.timeZone,
  };
}

/** Sign a person in: a new server-side session row and its signed cookie. */
export async function startSession(engine: Engine, req: Request, res: Response, userId: string): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  const now = engine.clock();
  await deleteExpiredSessions(engine.store.db, now.toISOString());
  await insertSession(engine.store.db, {
    idHash: sha256(id),
    userId,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: nowIso(engine),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  });
  setCookie(req, res, SESSION_COOKIE, signValue(id, await sessionSecret(engine)));
}

/** Sign out: the row goes, so a copied cookie is worthless from now on. */
export async function endSession(engine: Engine, req: Request, res: Response): Promise<void> {
  const session = await currentSession(engine, req, res);
  if (session) await deleteSession(engine.store.db, session.idHash);
  clearCookie(req, res, SESSION_COOKIE);
  res.locals.consoleSession = undefined;
}

export const LANG_COOKIE = 'amends_lang';

/** The reader's console language: their saved choice, else the cookie, else the browser, else the team's. */
export function localeOf(engine: Engine, req: Request, session: ConsoleSession | undefined): Locale {
  const saved = session?.user.consoleLocale;
  if (isConsoleLocale(saved)) return saved;
  const cookie = readCookie(req, LANG_COOKIE);
  if (isConsoleLocale(cookie)) return cookie;
  const accepted = req.acceptsLanguages('ru', 'en');
  if (isConsoleLocale(accepted) && req.get('accept-language')) return accepted;
  return engine.config.locale;
}
