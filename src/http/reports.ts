import { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { COMPENSATION_COLUMNS, compensationReport, toCsv } from '../reports/compensation.js';
import { requireLead } from './auth.js';
import { parse } from './validate.js';

const IsoDate = z.string().refine((s) => {
  const d = DateTime.fromISO(s);
  return d.isValid && d.year >= 2000 && d.year <= 2100;
}, 'must be an ISO date or date-time between 2000 and 2100').describe('ISO 8601 date or date-time, in the team time zone');

/** A report period; the current month in the team's zone when omitted. */
export const ReportQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() }).strict();

/** Leads' reports; `Accept: text/csv` gives CSV. Periods default to the current month in the team's zone. */
export function reportsRouter(engine: Engine): Router {
  const r = Router();
  r.get('/compensation', async (req, res) => {
    requireLead(res);
    const q = parse(ReportQuery, req.query, 'query');
    const zone = engine.config.timeZone;
    const month = DateTime.fromISO(nowIso(engine), { zone: 'utc' }).setZone(zone).startOf('month');
    const from = q.from ? DateTime.fromISO(q.from, { zone }) : month;
    const to = q.to ? DateTime.fromISO(q.to, { zone }) : month.plus({ months: 1 });
    if (to <= from) throw new AppError('validation', '`to` must be after `from`', { errors: [{ path: 'to', message: 'must be after from' }] });
    const rows = await compensationReport(engine.store.read, from.toUTC().toISO() as string, to.toUTC().toISO() as string);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv').attachment('compensation.csv').send(toCsv(rows as unknown as Array<Record<string, unknown>>, COMPENSATION_COLUMNS));
      return;
    }
    res.json({ from: from.toUTC().toISO(), to: to.toUTC().toISO(), items: rows });
  });
  return r;
}
