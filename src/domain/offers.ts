import { z } from 'zod';
import { MESSAGE_FIELDS } from './message-fields.js';
import { NonNegativeMoney, PositiveMoney } from './money.js';

export const OFFER_KINDS = ['discount', 'credit', 'refund', 'extraService', 'gift'] as const;
export const OfferKind = z.enum(OFFER_KINDS);
export type OfferKind = z.infer<typeof OfferKind>;

/** Kinds that cost the company a sum of money, as opposed to a percentage off the next order. */
export const VALUED_OFFER_KINDS = ['credit', 'refund', 'extraService', 'gift'] as const;

const note = z.string().max(2000).optional();
/** A playbook's title of a suggested offer, so a suggestion can be sent exactly as the case view gives it. */
const title = z.object({ ru: z.string().max(500), en: z.string().max(500) }).strict().optional().describe('the title of a suggested offer; recorded, not shown');

/** A discount on the next order: the customer gets `percent`; `value` is the handler's estimate of its cost. */
export const DiscountOffer = z
  .object({
    kind: z.literal('discount'),
    percent: z.number().int().min(1).max(100).describe('discount on the next order'),
    value: NonNegativeMoney.optional().describe('estimated cost to the company; absent means zero in the case currency'),
    note,
    title,
    ...MESSAGE_FIELDS,
  })
  .strict();

/** Credit, refund, a free extra service or a gift: `value` is what it costs the company. */
export const ValuedOffer = z
  .object({
    kind: z.enum(VALUED_OFFER_KINDS),
    value: PositiveMoney,
    note,
    title,
    ...MESSAGE_FIELDS,
  })
  .strict();

/** What a handler proposes; the value counts against limits and budgets. */
export const OfferTerms = z.discriminatedUnion('kind', [DiscountOffer, ValuedOffer]);
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
