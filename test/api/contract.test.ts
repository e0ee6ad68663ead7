import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, SYSTEM_EVENTS } from '../../src/domain/events.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, startTestServer } from '../helpers.js';

describe('the published contract', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startTestServer({ worker: false });
  });
  afterAll(() => running.close());

  it('serves an OpenAPI document whose event schema lists every public event', async () => {
    const res = await client(running.url).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.0.3');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}/events', '/api/v1/approvals/{id}/decision']));
    const titles = res.body.components.schemas.Event.oneOf.map((s: { title: string }) => s.title);
    expect(titles.sort()).toEqual(EVENT_TYPES.filter((t) => !SYSTEM_EVENTS.has(t)).sort());
    expect(res.body.components.schemas.OpenCase.additionalProperties).toBe(false);
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
