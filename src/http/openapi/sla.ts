import { z } from 'zod';
import { Channel, Tier } from '../../domain/customer.js';
import { ROLES } from '../../domain/roles.js';
import { Calendar } from '../../sla/calendar.js';
import { CoverageQuery } from '../calendar.js';
import { operation, type Paths } from './builder.js';

const Target = z
  .object({
    tier: Tier,
    channel: Channel,
    minutes: z.number().int().describe('working minutes when businessHours, wall-clock minutes otherwise'),
    businessHours: z.boolean(),
    expectedBy: z.string().describe('ISO UTC: the latest first answer to a complaint sent now'),
    text: z.object({ ru: z.string(), en: z.string() }).strict(),
  })
  .strict();
const Sla = z.object({ generatedAt: z.string(), timeZone: z.string(), firstResponse: z.array(Target) }).strict();

const Shift = z.object({ rota: z.string().describe('`team` for the main calendar, else a rota name'), from: z.string(), to: z.string() }).strict();
const Coverage = z
  .object({
    timeZone: z.string().describe("the main calendar's zone"),
    from: z.string(),
    to: z.string(),
    intervals: z.array(z.object({ from: z.string(), to: z.string(), shifts: z.array(Shift).describe('who is open within the interval') }).strict()).describe('when at least one schedule is open, overlaps merged, ISO UTC'),
    coveredMinutes: z.number().int(),
    now: z
      .object({
        at: z.string(),
        open: z.array(z.string()).describe('schedules open now (`team`, rota names)'),
        onDuty: z.array(
          z
            .object({
              id: z.string(),
              name: z.string(),
              role: z.enum(ROLES),
              rota: z.string().nullable(),
              by: z.enum(['hours', 'rota', 'always']).describe('own working hours, the open rota, or no hours and no rota (always on duty)'),
            })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict();

export const slaPaths: Paths = {
  '/api/v1/calendar': {
    get: operation({ summary: "The team's business calendar (admins)", tags: ['sla'], ok: { 200: { schema: Calendar } }, problems: [403] }),
    put: operation({
      summary: "Set the team's business calendar (admins)",
      description:
        'Pending business-time deadlines of open cases are computed again from when they started; `replanned` counts those that moved. ' +
        'Business time counts the union of the main calendar and every rota (overlaps once). Removing a rota that people are on answers 409 naming them (`people`).',
      tags: ['sla'],
      body: Calendar,
      ok: { 200: { schema: z.object({ calendar: Calendar, replanned: z.number().int() }).strict() } },
      problems: [403, 409],
    }),
  },
  '/api/v1/calendar/coverage': {
    get: operation({
      summary: 'When the team is covered, by which rota, and who is on duty now (leads)',
      tags: ['sla'],
      query: CoverageQuery,
      ok: { 200: { schema: Coverage } },
      problems: [403],
    }),
  },
  '/api/v1/sla': {
    get: operation({
      summary: 'Expected first-response time per tier and channel, for a support page',
      description: "The median of the playbooks' first-answer deadlines, shortened for paid tiers, in business or wall-clock time as the playbooks say.",
      tags: ['sla'],
      public: true,
      ok: { 200: { schema: Sla } },
    }),
  },
};
