import { z } from 'zod';
import { Channel } from './customer.js';
import { PositiveMoney } from './money.js';
import { MESSAGE_FIELDS, text } from './message-fields.js';
import { OfferTerms } from './offers.js';
import { RatingReceived } from './rating.js';

const reason = z.object({ reason: text(2000) }).strict();

/** Charging the at-fault executor back: recorded by a lead, proposed by the case's handler. */
const recovery = z
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
  });


/**
 * Public event payloads, one strict schema per type. These are the stable names of
 * `POST /api/v1/cases/:id/events`; the same schemas produce the JSON Schema in `allowedEvents`.
 */
export const EVENT_PAYLOADS = {
  ASSIGN: z.object({ ownerId: text(200) }).strict(),
  REASSIGN: z.object({ ownerId: text(200) }).strict(),
  CALL_LOGGED: z.object({ summary: text() }).strict(),
  APOLOGIZE: z.object({ channel: Channel.optional().describe("how the apology reached the customer; the case's channel when omitted"), ...MESSAGE_FIELDS }).strict(),
  EXPLAIN: z.object({ cause: text(), prevention: text(), ...MESSAGE_FIELDS }).strict(),
  OFFER: OfferTerms,
  APPROVE_OFFER: z.object({ offerId: text(200).optional(), value: PositiveMoney.optional(), comment: text(2000) }).strict(),
  REJECT_OFFER: z.object({ offerId: text(200).optional(), comment: text(2000) }).strict(),
  CUSTOMER_ACCEPTED: z.object({}).strict(),
  CUSTOMER_DECLINED: reason,
  ISSUE: z.object({}).strict(),
  SKIP_COMPENSATION: z
    .object({
      reason: text(2000).describe('why there is nothing to compensate; the not-a-defect note quotes it to the customer'),
      notify: z.boolean().optional().describe('false: skip without the not-a-defect note'),
      ...MESSAGE_FIELDS,
    })
    .strict(),
  FOLLOW_UP: z.object({ ...MESSAGE_FIELDS, rating: z.enum(['good', 'neutral', 'bad']).optional() }).strict(),
  REOPEN: z.object({ reason: text(2000), ...MESSAGE_FIELDS }).strict(),
  ESCALATE: reason,
  ORDER_PLACED: z.object({ orderId: text(200) }).strict(),
  CLOSE_LOST: reason,
  REVERT: reason,
  RECORD_RECOVERY: recovery,
  PROPOSE_RECOVERY: recovery,
  DEADLINE_MISSED: z.object({ step: text(100) }).strict(),
  WIN_BACK_EXPIRED: z.object({}).strict(),
  RATING_RECEIVED: RatingReceived,
  RERATED: z
    .object({
      rating: z.enum(['good', 'neutral', 'bad']).describe("the customer's verdict after resolution"),
      comment: z.string().max(2000).optional(),
      source: z.enum(['statusPage', 'intake']).describe('where the customer gave it'),
    })
    .strict(),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

/** Sent only by the engine itself: its timers and intake. */
export const SYSTEM_EVENTS: ReadonlySet<EventType> = new Set(['DEADLINE_MISSED', 'WIN_BACK_EXPIRED', 'RATING_RECEIVED', 'RERATED']);

export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** A validated public event: `{ type, ...payload }`. */
export type PublicEvent = { [T in EventType]: { type: T } & EventPayload<T> }[EventType];

export function isEventType(t: unknown): t is EventType {
  return typeof t === 'string' && Object.hasOwn(EVENT_PAYLOADS, t);
}
