import { Router } from 'express';
import { setCalendar } from '../engine/admin.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { firstResponseTargets } from '../engine/sla-targets.js';
import { teamCalendar } from '../engine/team-calendar.js';
import { Calendar } from '../sla/calendar.js';
import { requireAdmin } from './auth.js';
import { parse } from './validate.js';

/** `/calendar`: the team's business calendar (admins read and change it; a change re-plans open deadlines). */
export function calendarRouter(engine: Engine): Router {
  const r = Router();

  r.get('/calendar', async (_req, res) => {
    requireAdmin(res);
    res.json(await teamCalendar(engine.store.read, engine.config.timeZone));
  });

  r.put('/calendar', async (req, res) => {
    const admin = requireAdmin(res);
    const calendar = parse(Calendar, req.body);
    const { replanned } = await setCalendar(engine.store, admin, calendar, engine.config.timeZone, nowIso(engine));
    res.json({ calendar, replanned });
  });

  return r;
}

/** `/api/v1/sla`, public: the first-response time a support page can promise, per tier and channel. */
export function slaRouter(engine: Engine): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    const now = nowIso(engine);
    const calendar = await teamCalendar(engine.store.read, engine.config.timeZone);
    res.set('Cache-Control', 'public, max-age=60').json({ generatedAt: now, timeZone: calendar.timeZone, firstResponse: firstResponseTargets(engine.catalog.values(), calendar, now) });
  });
  return r;
}
