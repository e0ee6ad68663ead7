import { z } from 'zod';
import { Channel, Customer } from './customer.js';
import { lineOfText, plainText } from './text.js';
import { Currency } from './money.js';

export const Tone = z.enum(['constructive', 'conflict']);

/** `POST /api/v1/cases`. */
export const OpenCaseInput = z
  .object({
    customer: Customer,
    orderId: lineOfText(200).optional(),
    executorId: lineOfText(200).optional().describe('the provider who did the job, for recovery'),
    channel: Channel,
    description: plainText(z.string().trim().regex(/\S/, 'must not be blank').min(1).max(20_000)),
    scenario: z.string().regex(/^[a-z0-9-]+$/).optional(),
    tone: Tone.optional(),
    ownerId: z.string().min(1).max(200).nullable().optional().describe('null leaves the case unassigned in triage'),
    currency: Currency.optional().describe('the currency of the case budget; the team currency by default'),
  })
  .strict();
export type OpenCaseInput = z.infer<typeof OpenCaseInput>;
