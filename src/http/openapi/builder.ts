import { z } from 'zod';

/**
 * A small builder for the OpenAPI 3.1 document. Each resource describes its operations in its own
 * module (src/http/openapi/<resource>.ts) with `operation()`, from the same zod schemas that validate
 * requests; `src/http/openapi.ts` puts the modules together.
 *
 * @example
 * export const auditPaths: Paths = {
 *   '/api/v1/audit': { get: operation({ summary: 'Changes of people and budgets', query: AuditQuery, ok: { 200: { schema: AuditPage } }, problems: [403] }) },
 * };
 */
export type Json = Record<string, unknown>;
export type Paths = Record<string, Record<string, Json>>;

/** JSON Schema 2020-12 of a zod schema, as requests are sent (`input`) or responses arrive (`output`). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  return rest;
}

const components = new Map<string, { schema: z.ZodType | Json; io: 'input' | 'output' }>();

/** A named schema under #/components/schemas, for shapes many operations share (Case, Money, Problem). */
export function component(name: string, schema: z.ZodType | Json, io: 'input' | 'output' = 'output'): Json {
  components.set(name, { schema, io });
  return { $ref: `#/components/schemas/${name}` };
}

export function componentSchemas(): Json {
  return Object.fromEntries([...components].map(([name, c]) => [name, c.schema instanceof z.ZodType ? jsonSchema(c.schema, c.io) : c.schema]));
}

const toJson = (s: z.ZodType | Json, io: 'input' | 'output') => (s instanceof z.ZodType ? jsonSchema(s, io) : s);

/** Request headers the API reads, described once. */
export const REQUEST_HEADERS = {
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Repeating a write with the same key replays its first answer (with `Idempotent-Replayed: true`); the same key with another body answers 422.',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  },
  'If-Match': {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The case version last read (its `ETag`), e.g. `"3"`; `*` matches any. A newer case answers 412.',
    schema: { type: 'string', pattern: '^\\s*(\\*|(W/)?"?\\d+"?)\\s*$' },
  },
  Prefer: {
    name: 'Prefer',
    in: 'header',
    required: false,
    description: '`return=minimal` (RFC 7240) answers with the id, ref, version, state and status only.',
    schema: { type: 'string' },
  },
  'X-Amends-Timestamp': {
    name: 'X-Amends-Timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds when the request was signed; more than 5 minutes off answers 401.',
    schema: { type: 'string', pattern: '^\\d{1,12}$' },
  },
  'X-Amends-Signature': {
    name: 'X-Amends-Signature',
    in: 'header',
    required: true,
    description: '`v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with AMENDS_INTAKE_SECRET>`.',
    schema: { type: 'string' },
  },
  'X-Slack-Request-Timestamp': {
    name: 'X-Slack-Request-Timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds when Slack signed the request; more than 5 minutes off answers 401.',
    schema: { type: 'string', pattern: '^\\d{1,12}$' },
  },
  'X-Slack-Signature': {
    name: 'X-Slack-Signature',
    in: 'header',
    required: true,
    description: '`v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>" with AMENDS_SLACK_SIGNING_SECRET>`.',
    schema: { type: 'string' },
  },
  Accept: {
    name: 'Accept',
    in: 'header',
    required: false,
    description: '`text/csv` for CSV; JSON otherwise.',
    schema: { type: 'string' },
  },
} as const;
export type RequestHeader = keyof typeof REQUEST_HEADERS;

