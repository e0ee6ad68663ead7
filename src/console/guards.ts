import { randomBytes } from 'node:crypto';
import express, { type RequestHandler, type Router } from 'express';
import { AppError } from '../domain/errors.js';
import { refuseBadText, requireUtf8 } from '../http/text-check.js';
import { isLead } from '../domain/roles.js';
import type { Engine } from '../engine/engine.js';
import { readCookie, setCookie } from './cookies.js';
import { contextOf, type ConsoleContext } from './render.js';
import { currentSession, localeOf, sameSecret } from './session.js';

/** The pre-session CSRF token of the sign-in page (double-submit: cookie and hidden field must match). */
export const PRE_CSRF_COOKIE = 'amends_csrf';

const parseForm = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200, verify: requireUtf8 });

/** Console forms are urlencoded; small, parsed only on console routes, and held to the API's rules for text. */
export const formBody: RequestHandler = (req, res, next) =>
  parseForm(req, res, (err?: unknown) => {
    if (err) return next(err);
    try {
      refuseBadText(req, res, next);
    } catch (e) {
      next(e);
    }
  });

/** Who reads the page, in what language and zone, and the CSRF token their forms carry. */
export function consoleContext(engine: Engine): RequestHandler {
  return async (req, res, next) => {
    const session = await currentSession(engine, req, res);
    let csrf = session?.csrfToken;
    if (!csrf) {
      csrf = readCookie(req, PRE_CSRF_COOKIE);
      if (!csrf || !/^[A-Za-z0-9_-]{32}$/.test(csrf)) {
        csrf = randomBytes(24).toString('base64url');
        setCookie(req, res, PRE_CSRF_COOKIE, csrf);
      }
    }
    const ctx: ConsoleContext = { session, locale: localeOf(engine, req, session), csrf, zone: session?.zone ?? engine.config.timeZone, now: engine.clock().toISOString() };
    res.locals.console = ctx;
    next();
  };
}

/** Signed-out visitors: a page sends them to sign in (and back afterwards), an action is refused with 401. */
export const signedIn: RequestHandler = (req, res, next) => {
  if (contextOf(res).session) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  throw new AppError('unauthorized', 'sign in first');
};

export const leadsOnly: RequestHandler = (_req, res, next) => {
  const session = contextOf(res).session;
  if (!session || !isLead(session.actor)) throw new AppError('forbidden', 'this page is for leads');
  next();
};

/** Every console POST carries the token of its session (or of the sign-in page); anything else is 403. */
export const csrfChecked: RequestHandler = (req, res, next) => {
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof given !== 'string' || !sameSecret(given, contextOf(res).csrf)) throw new AppError('forbidden', 'the form has expired: reload the page and try again', { csrf: true });
  next();
};

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Leads and admins only. */
  lead: boolean;
}

const ROUTES: ConsoleRoute[] = [];

/** Every guarded console route, for the test that checks each refuses a signed-out visitor. */
export function consoleRoutes(): readonly ConsoleRoute[] {
  return ROUTES;
}

function remember(route: ConsoleRoute): void {
  if (!ROUTES.some((r) => r.method === route.method && r.path === route.path)) ROUTES.push(route);
}

/**
 * Register guarded console routes on a router: pages (GET) need a signed-in person, actions (POST)
 * also a valid CSRF token; the `lead` variants also a lead or admin. Every route registered here is
 * covered by the guard test.
 * @example const g = guarded(engine, r); g.page('/queue', queuePage); g.action('/cases/:id/events', sendEvent)
 */
export function guarded(engine: Engine, r: Router) {
  const ctx = consoleContext(engine);
  return {
    page(path: string, handler: RequestHandler) {
      remember({ method: 'GET', path, lead: false });
      r.get(path, ctx, signedIn, handler);
    },
    leadPage(path: string, handler: RequestHandler) {
      remember({ method: 'GET', path, lead: true });
      r.get(path, ctx, signedIn, leadsOnly, handler);
    },
    action(path: string, handler: RequestHandler) {
      remember({ method: 'POST', path, lead: false });
      r.post(path, formBody, ctx, signedIn, csrfChecked, handler);
    },
    leadAction(path: string, handler: RequestHandler) {
      remember({ method: 'POST', path, lead: true });
      r.post(path, formBody, ctx, signedIn, csrfChecked, leadsOnly, handler);
    },
  };
}
