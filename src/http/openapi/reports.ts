import { z } from 'zod';
import { Money } from '../../domain/money.js';
import { ReportQuery } from '../reports.js';
import { operation, type Paths } from './builder.js';
import { IsoDateTime } from './shared.js';

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

export const reportPaths: Paths = {
  '/api/v1/reports/compensation': {
    get: operation({
      summary: 'Compensation per scenario, net of recovery (leads)',
      description: '`Accept: text/csv` answers CSV with a header row. Dates are whole days in the team time zone (`to` inclusive); date-times are exact (`to` exclusive); the current month by default.',
      tags: ['reports'],
      query: ReportQuery,
      headers: ['Accept'],
      ok: { 200: { schema: z.object({ from: IsoDateTime, to: IsoDateTime, timeZone: z.string().describe('the team time zone the dates were read in'), items: z.array(CompensationRow) }).strict(), csv: true, headers: ['Content-Disposition'] } },
      problems: [403],
    }),
  },
};
