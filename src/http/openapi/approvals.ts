import { z } from 'zod';
import { Tier } from '../../domain/customer.js';
import { Money } from '../../domain/money.js';
import { OfferKind } from '../../domain/offers.js';
import { Decision } from '../approvals.js';
import { operation, type Paths } from './builder.js';
import { caseWritten } from './cases.js';
import { IsoDateTime, PersonRef } from './shared.js';

const InboxItem = z
  .object({
    id: z.string().describe('the offer id; decide with POST /api/v1/approvals/{id}/decision'),
    caseId: z.string(),
    ref: z.string(),
    scenario: z.string(),
    customer: z.object({ id: z.string(), name: z.string(), tier: Tier }).strict(),
    offer: z.object({ kind: OfferKind, value: Money, percent: z.number().int().nullable() }).strict(),
    requestedBy: PersonRef,
    requestedAt: IsoDateTime,
    reasons: z.array(z.string()).describe('why a lead has to approve'),
    budget: Money,
    spent: Money,
    remaining: Money,
    dueAt: IsoDateTime.nullable(),
    canDecide: z.boolean().describe('false for the lead who asked'),
  })
  .strict();

export const approvalPaths: Paths = {
  '/api/v1/approvals': {
    get: operation({ summary: "The leads' inbox, oldest request first", tags: ['approvals'], ok: { 200: { schema: z.object({ items: z.array(InboxItem) }).strict() } }, problems: [403] }),
  },
  '/api/v1/approvals/{id}/decision': {
    post: operation({
      summary: 'Approve (optionally a lower amount) or reject an offer',
      tags: ['approvals'],
      params: { id: 'the offer id' },
      headers: ['Idempotency-Key', 'Prefer'],
      body: Decision,
      ok: { 200: { schema: caseWritten, headers: ['ETag', 'Location', 'Idempotent-Replayed', 'Preference-Applied'] } },
      problems: [403, 409, 412, 422],
    }),
  },
};
