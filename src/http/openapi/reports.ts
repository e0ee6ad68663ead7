import { z } from 'zod';
import { Money } from '../../domain/money.js';
import { CompensationReportQuery, ReportQuery, ScenarioReportQuery } from '../reports.js';
import { operation, type Paths } from './builder.js';
import { IsoDateTime } from './shared.js';

const Rate = z.number().min(0).max(1).nullable();
const Ms = z.number().int().nullable();
const head = {
  from: IsoDateTime,
  to: IsoDateTime,
  timeZone: z.string().describe('the team time zone the dates were read in'),
};
const PERIOD =
  'Dates are whole days in the team time zone (`to` inclusive); date-times are exact (`to` exclusive); the current month by default. `Accept: text/csv` answers CSV with a header row, money in major units beside a currency column.';

/** One row per scenario and currency; amounts are money objects. */
const CompensationRow = z
  .object({
    scenario: z.string(),
    currency: z.string(),
    offers: z.number().int(),
    approvalRequests: z.number().int(),
    issuedCount: z.number().int(),
    issued: Money,
    reverted: Money,
    recovered: Money,
    net: Money.describe('issued − reverted − recovered'),
  })
  .strict();

const MonthRow = z
  .object({
    month: z.string().describe('YYYY-MM in the team time zone'),
    currency: z.string(),
    issuedCount: z.number().int(),
    issued: Money,
    reverted: Money,
    recovered: Money,
    spent: Money.describe('issued − reverted: what counts against the monthly budget'),
    net: Money,
    budget: Money.nullable().describe('the team monthly budget as set now'),
    budgetUsed: Rate.describe('spent / budget'),
  })
  .strict();

const KindRow = z.object({ kind: z.string(), currency: z.string(), issuedCount: z.number().int(), issued: Money, reverted: Money, recovered: Money, net: Money }).strict();

const TotalRow = z
  .object({
    currency: z.string(),
    issuedCount: z.number().int(),
    issued: Money,
    net: Money,
    averagePerCase: Money.nullable().describe('net / issued offers'),
    wonBack: z.number().int().describe('compensated cases won back in the period'),
    wonBackPerThousand: z.number().nullable().describe('won-back cases per 1000 major units of net spend'),
  })
  .strict();

const ScenarioRow = z
  .object({
    scenario: z.string(),
    currency: z.string(),
    cases: z.number().int().describe('cases opened in the period'),
    share: Rate.describe('of all cases opened in the period'),
    firstResponseMedianMs: Ms.describe('opening → apology or personal call; nearest-rank percentiles'),
    firstResponseP90Ms: Ms,
    resolutionMedianMs: Ms.describe('opening → (last) resolution'),
    resolutionP90Ms: Ms,
    deadlineHitRate: Rate.describe('share of cases with no missed deadline'),
    issued: Money,
    recovered: Money,
    net: Money.describe('issued − reverted − recovered'),
    reopenRate: Rate,
    wonBackRate: Rate,
  })
  .strict();

const Unmatched = z.object({ caseId: z.string(), openedAt: IsoDateTime, description: z.string() }).strict();

const HandlerRow = z
  .object({
    ownerId: z.string(),
    name: z.string(),
    currency: z.string(),
    casesHandled: z.number().int().describe('cases opened in the period that the person owns now'),
    resolved: z.number().int(),
    deadlineHitRate: Rate,
    ratingsGood: z.number().int().describe('latest rating after resolution: the follow-up or a re-rating'),
    ratingsNeutral: z.number().int(),
    ratingsBad: z.number().int(),
    compensationIssued: Money.describe('issued less reverted'),
    thanks: z.number().int().describe('good re-ratings with a comment'),
  })
  .strict();

const report = (summary: string, query: z.ZodObject, schema: z.ZodType) =>
  operation({
    summary,
    description: PERIOD,
    tags: ['reports'],
    query,
    headers: ['Accept'],
    ok: { 200: { schema, csv: true, headers: ['Content-Disposition'] } },
    problems: [403],
  });

export const reportPaths: Paths = {
  '/api/v1/reports/compensation': {
    get: report(
      'Compensation per scenario, month (against the budget), offer kind and currency (leads)',
      CompensationReportQuery,
      z.object({ ...head, items: z.array(CompensationRow), months: z.array(MonthRow), kinds: z.array(KindRow), totals: z.array(TotalRow) }).strict(),
    ),
  },
  '/api/v1/reports/scenarios': {
    get: report(
      'Cases, speed, deadlines, money and win-back per scenario; unmatched cases as playbook candidates (leads)',
      ScenarioReportQuery,
      z.object({ ...head, totalCases: z.number().int(), items: z.array(ScenarioRow), unmatched: z.array(Unmatched) }).strict(),
    ),
  },
  '/api/v1/reports/handlers': {
    get: report('Cases, deadlines, ratings, compensation and thanks per handler (leads)', ReportQuery, z.object({ ...head, items: z.array(HandlerRow) }).strict()),
  },
};
