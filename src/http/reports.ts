import { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { nowIso, type Engine } from '../engine/engine.js';
import { COMPENSATION_COLUMNS, compensationCsvRow, compensationItem, compensationReport, toCsv } from '../reports/compensation.js';
import { requireLead } from './auth.js';
import { parse } from './validate.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const IsoDate = z.string().max(64).refine((s) => {
  const d = DateTime.fromISO(s);
  return d.isValid && d.year >= 2000 && d.year <= 2100;
}, 'must be an ISO date or date-time between 2000 and 2100').describe('ISO 8601 date or date-time, in the team time zone');

/** A report period; the current month in the team's zone when omitted. */
export const ReportQuery = z
  .object({
    from: IsoDate.optional().describe('first day (inclusive, in the team time zone) or an exact date-time'),
    to: IsoDate.optional().describe('last day (inclusive, in the team time zone) or an exact date-time (exclusive)'),
  })
  .strict();

/**
 * A period bound. A date names a whole day in the team's zone: `from` starts at its first moment and
 * `to` ends after its last, so `to=2026-11-30` includes the 30th. A date-time is taken as it is.
 */
function bound(value: string, zone: string, end: boolean): DateTime {
  const t = DateTime.fromISO(value, { zone });
  return end && DATE_ONLY.test(value) ? t.startOf('day').plus({ days: 1 }) : t;
}

/** Leads' reports; `Accept: text/csv` gives CSV. Periods default to the current month in the team's zone. */
export function reportsRouter(engine: Engine): Router {
  const r = Router();
  r.get('/compensation', async (req, res) => {
    requireLead(res);
    const q = parse(ReportQuery, req.query, 'query');
    const zone = engine.config.timeZone;
    const month = DateTime.fromISO(nowIso(engine), { zone: 'utc' }).setZone(zone).startOf('month');
    const from = q.from ? bound(q.from, zone, false) : month;
    const to = q.to ? bound(q.to, zone, true) : month.plus({ months: 1 });
    if (to <= from) throw new AppError('validation', '`to` must not be before `from`', { errors: [{ path: 'to', message: 'must not be before from' }] });
    const rows = await compensationReport(engine.store.read, from.toUTC().toISO() as string, to.toUTC().toISO() as string);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv').attachment('compensation.csv').send(toCsv(rows.map(compensationCsvRow), COMPENSATION_COLUMNS));
      return;
    }
    // `to` in the answer is the exact end of the period, exclusive: the moment after the last day.
    res.json({ from: from.toUTC().toISO(), to: to.toUTC().toISO(), timeZone: zone, items: rows.map(compensationItem) });
  });
  return r;
}
