import { z } from 'zod';
import { ReportQuery } from '../reports.js';
import { operation, type Paths } from './builder.js';
import { IsoDateTime } from './shared.js';

/** One row per scenario and currency; the money columns are being reshaped, so only the keys are pinned. */
const CompensationRow = z.object({ scenario: z.string(), currency: z.string() }).loose();

export const reportPaths: Paths = {
  '/api/v1/reports/compensation': {
    get: operation({
      summary: 'Compensation per scenario, net of recovery (leads)',
      description: '`Accept: text/csv` answers CSV with a header row. The period is [from, to) in the team time zone; the current month by default.',
      tags: ['reports'],
      query: ReportQuery,
      headers: ['Accept'],
      ok: { 200: { schema: z.object({ from: IsoDateTime, to: IsoDateTime, items: z.array(CompensationRow) }).strict(), csv: true, headers: ['Content-Disposition'] } },
      problems: [403],
    }),
  },
};
