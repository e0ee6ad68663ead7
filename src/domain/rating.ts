import { z } from 'zod';
import { Customer } from './customer.js';

const Score = z.number().int().min(1).max(5);

/** Per-aspect scores; the named ones are the usual aspects, others are welcome. */
export const Aspects = z
  .object({ punctuality: Score.optional(), quality: Score.optional(), politeness: Score.optional(), completeness: Score.optional() })
  .catchall(Score);

const Iso = z.iso.datetime({ offset: true });

/** `POST /api/v1/intake/ratings`: an order's rating, as the booking system sends it. */
export const RatingInput = z
  .object({
    orderId: z.string().min(1).max(200),
    customer: Customer,
    executor: z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(200).optional() }).strict().optional(),
    overall: Score,
    aspects: Aspects.default({}),
    comment: z.string().max(10_000).optional(),
    ratedAt: Iso,
  })
  .strict();
export type RatingInput = z.infer<typeof RatingInput>;

/** `POST /api/v1/intake/orders`: the customer ordered again. */
export const OrderInput = z
  .object({ orderId: z.string().min(1).max(200), customerId: z.string().min(1).max(200), placedAt: Iso })
  .strict();
export type OrderInput = z.infer<typeof OrderInput>;

/** What a further rating of a rated order adds to its case's journal. */
export const RatingReceived = z
  .object({ orderId: z.string().min(1).max(200), overall: Score, aspects: z.record(z.string(), Score), comment: z.string().max(10_000).optional(), ratedAt: Iso })
  .strict();
