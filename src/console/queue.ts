import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine/engine.js';
import { queueCases } from '../store/queue.js';
import { getUsers } from '../store/users.js';
import { readCookie } from './cookies.js';
import { consoleContext, guarded } from './guards.js';
import { t } from './i18n.js';
import { contextOf, renderConsole } from './render.js';
import { SESSION_COOKIE } from './session.js';
import { OPEN_STATES, stateKey } from './states.js';
import { isOverdue, timeLeft } from './time-left.js';

/** The longest search the queue reads (the field's maxlength). */
const SEARCH_MAX = 200;

/** Filters arrive from a GET form; anything unknown is ignored rather than refused (a person typed it). */
const Filters = z.object({
  scenario: z.string().max(100).optional().catch(undefined),
  tone: z.enum(['constructive', 'conflict']).optional().catch(undefined),
  state: z.enum(OPEN_STATES).optional().catch(undefined),
  // A longer search is cut, not dropped: dropping it would show the whole queue as if it had matched.
  q: z
    .string()
    .optional()
    .transform((q) => q?.slice(0, SEARCH_MAX)),
});

const QUEUE_SIZE = 200;

/** `/` and `/queue`: my cases and the unassigned ones (leads: all), what is due first on top. */
export function queuePages(engine: Engine): Router {
  const r = Router();
  const ctx = consoleContext(engine);

  const queuePage = async (req: Request, res: Response) => {
    const { session, locale, now } = contextOf(res);
    if (!session) throw new Error('the queue needs a session');
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v !== ''));
    const f = Filters.parse(raw);
    const scenario = f.scenario && engine.catalog.has(f.scenario) ? f.scenario : undefined;
    const rows = await queueCases(engine.store.read, {
      visibleTo: session.actor.role === 'handler' ? session.actor.id : undefined,
      scenario,
      tone: f.tone,
      state: f.state,
      search: f.q,
      limit: QUEUE_SIZE,
    });
    const users = await getUsers(engine.store.read, rows.map((x) => x.record.ownerId).filter((x): x is string => x !== null));
    const cases = rows.map(({ record: c, dueAt }) => ({
      id: c.id,
      ref: c.ref,
      customer: c.customer.name,
      tier: c.customer.tier,
      orderId: c.orderId,
      scenario: engine.catalog.get(c.scenario)?.title[locale] ?? c.scenario,
      conflict: c.tone === 'conflict',
      state: t(locale, stateKey(c.state)),
      owner: c.ownerId ? (c.ownerId === session.actor.id ? t(locale, 'queue.ownerMe') : (users.get(c.ownerId)?.name ?? c.ownerId)) : null,
      dueAt,
      left: dueAt ? timeLeft(dueAt, now, locale) : null,
      overdue: isOverdue(dueAt, now),
      breaching: c.breaching || isOverdue(dueAt, now),
      escalated: c.escalated,
    }));
    const option = (value: string, label: string, selected: string | undefined) => ({ value, label, selected: value === selected });
    renderConsole(req, res, 'queue', {
      title: t(locale, 'queue.title'),
      cases,
      count: cases.length,
      filtered: Boolean(scenario || f.tone || f.state || f.q),
      q: f.q ?? '',
      scenarios: [...engine.catalog.values()].map((s) => option(s.id, s.title[locale], scenario)).sort((a, b) => a.label.localeCompare(b.label, locale)),
      tones: ['constructive', 'conflict'].map((x) => option(x, t(locale, `tone.${x}`), f.tone)),
      states: OPEN_STATES.map((x) => option(x, t(locale, stateKey(x)), f.state)),
    });
  };

  // `/` is the queue for a signed-in person and the public home page for everyone else.
  r.get('/', (req, res, next) => (readCookie(req, SESSION_COOKIE) ? next() : next('route')), ctx, async (req, res, next) => {
    if (!contextOf(res).session || !req.accepts('html') || req.accepts(['json', 'html']) === 'json') return next();
    await queuePage(req, res);
  });
  guarded(engine, r).page('/queue', queuePage);
  return r;
}
