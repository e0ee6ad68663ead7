import { z } from 'zod';
import { OpenCaseInput } from '../domain/case.js';
import { EVENT_PAYLOADS, EVENT_TYPES, SYSTEM_EVENTS } from '../domain/events.js';
import { Money } from '../domain/money.js';
import { OrderInput, RatingInput } from '../domain/rating.js';
import { Decision } from './approvals.js';
import { AuditQuery } from './audit.js';
import { ListQuery } from './cases.js';
import { NewUserInput, UserChange } from './people.js';
import { ReportQuery } from './reports.js';
import { PreviewInput } from './messages.js';

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

/** One event as sent: `{ type, ...payload }`, one alternative per public event type. */
function eventSchema() {
  return {
    oneOf: EVENT_TYPES.filter((t) => !SYSTEM_EVENTS.has(t)).map((t) => {
      const payload = toSchema(EVENT_PAYLOADS[t]);
      return {
        ...payload,
        title: t,
        properties: { type: { type: 'string', enum: [t] }, ...((payload.properties as object | undefined) ?? {}) },
        required: ['type', ...((payload.required as string[] | undefined) ?? [])],
      };
    }),
    discriminator: { propertyName: 'type' },
  };
}

const problem = { description: 'RFC 9457 problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const json = (ref: string, description = 'OK') => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const body = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } };

/** Intake webhooks are signed instead of carrying a bearer token. */
const intakeHeaders = [
  { name: 'X-Amends-Timestamp', in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9]+$' }, description: 'unix seconds; more than 5 minutes off is refused' },
  {
    name: 'X-Amends-Signature',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with AMENDS_INTAKE_SECRET>',
  },
];

function queryParams(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: toSchema(s as z.ZodType) }));
}

let cached: unknown;

