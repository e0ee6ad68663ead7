import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Locale } from '../../domain/customer.js';
import { AppError } from '../../domain/errors.js';
import { formatMoney } from '../../domain/money.js';
import { Email, NewUserInput, Password } from '../../domain/person.js';
import { ROLES } from '../../domain/roles.js';
import { createUser, defaultLimit, issueUserToken, resetPassword, setUserActive, setUserLimit, type Auditor } from '../../engine/admin.js';
import { nowIso, type Engine } from '../../engine/engine.js';
import { loadByOwner } from '../../store/team-board.js';
import { getUser, listUsers } from '../../store/users.js';
import { guarded } from '../guards.js';
import { t } from '../i18n.js';
import { contextOf, renderConsole } from '../render.js';
import { amountField, parseAmount } from './amount.js';

/** The admin behind this request, as the audit trail names them; anyone else is refused. */
export function adminOf(res: Response): Auditor {
  const actor = contextOf(res).session?.actor;
  if (!actor || actor.role !== 'admin') throw new AppError('forbidden', 'this page is for admins');
  return { id: actor.id, role: actor.role };
}

/** Pages that only admins open; leads get 403 like handlers. */
export const adminOnly =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) => {
    adminOf(res);
    return handler(req, res, next);
  };

const NewPerson = z
  .object({
    _csrf: z.string(),
    name: NewUserInput.shape.name,
    email: Email,
    password: Password,
    role: NewUserInput.shape.role,
    limit: z.string().max(40),
  })
  .strict();

interface Notice {
  kind: 'ok' | 'error';
  text: string;
  /** A token shown once, right under the notice. */
  secret?: string;
}

const DONE = ['limit', 'password', 'deactivated', 'activated'] as const;