/** Response headers, described once. */
export const RESPONSE_HEADERS = {
  ETag: { description: 'The case version, e.g. `"3"`; send it back as `If-Match`.', schema: { type: 'string' } },
  Location: { description: 'The URL of the case.', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this is the replayed answer of an earlier request with the same `Idempotency-Key`.', schema: { type: 'string', enum: ['true'] } },
  'Preference-Applied': { description: '`return=minimal` when the `Prefer` header was honoured.', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
  'Content-Disposition': { description: 'The file name of a CSV download.', schema: { type: 'string' } },
} as const;
export type ResponseHeader = keyof typeof RESPONSE_HEADERS;

export interface ResponseSpec {
  description?: string;
  /** JSON body; a zod schema is converted in output mode. */
  schema?: z.ZodType | Json;
  /** The same resource as CSV (`Accept: text/csv`). */
  csv?: boolean;
  /** Other media types answered as they are (HTML, text). */
  content?: Record<string, Json>;
  headers?: ResponseHeader[];
}

export interface OperationSpec {
  summary: string;
  description?: string;
  tags?: string[];
  /** No bearer token needed. Protected operations get 401 and 429 documented by themselves. */
  public?: boolean;
  /** Path parameters by name, with a description each. */
  params?: Record<string, string>;
  query?: z.ZodObject;
  headers?: RequestHeader[];
  /** The JSON request body; a zod schema is converted in input mode. */
  body?: z.ZodType | Json;
  /** An `application/x-www-form-urlencoded` body instead (Slack's interactions). */
  formBody?: z.ZodType | Json;
  ok: Record<number, ResponseSpec>;
  /** Error statuses besides the ones every operation can answer (400, 413; 401/429 when protected; 415 with a body). */
  problems?: number[];
}

const PROBLEM_TEXT: Record<number, string> = {
  400: 'The request is not valid: malformed JSON, nesting deeper than 32 levels, or fields that break the schema (`errors` lists them)',
  401: 'No bearer token, or a token that is unknown or revoked',
  403: 'The token’s role may not do this',
  404: 'Not found (or not visible to this user)',
  409: 'The event does not fit the case’s state (`allowedEvents` lists what does), or the case changed meanwhile',
  412: '`If-Match` names an older version (`currentVersion` has the current one)',
  413: 'The body is larger than 256 kB',
  415: 'The body is not JSON',
  422: 'The `Idempotency-Key` was used for a different request, or the request breaks a business rule',
  429: 'Too many failed authentications from this token or address; see `Retry-After`',
};

function problemResponse(status: number): Json {
  return {
    description: PROBLEM_TEXT[status] ?? 'A problem',
    ...(status === 429 ? { headers: { 'Retry-After': RESPONSE_HEADERS['Retry-After'] } } : {}),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

function okResponse(r: ResponseSpec): Json {
  const content: Json = { ...(r.schema ? { 'application/json': { schema: toJson(r.schema, 'output') } } : {}), ...(r.content ?? {}) };
  if (r.csv) content['text/csv'] = { schema: { type: 'string', description: 'RFC 4180 CSV with a header row' } };
  return {
    description: r.description ?? 'OK',
    ...(r.headers?.length ? { headers: Object.fromEntries(r.headers.map((h) => [h, RESPONSE_HEADERS[h]])) } : {}),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

function queryParameters(query: z.ZodObject): Json[] {
  const schema = jsonSchema(query, 'input');
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

/** One operation: parameters, body and every response it can give. */
export function operation(spec: OperationSpec): Json {
  const statuses = new Set([400, 413, ...(spec.public ? [] : [401, 429]), ...(spec.body || spec.formBody ? [415] : []), ...(spec.params ? [404] : []), ...(spec.problems ?? [])]);
  const parameters = [
    ...Object.entries(spec.params ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string', minLength: 1 } })),
    ...(spec.query ? queryParameters(spec.query) : []),
    ...(spec.headers ?? []).map((h) => REQUEST_HEADERS[h]),
  ];
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.tags ? { tags: spec.tags } : {}),
    ...(spec.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(spec.body, 'input') } } } } : {}),
    ...(spec.formBody ? { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: toJson(spec.formBody, 'input') } } } } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(spec.ok).map(([status, r]) => [status, okResponse(r)])),
      ...Object.fromEntries([...statuses].sort().map((s) => [String(s), problemResponse(s)])),
    },
  };
}
