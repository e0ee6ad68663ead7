import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../workflows/scenarios/index.js';
import { OpenCaseInput } from '../../src/domain/case.js';
import { EVENT_PAYLOADS, EVENT_TYPES, SYSTEM_EVENTS } from '../../src/domain/events.js';
import { Decision } from '../../src/http/approvals.js';
import { openApiDocument } from '../../src/http/openapi.js';
import { UserChange, BudgetInput } from '../../src/http/people.js';
import type { Running } from '../../src/server.js';
import { ContractChecker } from '../contract-checker.js';
import { addUser, client, customer, startTestServer } from '../helpers.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Doc = { openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }> }>>; components: { schemas: Record<string, any> } };

describe('the published contract', () => {
  let running: Running;
  let doc: Doc;
  beforeAll(async () => {
    running = await startTestServer({ worker: false });
    doc = (await client(running.url).get('/openapi.json')).body;
  });
  afterAll(() => running.close());

  it('serves OpenAPI 3.1 whose event schema lists every public event', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}/events', '/api/v1/approvals/{id}/decision', '/openapi.json']));
    const titles = doc.components.schemas.Event.oneOf.map((s: { title: string }) => s.title);
    expect(titles.sort()).toEqual(EVENT_TYPES.filter((t) => !SYSTEM_EVENTS.has(t)).sort());
    expect(doc.components.schemas.OpenCase.additionalProperties).toBe(false);
  });

  it('documents 401 and 429 on every bearer-token /api/v1 operation (401 on signed webhooks), 400 and 413 everywhere, and 415 wherever a body is taken', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses);
        const bearer = path.startsWith('/api/v1/') && !(Array.isArray(op.security) && op.security.length === 0);
        expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '413']));
        if (path.startsWith('/api/v1/')) expect(statuses, `${method} ${path}`).toContain('401');
        if (bearer) expect(statuses, `${method} ${path}`).toContain('429');
        if (op.requestBody) expect(statuses, `${method} ${path}`).toContain('415');
        expect(op.responses['429']?.headers ?? (bearer ? undefined : {}), `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('documents the replay of POST /cases, the headers of writes, query parameters, CSV and the status page', () => {
    const open = doc.paths['/api/v1/cases']?.post;
    expect(Object.keys(open?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '403', '422']));
    expect(Object.keys(open?.responses['200']?.headers ?? {})).toContain('Idempotent-Replayed');
    expect(Object.keys(open?.responses['201']?.headers ?? {})).toEqual(expect.arrayContaining(['ETag', 'Location', 'Preference-Applied']));
    const event = doc.paths['/api/v1/cases/{id}/events']?.post;
    expect(event?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'Idempotency-Key', 'If-Match', 'Prefer']));
    expect(Object.keys(event?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '409', '412', '422']));
    expect(doc.paths['/api/v1/cases']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['cursor', 'limit', 'status']));
    expect(doc.paths['/api/v1/cases/{id}/timeline']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['after', 'limit']));
    expect(doc.paths['/api/v1/budget']?.get?.parameters?.map((p) => p.name)).toContain('currency');
    const report = doc.paths['/api/v1/reports/compensation']?.get;
    expect(report?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'Accept']));
    expect(Object.keys(report?.responses['200']?.content ?? {})).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(doc.paths['/status/{token}']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404']));
    expect(doc.paths['/api/v1/users/{id}']?.patch?.requestBody).toBeDefined();
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'instance']);
    expect(doc.components.schemas.Case.required).toEqual(expect.arrayContaining(['id', 'state', 'owner', 'deadlines', 'budget', 'allowedEvents', 'checklist', 'statusUrl']));
  });

  it('exposes Prometheus metrics with the worker backlog, without a token', async () => {
    const api = client(running.url);
    await api.get('/healthz');
    const res = await api.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.body).toMatch(/^amends_outbox_pending \d+$/m);
    expect(res.body).toMatch(/^amends_timers_overdue \d+$/m);
    expect(res.body).toContain('route="/healthz"');
  });
});

// Compiling every schema takes seconds of CPU: kept away from the suites that hold a live server.
describe('the document as JSON Schema', () => {
  it('is made of valid JSON Schema 2020-12 throughout', () => {
    const doc = openApiDocument() as Doc;
    const ajv = addFormats(new Ajv2020({ strict: false }));
    ajv.addSchema({ ...doc, $id: 'doc' });
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, r] of Object.entries(op.responses)) {
          for (const media of Object.keys(r.content ?? {})) {
            const ref = `doc#/paths/${path.replaceAll('/', '~1')}/${method}/responses/${status}/content/${media.replaceAll('/', '~1')}/schema`;
            expect(() => ajv.getSchema(ref), ref).not.toThrow();
          }
        }
      }
    }
  });

});

