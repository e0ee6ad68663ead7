import { z } from 'zod';
import { catalog } from '../../../workflows/scenarios/index.js';
import { Scenario } from '../../../workflows/scenarios/schema.js';
import { OpenCaseInput, Tone } from '../../domain/case.js';
import { Channel, Customer, Locale, Tier } from '../../domain/customer.js';
import { EVENT_PAYLOADS, EVENT_TYPES, SYSTEM_EVENTS } from '../../domain/events.js';
import { Money } from '../../domain/money.js';
import { LEDGER_ENTRIES, OfferKind } from '../../domain/offers.js';
import { ListQuery, TimelineQuery } from '../cases.js';
import { component, jsonSchema, operation, type Json, type Paths } from './builder.js';
import { IsoDateTime, Localized, PersonRef } from './shared.js';

const Status = z.enum(['open', 'resolved', 'closed']);
const Outcome = z.enum(['pending', 'wonBack', 'lost']);

/** One case in a list. */
export const CaseSummary = z
  .object({
    id: z.string(),
    ref: z.string().describe('for humans, e.g. AM-000042'),
    version: z.number().int().min(1),
    state: z.string().describe('the statechart value as a dotted path, e.g. compensate.awaitingApproval'),
    status: Status,
    outcome: Outcome,
    scenario: z.string(),
    tone: Tone,
    severity: Scenario.shape.severity,
    channel: Channel,
    customer: z.object({ id: z.string(), name: z.string(), tier: Tier, locale: Locale }).strict(),
    orderId: z.string().nullable(),
    owner: PersonRef.nullable(),
    budget: Money,
    spent: Money,
    remaining: Money,
    committed: Money.describe('approved and not yet issued'),
    escalated: z.boolean(),
    breaching: z.boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .strict();

const OfferInPlay = z
  .object({
    id: z.string(),
    kind: OfferKind,
    value: Money,
    percent: z.number().int().nullable(),
    requestedBy: PersonRef,
    approved: Money.nullable(),
    status: z.enum(['awaitingApproval', 'offered', 'accepted', 'issued', 'reverted']),
  })
  .strict();

const LedgerLine = z
  .object({
    version: z.number().int(),
    entry: z.enum(LEDGER_ENTRIES),
    offerId: z.string().nullable(),
    kind: OfferKind.nullable(),
    value: Money.nullable(),
    by: PersonRef,
    executorId: z.string().nullable(),
    note: z.string().nullable(),
    at: IsoDateTime,
  })
  .strict();

const ChecklistItem = z.object({ id: z.string(), do: Localized, say: Localized.optional() }).strict();

/** A playbook's suggestion in the case's currency, shaped like the OFFER payload so it can be sent as it is. */
const SuggestedOffer = z.union([
  z.object({ kind: z.literal('discount'), percent: z.number().int().min(1).max(100), title: Localized }).strict(),
  z.object({ kind: OfferKind.exclude(['discount']), value: Money, title: Localized }).strict(),
]);

/** A message to the customer with its delivery status. */
const CaseMessage = z
  .object({
    id: z.string(),
    purpose: z.string().nullable(),
    template: z.string().nullable(),
    channel: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    segments: z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), units: z.number().int(), segments: z.number().int() }).loose().nullable(),
    status: z.enum(['held', 'pending', 'sent', 'failed', 'expired']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: IsoDateTime,
    deliveredAt: IsoDateTime.nullable(),
  })
  .strict();

