import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { setCalendar } from '../engine/admin.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { firstResponseTargets } from '../engine/sla-targets.js';
import { teamCalendar } from '../engine/team-calendar.js';
import { MAX_COVERAGE_DAYS, teamCoverage } from '../engine/team-coverage.js';
import { Calendar } from '../sla/calendar.js';
import { requireAdmin, requireLead } from './auth.js';
import { parse } from './validate.js';

const DAY_MS = 86_400_000;
const Instant = z.iso.datetime({ offset: true });

export const CoverageQuery = z
  .object({
    from: Instant.optional().describe('ISO 8601 with an offset; now by default'),
    to: Instant.optional().describe(`ISO 8601 with an offset; a day after \`from\` by default; at most ${MAX_COVERAGE_DAYS} days after it`),
  })
  .strict();

/** `/calendar`: the team's business calendar (admins read and change it; a change re-plans open deadlines); `/calendar/coverage` (leads). */
export function calendarRouter(engine: Engine): Router {
  const r = Router();

  r.get('/calendar', async (_req, res) => {
    requireAdmin(res);
    res.json(await teamCalendar(engine.store.read, engine.config.timeZone));
  });

  r.get('/calendar/coverage', async (req, res) => {
    requireLead(res);
    const q = parse(CoverageQuery, req.query, 'query');
    const now = engine.clock();
    const from = q.from ? Date.parse(q.from) : now.getTime();
    const to = q.to ? Date.parse(q.to) : from + DAY_MS;
    if (to <= from || to - from > MAX_COVERAGE_DAYS * DAY_MS) {
      const message = to <= from ? 'must be after from (now, when from is not given)' : `at most ${MAX_COVERAGE_DAYS} days after from`;
      throw new AppError('validation', 'invalid query', { errors: [{ path: 'to', message }] });
    }
    res.json(await teamCoverage(engine.store.read, engine.config.timeZone, from, to, now));
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
