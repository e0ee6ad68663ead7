import { z } from 'zod';
import { PositiveMoney } from './money.js';

export const OFFER_KINDS = ['discount', 'credit', 'refund', 'extraService', 'gift'] as const;
export const OfferKind = z.enum(OFFER_KINDS);
export type OfferKind = z.infer<typeof OfferKind>;

/** What a handler proposes. `value` is what it costs the company, used for budgets and limits. */
export const OfferTerms = z
  .object({
    kind: OfferKind,
    value: PositiveMoney,
    percent: z.number().int().min(1).max(100).optional().describe('discount on the next order, for kind "discount"'),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine((o) => o.kind !== 'discount' || o.percent !== undefined, {
    message: 'a discount needs its percent',
    path: ['percent'],
  });
export type OfferTerms = z.infer<typeof OfferTerms>;

export const LEDGER_ENTRIES = [
  'offered',
  'approvalRequested',
  'approved',
  'rejected',
  'accepted',
  'declined',
  'withdrawn',
  'issued',
  'reverted',
  'recovered',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRIES)[number];