/** `GET /api/v1/cases/{id}`: everything a handler needs to take the next step. */
export const CaseView = CaseSummary.extend({
  description: z.string(),
  customer: Customer,
  executorId: z.string().nullable(),
  scenario: z.object({ id: z.string(), title: Localized }).strict(),
  deadlines: z.array(z.object({ step: z.string(), dueAt: IsoDateTime }).strict()),
  missedDeadlines: z.array(z.object({ step: z.string(), dueAt: IsoDateTime, firedAt: IsoDateTime.nullable() }).strict()),
  winBackUntil: IsoDateTime.nullable(),
  breaches: z.array(z.string()),
  recovered: Money.describe('charged back to the executor'),
  offer: OfferInPlay.nullable(),
  pendingApproval: z.string().nullable().describe('the offer id waiting for a lead'),
  suggestedOffers: z.array(SuggestedOffer),
  ledger: z.array(LedgerLine),
  allowedEvents: z.array(z.object({ type: z.enum(EVENT_TYPES), schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the payload') }).strict()),
  checklist: z.object({ step: z.string(), dueAt: IsoDateTime.nullable().describe("the step's deadline; `{due}` in the texts is replaced by it"), items: z.array(ChecklistItem) }).strict(),
  statusUrl: z.string().describe("the customer's own status page"),
  resolvedAt: IsoDateTime.nullable(),
  messages: z.array(CaseMessage).describe('what the customer was sent, oldest first'),
}).strict();

/** The answer to a write with `Prefer: return=minimal`. */
export const CaseMinimal = z.object({ id: z.string(), ref: z.string(), version: z.number().int().min(1), state: z.string(), status: Status }).strict();

const CaseList = z.object({ items: z.array(CaseSummary), nextCursor: z.string().nullable().describe('pass as `cursor` for the next page') }).strict();

const TimelineEntry = z
  .object({
    version: z.number().int().min(1),
    type: z.string().describe('the event type, or OPENED'),
    by: z.object({ id: z.string(), role: z.string(), name: z.string() }).strict(),
    from: z.string().nullable(),
    to: z.string(),
    payload: z.record(z.string(), z.unknown()),
    at: IsoDateTime,
  })
  .strict();

/** Put `type` beside the payload's own fields, in every branch a union payload has. */
function withType(schema: Json, type: string): Json {
  if (schema.properties) {
    return {
      ...schema,
      properties: { type: { type: 'string', const: type }, ...(schema.properties as Json) },
      required: ['type', ...((schema.required as string[] | undefined) ?? [])],
    };
  }
  for (const k of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[k])) return { ...schema, [k]: (schema[k] as Json[]).map((b) => withType(b, type)) };
  }
  return { type: 'object', properties: { type: { type: 'string', const: type } }, required: ['type'] };
}

/** One event as sent: `{ type, ...payload }`, one alternative per public event type. */
function eventSchema(): Json {
  return {
    oneOf: EVENT_TYPES.filter((t) => !SYSTEM_EVENTS.has(t)).map((t) => ({ title: t, ...withType(jsonSchema(EVENT_PAYLOADS[t], 'input'), t) })),
  };
}

export const CaseRef = component('Case', CaseView);
const CaseMinimalRef = component('CaseMinimal', CaseMinimal);
const EventRef = component('Event', eventSchema());
/** The opening body, with the scenario ids of the shipped catalog: the server refuses any other. */
function openCaseSchema(): Json {
  const schema = jsonSchema(OpenCaseInput, 'input');
  const props = schema.properties as Record<string, Json>;
  props.scenario = { ...props.scenario, enum: [...catalog.keys()].sort() };
  return schema;
}

const OpenCaseRef = component('OpenCase', openCaseSchema());

/** A write's answer: the case, or its minimal form under `Prefer: return=minimal`. */
export const caseWritten = { anyOf: [CaseRef, CaseMinimalRef] };

const id = { id: 'the case id' };

export const casePaths: Paths = {
  '/api/v1/cases': {
    post: operation({
      summary: 'Open a case by hand',
      description: 'A case opened by a handler belongs to them; only leads and admins may name another owner.',
      tags: ['cases'],
      headers: ['Idempotency-Key', 'Prefer'],
      body: OpenCaseRef,
      ok: {
        201: { description: 'Opened', schema: caseWritten, headers: ['ETag', 'Location', 'Preference-Applied'] },
        200: { description: 'The replayed answer to an earlier request with the same Idempotency-Key', schema: caseWritten, headers: ['ETag', 'Location', 'Idempotent-Replayed', 'Preference-Applied'] },
      },
      problems: [403, 404, 409, 422],
    }),
    get: operation({ summary: 'List cases, newest first', tags: ['cases'], query: ListQuery, ok: { 200: { schema: CaseList } } }),
  },
  '/api/v1/cases/{id}': {
    get: operation({ summary: 'The case', tags: ['cases'], params: id, ok: { 200: { schema: CaseRef, headers: ['ETag'] } } }),
  },
  '/api/v1/cases/{id}/events': {
    post: operation({
      summary: 'Advance the case',
      tags: ['cases'],
      params: id,
      headers: ['Idempotency-Key', 'If-Match', 'Prefer'],
      body: EventRef,
      ok: { 200: { schema: caseWritten, headers: ['ETag', 'Location', 'Idempotent-Replayed', 'Preference-Applied'] } },
      problems: [403, 409, 412, 422],
    }),
  },
  '/api/v1/cases/{id}/timeline': {
    get: operation({ summary: 'The journal of the case, oldest first', tags: ['cases'], params: id, query: TimelineQuery, ok: { 200: { schema: z.object({ items: z.array(TimelineEntry) }).strict() } } }),
  },
};
