import { z } from 'zod';
import { PreviewInput } from '../messages.js';
import { operation, type Paths } from './builder.js';

const Finding = z.object({ phrase: z.string(), why: z.string(), suggestion: z.string(), kind: z.string() }).strict();

/** What the customer would receive, with the blame lint's findings; nothing is written. */
const RenderedMessage = z
  .object({
    template: z.string().nullable(),
    channel: z.enum(['email', 'chat', 'sms']),
    locale: z.enum(['ru', 'en']),
    subject: z.string().optional(),
    body: z.string(),
    html: z.string().optional(),
    segments: z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), units: z.number().int(), segments: z.number().int() }).loose().optional(),
    findings: z.array(Finding),
  })
  .loose();

export const messagePaths: Paths = {
  '/api/v1/cases/{id}/messages/preview': {
    post: operation({
      summary: "Render the step's message (or a named template, or the handler's own text) with blame-lint findings",
      tags: ['cases'],
      params: { id: 'the case id' },
      body: PreviewInput,
      ok: { 200: { schema: RenderedMessage } },
      problems: [409],
    }),
  },
};
