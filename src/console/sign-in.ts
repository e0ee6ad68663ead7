import { Router, type Request, type Response } from 'express';
import type { Engine } from '../engine/engine.js';
import { failureCounts } from '../http/failure-window.js';
import { setConsoleLocale, signInCandidate } from '../store/console-sessions.js';
import { setCookie } from './cookies.js';
import { consoleContext, csrfChecked, formBody, guarded } from './guards.js';
import { isConsoleLocale, t } from './i18n.js';
import { verifyPassword } from './passwords.js';
import { contextOf, renderConsole } from './render.js';
import { endSession, LANG_COOKIE, startSession } from './session.js';

/** Only a path on this server: never `//elsewhere` or a full URL (no open redirect after sign-in). */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length < 2000 ? next : fallback;
}

function showSignIn(req: Request, res: Response, status: number, fields: { email?: string; next?: string; error?: string }) {
  const { locale } = contextOf(res);
  renderConsole(req, res, 'sign-in', { title: t(locale, 'signIn.title'), email: fields.email ?? '', next: safeNext(fields.next ?? req.query.next, '/'), error: fields.error }, status);
}

/** `/sign-in` (e-mail and password), `/sign-out`, and `/language` (ru | en, remembered). */
export function signInRouter(engine: Engine): Router {
  const r = Router();
  const ctx = consoleContext(engine);
  // Per e-mail at the configured rate; per address five times that, so one office behind one address
  // is not locked out by a colleague's typos while a guesser spraying many e-mails still is.
  const perEmail = failureCounts(engine, 'sign-in-email', engine.config.authFailuresPerMinute);
  const perAddress = failureCounts(engine, 'sign-in-address', engine.config.authFailuresPerMinute * 5);

  r.get('/sign-in', ctx, (req, res) => {
    if (contextOf(res).session) return res.redirect(303, safeNext(req.query.next));
    showSignIn(req, res, 200, {});
  });

  r.post('/sign-in', formBody, ctx, csrfChecked, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().slice(0, 320) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = safeNext(body.next);
    const { locale } = contextOf(res);
    const now = engine.clock().getTime();
    const address = req.ip ?? 'unknown';
    const emailKey = email.toLowerCase();
    const wait = Math.max(await perEmail.retryAfter(emailKey, now), await perAddress.retryAfter(address, now));
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return showSignIn(req, res, 429, { email, next, error: t(locale, 'signIn.tooMany', { seconds: wait }) });
    }
    const candidate = email ? await signInCandidate(engine.store.read, email) : undefined;
    const matches = await verifyPassword(candidate?.passwordHash ?? null, password);
    if (!candidate || !matches || !candidate.user.active) {
      await perEmail.fail(emailKey, now);
      await perAddress.fail(address, now);
      return showSignIn(req, res, 401, { email, next, error: t(locale, 'signIn.wrong') });
    }
    await startSession(engine, req, res, candidate.user.id);
    res.redirect(303, next);
  });

  guarded(engine, r).action('/sign-out', async (req, res) => {
    await endSession(engine, req, res);
    res.redirect(303, '/sign-in');
  });

  // Signed out too (the sign-in page has the switch), so not a `guarded` action; its CSRF is still checked.
  r.post('/language', formBody, ctx, csrfChecked, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const locale = isConsoleLocale(body.locale) ? body.locale : contextOf(res).locale;
    const session = contextOf(res).session;
    if (session) await setConsoleLocale(engine.store.db, session.user.id, locale);
    setCookie(req, res, LANG_COOKIE, locale, 365 * 86_400_000);
    res.redirect(303, safeNext(body.next));
  });

  return r;
}