/** The contract, built from the same zod schemas that validate requests. */
export function openApiDocument(): unknown {
  cached ??= {
    openapi: '3.0.3',
    info: { title: 'Amends', version: '1', description: 'Complaint-resolution workflow engine. Money is integer minor units with a currency.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Money: toSchema(Money),
        OpenCase: toSchema(OpenCaseInput),
        Event: eventSchema(),
        Decision: toSchema(Decision),
        NewUser: toSchema(NewUserInput),
        UserChange: toSchema(UserChange),
        Preview: toSchema(PreviewInput),
        RenderedMessage: {
          type: 'object',
          required: ['template', 'channel', 'locale', 'body', 'findings'],
          properties: {
            template: { type: 'string' }, channel: { type: 'string', enum: ['email', 'chat', 'sms'] }, locale: { type: 'string', enum: ['ru', 'en'] },
            subject: { type: 'string' }, body: { type: 'string' }, html: { type: 'string' },
            segments: { type: 'object', properties: { encoding: { type: 'string', enum: ['GSM-7', 'UCS-2'] }, units: { type: 'integer' }, segments: { type: 'integer' } } },
            findings: { type: 'array', items: { type: 'object', properties: { phrase: { type: 'string' }, why: { type: 'string' }, suggestion: { type: 'string' }, kind: { type: 'string' } } } },
          },
        },
        Rating: toSchema(RatingInput),
        Order: toSchema(OrderInput),
        Case: { type: 'object', description: 'A case: state, owner, deadlines, budget, spent, remaining, ledger, allowedEvents, checklist, statusUrl', additionalProperties: true },
        CaseList: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Case' } }, nextCursor: { type: 'string', nullable: true } } },
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            allowedEvents: { type: 'array', items: { type: 'string' } },
            currentVersion: { type: 'integer' },
            findings: { type: 'array', items: { type: 'object', properties: { phrase: { type: 'string' }, why: { type: 'string' }, suggestion: { type: 'string' } } } },
          },
        },
      },
    },
    paths: {
      '/api/v1/cases': {
        post: { summary: 'Open a case', parameters: [idempotencyKey], requestBody: body('OpenCase'), responses: { 201: json('Case', 'Opened'), default: problem } },
        get: { summary: 'List cases, newest first', parameters: queryParams(ListQuery), responses: { 200: json('CaseList'), default: problem } },
      },
      '/api/v1/cases/{id}': { get: { summary: 'The case', parameters: [idParam('id')], responses: { 200: json('Case'), default: problem } } },
      '/api/v1/cases/{id}/events': {
        post: {
          summary: 'Advance the case',
          parameters: [idParam('id'), idempotencyKey, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'the version last read; 412 when stale' }],
          requestBody: body('Event'),
          responses: { 200: json('Case'), default: problem },
        },
      },
      '/api/v1/cases/{id}/messages/preview': {
        post: { summary: "Render the step's message (or a named template, or the handler's text) with blame-lint findings", parameters: [idParam('id')], requestBody: body('Preview'), responses: { 200: json('RenderedMessage'), default: problem } },
      },
      '/api/v1/cases/{id}/timeline': { get: { summary: 'The journal of the case', parameters: [idParam('id')], responses: { 200: { description: 'Journal entries' }, default: problem } } },
      '/api/v1/approvals': { get: { summary: "The leads' inbox", responses: { 200: { description: 'Offers waiting for approval' }, default: problem } } },
      '/api/v1/approvals/{id}/decision': {
        post: { summary: 'Approve (optionally another amount) or reject', parameters: [idParam('id'), idempotencyKey], requestBody: body('Decision'), responses: { 200: json('Case'), default: problem } },
      },
      '/api/v1/scenarios': { get: { summary: 'The playbooks', responses: { 200: { description: 'Scenarios' } } } },
      '/api/v1/scenarios/{id}': { get: { summary: 'One playbook', parameters: [idParam('id')], responses: { 200: { description: 'Scenario' }, default: problem } } },
      '/api/v1/me': { get: { summary: 'Who the token belongs to', responses: { 200: { description: '{ id, name, role, limit }' } } } },
      '/api/v1/users': {
        get: { summary: 'People (leads)', responses: { 200: { description: 'Users' }, default: problem } },
        post: { summary: 'Create a person with a first token (admins; audited; a taken email answers 409)', requestBody: body('NewUser'), responses: { 201: { description: 'User with its token' }, default: problem } },
      },
      '/api/v1/users/{id}': {
        patch: { summary: "Change a person's limit or deactivate them (admins; audited)", parameters: [idParam('id')], requestBody: body('UserChange'), responses: { 200: { description: 'User' }, default: problem } },
      },
      '/api/v1/users/{id}/tokens': {
        post: { summary: 'Issue another token (admins; audited)', parameters: [idParam('id')], responses: { 201: { description: '{ token }' }, default: problem } },
        delete: { summary: 'Revoke every token of the person (admins; audited)', parameters: [idParam('id')], responses: { 200: { description: '{ revoked }' }, default: problem } },
      },
      '/api/v1/audit': {
        get: { summary: 'Changes of people, limits, tokens and budgets, oldest first (admins)', parameters: queryParams(AuditQuery), responses: { 200: { description: '{ items, nextCursor }' }, default: problem } },
      },
      '/api/v1/budget': {
        get: { summary: "The team's monthly budget and spend (leads)", responses: { 200: { description: 'Budget' }, default: problem } },
        put: { summary: "Set the team's monthly budget (admins)", requestBody: body('Money'), responses: { 200: { description: 'Budget' }, default: problem } },
      },
      '/api/v1/reports/compensation': { get: { summary: 'Compensation per scenario, net of recovery; Accept: text/csv for CSV', parameters: queryParams(ReportQuery), responses: { 200: { description: 'Report' }, default: problem } } },
      '/api/v1/intake/ratings': {
        post: {
          summary: "An order's rating; a low one opens a case (one per order), a later one is journaled on it",
          security: [],
          parameters: intakeHeaders,
          requestBody: body('Rating'),
          responses: {
            201: { description: 'A case was opened: { case, opened: true, matched }' },
            200: { description: 'Nothing opened: { case: null } for a good rating, or the case the order already has' },
            default: problem,
          },
        },
      },
      '/api/v1/intake/orders': {
        post: {
          summary: "An order placed: wins back the customer's cases resolved within AMENDS_WIN_BACK_DAYS",
          security: [],
          parameters: intakeHeaders,
          requestBody: body('Order'),
          responses: { 200: { description: '{ wonBack: [{ id, ref }] }' }, default: problem },
        },
      },
      '/healthz': { get: { summary: 'Health', security: [], responses: { 200: { description: 'ok' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', security: [], responses: { 200: { description: 'text exposition format' } } } },
      '/status/{token}': { get: { summary: "The customer's status page (HTML)", security: [], parameters: [idParam('token')], responses: { 200: { description: 'HTML' } } } },
    },
  };
  return cached;
}
