import { z } from 'zod';
import { Channel, Tier } from '../../domain/customer.js';
import { Calendar } from '../../sla/calendar.js';
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

export const slaPaths: Paths = {
  '/api/v1/calendar': {
    get: operation({ summary: "The team's business calendar (admins)", tags: ['sla'], ok: { 200: { schema: Calendar } }, problems: [403] }),
    put: operation({
      summary: "Set the team's business calendar (admins)",
      description: 'Pending business-time deadlines of open cases are computed again from when they started; `replanned` counts those that moved.',
      tags: ['sla'],
      body: Calendar,
      ok: { 200: { schema: z.object({ calendar: Calendar, replanned: z.number().int() }).strict() } },
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
