import { z } from 'zod';
import { Channel } from './customer.js';
import { PositiveMoney } from './money.js';
import { OfferTerms } from './offers.js';

// `\S` puts "not blank" into the published schema too (trimming is invisible to JSON Schema).
const text = (max = 10_000) => z.string().trim().min(1).max(max).regex(/\S/, 'must not be blank');
const reason = z.object({ reason: text(2000) }).strict();

/**
 * Public event payloads, one strict schema per type. These are the stable names of
 * `POST /api/v1/cases/:id/events`; the same schemas produce the JSON Schema in `allowedEvents`.
 */
export const EVENT_PAYLOADS = {
  ASSIGN: z.object({ ownerId: text(200) }).strict(),
  REASSIGN: z.object({ ownerId: text(200) }).strict(),
  CALL_LOGGED: z.object({ summary: text() }).strict(),
  APOLOGIZE: z.object({ channel: Channel, text: text() }).strict(),
  EXPLAIN: z.object({ cause: text(), prevention: text(), text: text() }).strict(),
  OFFER: OfferTerms,
  APPROVE_OFFER: z.object({ offerId: text(200).optional(), value: PositiveMoney.optional(), comment: text(2000) }).strict(),
  REJECT_OFFER: z.object({ offerId: text(200).optional(), comment: text(2000) }).strict(),
  CUSTOMER_ACCEPTED: z.object({}).strict(),
  CUSTOMER_DECLINED: reason,
  ISSUE: z.object({}).strict(),
  SKIP_COMPENSATION: reason,
  FOLLOW_UP: z.object({ text: text(), rating: z.enum(['good', 'neutral', 'bad']).optional() }).strict(),
  REOPEN: reason,
  ESCALATE: reason,
  ORDER_PLACED: z.object({ orderId: text(200) }).strict(),
  CLOSE_LOST: reason,
  REVERT: reason,
  RECORD_RECOVERY: z
    .object({
      executorId: text(200),
      amount: PositiveMoney.optional().describe('the share charged back; omit to apply the scenario rule'),
      jobValue: PositiveMoney.optional().describe('what the job cost, for the scenario rule'),
      lateMinutes: z.number().int().min(0).optional(),
      note: z.string().max(2000).optional(),
    })
    .strict()
    .meta({ anyOf: [{ required: ['amount'] }, { required: ['jobValue'] }] })
    .refine((r) => r.amount !== undefined || r.jobValue !== undefined, {
      message: 'give the amount, or the job value for the scenario rule',
      path: ['amount'],
    }),
  DEADLINE_MISSED: z.object({ step: text(100) }).strict(),
  WIN_BACK_EXPIRED: z.object({}).strict(),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

/** Fired only by the engine's own timers. */
export const SYSTEM_EVENTS: ReadonlySet<EventType> = new Set(['DEADLINE_MISSED', 'WIN_BACK_EXPIRED']);

export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** A validated public event: `{ type, ...payload }`. */
export type PublicEvent = { [T in EventType]: { type: T } & EventPayload<T> }[EventType];

export function isEventType(t: unknown): t is EventType {
  return typeof t === 'string' && Object.hasOwn(EVENT_PAYLOADS, t);
}