/** `/admin/people` (admins): everyone, with forms to add people, set limits, reset passwords, issue tokens and deactivate. */
export function peoplePages(engine: Engine): Router {
  const r = Router();
  const g = guarded(engine, r);
  const now = () => nowIso(engine);

  async function page(req: Request, res: Response, notice: Notice | null, form: Record<string, string> = {}, status = 200): Promise<void> {
    const { locale, session } = contextOf(res);
    const [users, load] = await Promise.all([listUsers(engine.store.read), loadByOwner(engine.store.read, now())]);
    const open = new Map(load.map((l) => [l.ownerId, l.open]));
    renderConsole(
      req,
      res,
      'lead/people',
      {
        title: t(locale, 'people.title'),
        notice,
        currency: engine.config.currency,
        form: { name: '', email: '', role: 'handler', limit: '', ...form },
        roles: ROLES.map((role) => ({ value: role, label: t(locale, `role.${role}`), selected: role === (form.role ?? 'handler') })),
        people: users
          .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, locale))
          .map((u) => ({
            id: u.id,
            name: u.name,
            email: u.email,
            role: t(locale, `role.${u.role}`),
            active: u.active,
            me: u.id === session?.actor.id,
            limit: u.limit ? t(locale, 'people.limitIs', { amount: formatMoney(u.limit, locale) }) : t(locale, 'people.noLimit'),
            limitField: amountField(u.limit),
            open: open.get(u.id) ?? 0,
          })),
      },
      status,
    );
  }

  /** After a change: back to the list, which says what was done (and to whom). */
  const done = (res: Response, what: (typeof DONE)[number], userId: string) => res.redirect(303, `/admin/people?done=${what}&who=${encodeURIComponent(userId)}`);

  const person = async (id: string) => {
    const u = await getUser(engine.store.read, id);
    if (!u) throw new AppError('notFound', 'user was not found');
    return u;
  };

  g.leadPage(
    '/admin/people',
    adminOnly(async (req, res) => {
      const { locale } = contextOf(res);
      const q = req.query as Record<string, unknown>;
      const what = DONE.find((d) => d === q.done);
      const who = typeof q.who === 'string' ? await getUser(engine.store.read, q.who) : undefined;
      await page(req, res, what && who ? { kind: 'ok', text: t(locale, `people.done.${what}`, { name: who.name }) } : null);
    }),
  );

  g.leadAction(
    '/admin/people',
    adminOnly(async (req, res) => {
      const by = adminOf(res);
      const { locale } = contextOf(res);
      const raw = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
      const { password: _pw, _csrf, ...keep } = raw;
      const input = NewPerson.safeParse(raw);
      if (!input.success) {
        const fields = [...new Set(input.error.issues.map((i) => fieldName(locale, String(i.path[0]))))].join(', ');
        return page(req, res, { kind: 'error', text: t(locale, 'people.error.invalid', { fields }) }, keep, 400);
      }
      const limit = parseAmount(input.data.limit, engine.config.currency);
      if (limit === undefined) return page(req, res, { kind: 'error', text: t(locale, 'people.error.limit') }, keep, 400);
      try {
        const { user, token } = await createUser(
          engine.store,
          by,
          { name: input.data.name, role: input.data.role, email: input.data.email, password: input.data.password, limit: defaultLimit(input.data.role, limit ?? undefined, engine.config.currency) },
          now(),
        );
        await page(req, res, { kind: 'ok', text: `${t(locale, 'people.created', { name: user.name })} ${t(locale, 'people.tokenOnce', { name: user.name })}`, secret: token }, {}, 201);
      } catch (err) {
        if (err instanceof AppError && err.kind === 'conflict') return page(req, res, { kind: 'error', text: t(locale, 'people.error.emailTaken') }, keep, 409);
        throw err;
      }
    }),
  );

  g.leadAction(
    '/admin/people/:id/limit',
    adminOnly(async (req, res) => {
      const by = adminOf(res);
      const u = await person(String(req.params.id));
      const limit = parseAmount((req.body as Record<string, unknown>).limit, engine.config.currency);
      if (limit === undefined) return page(req, res, { kind: 'error', text: t(contextOf(res).locale, 'people.error.limit') }, {}, 400);
      await setUserLimit(engine.store, by, u.id, limit, now());
      done(res, 'limit', u.id);
    }),
  );

  g.leadAction(
    '/admin/people/:id/password',
    adminOnly(async (req, res) => {
      const by = adminOf(res);
      const u = await person(String(req.params.id));
      const password = Password.safeParse((req.body as Record<string, unknown>).password);
      if (!password.success) {
        return page(req, res, { kind: 'error', text: t(contextOf(res).locale, 'people.error.password') }, {}, 400);
      }
      await resetPassword(engine.store, by, u.id, password.data, now());
      done(res, 'password', u.id);
    }),
  );

  g.leadAction(
    '/admin/people/:id/active',
    adminOnly(async (req, res) => {
      const by = adminOf(res);
      const u = await person(String(req.params.id));
      const active = (req.body as Record<string, unknown>).active === 'true';
      // Locking oneself out would leave the team without this admin until someone uses the CLI.
      if (!active && u.id === by.id) return page(req, res, { kind: 'error', text: t(contextOf(res).locale, 'people.error.self') }, {}, 400);
      await setUserActive(engine.store, by, u.id, active, now());
      done(res, active ? 'activated' : 'deactivated', u.id);
    }),
  );

  g.leadAction(
    '/admin/people/:id/token',
    adminOnly(async (req, res) => {
      const by = adminOf(res);
      const u = await person(String(req.params.id));
      const token = await issueUserToken(engine.store, by, u.id, now());
      // Shown in this answer only: never stored in plain, never in a redirect URL.
      await page(req, res, { kind: 'ok', text: t(contextOf(res).locale, 'people.tokenOnce', { name: u.name }), secret: token }, {}, 201);
    }),
  );
  return r;
}

function fieldName(locale: Locale, field: string): string {
  const key = { name: 'people.name', email: 'people.email', password: 'people.password', role: 'people.role', limit: 'people.limit' }[field];
  return key ? t(locale, key, { currency: '' }).replace(/,\s*$/, '') : field;
}