describe('the document says exactly what the server accepts', () => {
  let doc: Doc;
  let ajv: Ajv2020;
  beforeAll(async () => {
    const running = await startTestServer({ worker: false });
    doc = (await client(running.url).get('/openapi.json')).body;
    await running.close();
    ajv = addFormats(new Ajv2020({ strict: false }));
    ajv.addSchema({ ...doc, $id: 'doc' });
  });

  const money = (minor: number) => ({ minor, currency: 'RUB' });
  const opened = { customer: customer(), channel: 'phone', description: 'Опоздали' };
  // Each: which schema, a request, and whether the server takes it. The document must agree on every one.
  const cases: Array<[string, string, unknown, boolean]> = [
    ['an apology', 'Event', { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' }, true],
    ['a blank apology', 'Event', { type: 'APOLOGIZE', channel: 'phone', text: '   ' }, false],
    ['a blank explanation', 'Event', { type: 'EXPLAIN', cause: '\n\t', prevention: 'x', text: 'y' }, false],
    ['an approval of zero', 'Event', { type: 'APPROVE_OFFER', value: money(0), comment: 'ok' }, false],
    ['a recovery with an amount', 'Event', { type: 'RECORD_RECOVERY', executorId: 'ex-1', amount: money(100) }, true],
    ['a recovery with a job value', 'Event', { type: 'RECORD_RECOVERY', executorId: 'ex-1', jobValue: money(100) }, true],
    ['a recovery with neither amount nor job value', 'Event', { type: 'RECORD_RECOVERY', executorId: 'ex-1' }, false],
    ['a recovery of a negative job', 'Event', { type: 'RECORD_RECOVERY', executorId: 'ex-1', jobValue: money(-5) }, false],
    ['a system event', 'Event', { type: 'DEADLINE_MISSED', step: 'apologize' }, false],
    ['an approval', 'Decision', { decision: 'approve', comment: 'ok' }, true],
    ['an approval of a lower amount', 'Decision', { decision: 'approve', value: money(500), comment: 'ok' }, true],
    ['a rejection with a value', 'Decision', { decision: 'reject', value: money(500), comment: 'no' }, false],
    ['a rejection', 'Decision', { decision: 'reject', comment: 'no' }, true],
    ['a blank comment', 'Decision', { decision: 'reject', comment: ' ' }, false],
    ['a case', 'OpenCase', opened, true],
    ['a case of a known scenario', 'OpenCase', { ...opened, scenario: 'late-arrival' }, true],
    ['a case of an unknown scenario', 'OpenCase', { ...opened, scenario: 'alien-abduction' }, false],
    ['a case with a blank description', 'OpenCase', { ...opened, description: ' ' }, false],
    ['a case in a made-up zone', 'OpenCase', { ...opened, customer: customer({ timeZone: 'Mars/Olympus Mons' }) }, false],
    ['a case in a zone with a space', 'OpenCase', { ...opened, customer: customer({ timeZone: 'Europe/Moscow ' }) }, false],
    ['a zero limit', 'Limit', { limit: money(0) }, true],
    ['a negative limit', 'Limit', { limit: money(-1) }, false],
    ['no limit', 'Limit', { limit: null }, true],
    ['a zero team budget', 'Budget', money(0), true],
    ['a negative team budget', 'Budget', money(-100), false],
  ];

  const SERVER: Record<string, (v: unknown) => boolean> = {
    Event: (v) => {
      const { type, ...payload } = v as { type: keyof typeof EVENT_PAYLOADS };
      return !SYSTEM_EVENTS.has(type) && EVENT_PAYLOADS[type].safeParse(payload).success;
    },
    Decision: (v) => Decision.safeParse(v).success,
    // The shape, then the catalog: openCase refuses a scenario it does not know.
    OpenCase: (v) => {
      const r = OpenCaseInput.safeParse(v);
      return r.success && (r.data.scenario === undefined || catalog.has(r.data.scenario));
    },
    Limit: (v) => UserChange.safeParse(v).success,
    Budget: (v) => BudgetInput.safeParse(v).success,
  };
  const DOC: Record<string, string> = {
    Event: 'doc#/components/schemas/Event',
    Decision: 'doc#/paths/~1api~1v1~1approvals~1{id}~1decision/post/requestBody/content/application~1json/schema',
    OpenCase: 'doc#/components/schemas/OpenCase',
    Limit: 'doc#/paths/~1api~1v1~1users~1{id}/patch/requestBody/content/application~1json/schema',
    Budget: 'doc#/paths/~1api~1v1~1budget/put/requestBody/content/application~1json/schema',
  };

  for (const [what, schema, value, accepted] of cases) {
    it(`agrees with the server on ${what} (${accepted ? 'taken' : 'refused'})`, () => {
      expect(SERVER[schema]?.(value), 'server').toBe(accepted);
      expect(ajv.getSchema(DOC[schema] ?? '')?.(value), 'document').toBe(accepted);
    });
  }
});

describe('the contract check of the test client', () => {
  const checker = new ContractChecker();
  const url = (p: string) => new URL(`http://127.0.0.1${p}`);
  const json = new Headers({ 'content-type': 'application/json; charset=utf-8' });

  it('flags a response that breaks its schema', () => {
    expect(checker.check('GET', url('/api/v1/me'), undefined, 200, json, { id: 'u', name: 'A', role: 'handler', limit: null })).toEqual([]);
    expect(checker.check('GET', url('/api/v1/me'), undefined, 200, json, { id: 'u', name: 'A', role: 'boss', limit: null }).join()).toMatch(/breaks the document/);
    expect(checker.check('GET', url('/api/v1/me'), undefined, 200, json, { id: 'u', name: 'A', role: 'handler', limit: null, extra: 1 }).join()).toMatch(/breaks the document/);
  });

  it('flags an undocumented status, media type, header, route and an accepted request the document refuses', () => {
    expect(checker.check('GET', url('/api/v1/me'), undefined, 418, json, { x: 1 }).join()).toMatch(/status 418 is not documented/);
    expect(checker.check('GET', url('/api/v1/me'), undefined, 200, new Headers({ 'content-type': 'text/html' }), '<p>').join()).toMatch(/media type text\/html/);
    expect(checker.check('GET', url('/api/v1/me'), undefined, 200, new Headers({ 'content-type': 'application/json', etag: '"1"' }), { id: 'u', name: 'A', role: 'handler', limit: null }).join()).toMatch(/etag is sent but not documented/);
    expect(checker.check('GET', url('/api/v1/nowhere'), undefined, 200, json, {}).join()).toMatch(/not in the document/);
    expect(checker.check('PUT', url('/api/v1/budget'), { minor: -5, currency: 'RUB' }, 200, json, {}).join()).toMatch(/accepted a request body the document refuses/);
    expect(checker.check('GET', url('/api/v1/cases?limit=0'), undefined, 200, json, { items: [], nextCursor: null }).join()).toMatch(/query limit=0/);
  });
});

describe('Prefer: return=minimal', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startTestServer({ worker: false });
  });
  afterAll(() => running.close());

  it('answers an event with the new version and state only', async () => {
    const handler = await addUser(running.engine, 'Анна', 'handler', { minor: 100_000, currency: 'RUB' });
    const api = client(running.url, handler.token);
    const opened = await api.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' }, { prefer: 'return=minimal' });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('preference-applied')).toBe('return=minimal');
    expect(opened.body).toEqual({ id: expect.any(String), ref: expect.stringMatching(/^AM-/), version: 1, state: 'apologize', status: 'open' });
    const r = await api.event(opened.body.id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' }, { prefer: 'return=minimal' });
    expect(r.body).toEqual({ id: opened.body.id, ref: opened.body.ref, version: 2, state: 'explain', status: 'open' });
    expect(r.headers.get('etag')).toBe('"2"');
  });
});
