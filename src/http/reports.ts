import { Router, type Response } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { nowIso, type Engine } from '../engine/engine.js';
import { budgetSetting } from '../engine/budget.js';
import type { Currency, Money } from '../domain/money.js';
import { COMPENSATION_COLUMNS, compensationByScenario, compensationCsvRow, compensationItem, compensationSums, toCsv } from '../reports/compensation.js';
import { byKind, byMonth, totals } from '../reports/compensation-views.js';
import { csvRow } from '../reports/csv-row.js';
import { handlerReport } from '../reports/handlers.js';
import { periodOf } from '../reports/period.js';
import { catchUp } from '../reports/projector.js';
import { scenarioReport } from '../reports/scenarios.js';
import { compensatedWonBack } from '../store/report-queries.js';
import { requireLead } from './auth.js';
import { parse } from './validate.js';

const IsoDate = z.string().max(64).refine((s) => {
  const d = DateTime.fromISO(s);
  return d.isValid && d.year >= 2000 && d.year <= 2100;
}, 'must be an ISO date or date-time between 2000 and 2100').describe('ISO 8601 date or date-time, in the team time zone');

const periodFields = {
  from: IsoDate.optional().describe('first day (inclusive, in the team time zone) or an exact date-time'),
  to: IsoDate.optional().describe('last day (inclusive, in the team time zone) or an exact date-time (exclusive)'),
};

/** A report period; the current month in the team's zone when omitted. */
export const ReportQuery = z.object(periodFields).strict();

export const ScenarioReportQuery = z
  .object({ ...periodFields, view: z.enum(['scenarios', 'unmatched']).optional().describe('CSV only: which table (default scenarios)') })
  .strict();

export const CompensationReportQuery = z
  .object({ ...periodFields, view: z.enum(['scenarios', 'months', 'kinds', 'totals']).optional().describe('CSV only: which table (default scenarios)') })
  .strict();

export const SCENARIO_COLUMNS = ['scenario', 'currency', 'cases', 'share', 'firstResponseMedianMs', 'firstResponseP90Ms', 'resolutionMedianMs', 'resolutionP90Ms', 'deadlineHitRate', 'issued', 'recovered', 'net', 'reopenRate', 'wonBackRate'];
export const UNMATCHED_COLUMNS = ['caseId', 'openedAt', 'description'];
export const HANDLER_COLUMNS = ['ownerId', 'name', 'currency', 'casesHandled', 'resolved', 'deadlineHitRate', 'ratingsGood', 'ratingsNeutral', 'ratingsBad', 'compensationIssued', 'thanks'];
const MONTH_COLUMNS = ['month', 'currency', 'issuedCount', 'issued', 'reverted', 'recovered', 'spent', 'net', 'budget', 'budgetUsed'];
const KIND_COLUMNS = ['kind', 'currency', 'issuedCount', 'issued', 'reverted', 'recovered', 'net'];
const TOTAL_COLUMNS = ['currency', 'issuedCount', 'issued', 'net', 'averagePerCase', 'wonBack', 'wonBackPerThousand'];

const wantsCsv = (req: { accepts(types: string[]): string | false }) => req.accepts(['application/json', 'text/csv']) === 'text/csv';
function sendCsv(res: Response, name: string, rows: object[], columns: ReadonlyArray<string>): void {
  res.type('text/csv').attachment(`${name}.csv`).send(toCsv(rows.map(csvRow), columns));
}

/**
 * Leads' reports; `Accept: text/csv` gives CSV. Periods default to the current month in the team's
 * zone. Each report first applies what the journal holds beyond the read models, so it is never stale.
 */
export function reportsRouter(engine: Engine): Router {
  const r = Router();
  const prepare = async <T extends z.ZodType>(res: Response, schema: T, query: unknown) => {
    requireLead(res);
    const q = parse(schema, query, 'query') as z.infer<T> & { from?: string; to?: string };
    const p = periodOf(q, engine.config.timeZone, nowIso(engine));
    await catchUp(engine);
    return { q, p, head: { from: p.fromIso, to: p.toIso, timeZone: p.zone } };
  };

  r.get('/scenarios', async (req, res) => {
    const { q, p, head } = await prepare(res, ScenarioReportQuery, req.query);
    const report = await scenarioReport(engine.store.read, p);
    if (wantsCsv(req)) {
      if (q.view === 'unmatched') return sendCsv(res, 'unmatched', report.unmatched, UNMATCHED_COLUMNS);
      return sendCsv(res, 'scenarios', report.items, SCENARIO_COLUMNS);
    }
    res.json({ ...head, ...report });
  });

  r.get('/handlers', async (req, res) => {
    const { p, head } = await prepare(res, ReportQuery, req.query);
    const items = await handlerReport(engine.store.read, p);
    if (wantsCsv(req)) return sendCsv(res, 'handlers', items, HANDLER_COLUMNS);
    res.json({ ...head, items });
  });

  r.get('/compensation', async (req, res) => {
    const { q, p, head } = await prepare(res, CompensationReportQuery, req.query);
    const db = engine.store.read;
    const sums = await compensationSums(db, p);
    const rows = compensationByScenario(sums);
    const currencies = [...new Set(sums.map((s) => s.currency))];
    const budgets = new Map<string, Money | null>();
    for (const c of currencies) budgets.set(c, await budgetSetting(db, c as Currency));
    const months = byMonth(sums, budgets);
    const kinds = byKind(sums);
    const sumsTotal = totals(sums, await compensatedWonBack(db, p.fromIso, p.toIso));
    if (wantsCsv(req)) {
      if (q.view === 'months') return sendCsv(res, 'compensation-months', months, MONTH_COLUMNS);
      if (q.view === 'kinds') return sendCsv(res, 'compensation-kinds', kinds, KIND_COLUMNS);
      if (q.view === 'totals') return sendCsv(res, 'compensation-totals', sumsTotal, TOTAL_COLUMNS);
      res.type('text/csv').attachment('compensation.csv').send(toCsv(rows.map(compensationCsvRow), COMPENSATION_COLUMNS));
      return;
    }
    // `to` in the answer is the exact end of the period, exclusive: the moment after the last day.
    res.json({ ...head, items: rows.map(compensationItem), months, kinds, totals: sumsTotal });
  });
  return r;
}
