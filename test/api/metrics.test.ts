import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deliver } from '../../src/alerts/deliver.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, startTestServer, testDialect, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
let caseId: string;

/** No webhook configured: every message is held in the outbox. */
const holdEverything: Deliver = async (m) => ({ status: 'held', why: `no webhook configured for ${m.topic} messages` });

beforeAll(async () => {
  running = await startTestServer({ deliver: holdEverything });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', { minor: 100_000, currency: 'RUB' });
  const api = client(running.url, handler.token);
  const opened = await api.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Клинер опоздал', scenario: 'late-arrival' });
  caseId = opened.body.id;
});
afterAll(async () => running.close());

const metrics = async () => (await client(running.url).get('/metrics')).body as string;
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics', () => {
  it('counts refused events by type and status, and unknown types as invalid', async () => {
    const api = client(running.url, handler.token);
    expect((await api.event(caseId, { type: 'APOLOGIZE', channel: 'pigeon' })).status).toBe(400);
    expect((await api.event(caseId, { type: 'ISSUE' })).status).toBe(409);
    expect((await api.event(caseId, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' }, { 'if-match': '"7"' })).status).toBe(412);
    expect((await api.event(caseId, { type: 'NOT_A_THING' })).status).toBe(400);
    expect((await api.post(`/api/v1/cases/${caseId}/events`, '{"type":', {})).status).toBe(400);
    const text = await metrics();
    expect(sample(text, 'amends_case_events_total{type="APOLOGIZE",status="400"}')).toBe(1);
    expect(sample(text, 'amends_case_events_total{type="ISSUE",status="409"}')).toBe(1);
    expect(sample(text, 'amends_case_events_total{type="APOLOGIZE",status="412"}')).toBe(1);
    expect(sample(text, 'amends_case_events_total{type="invalid",status="400"}')).toBe(2);
  });

  it('labels a refused request with its full route, not the part inside its router', async () => {
    const text = await metrics();
    expect(sample(text, 'amends_http_request_duration_seconds_count{method="POST",route="/api/v1/cases/:id/events",status="409"}')).toBe(1);
    expect(text).not.toMatch(/route="\/:id\/events"/);
    const missing = await client(running.url, handler.token).get('/api/v1/cases/cas_nope');
    expect(missing.status).toBe(404);
    expect(await metrics()).toMatch(/route="\/api\/v1\/cases\/:id",status="404"/);
  });

  it('shows the Postgres connection pool by state, and no pool on SQLite', async () => {
    const text = await metrics();
    if (testDialect === 'postgres') {
      // Earlier requests left connections open; the other gauges of this scrape may be waiting for one.
      expect(sample(text, 'amends_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'amends_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'amends_db_pool_connections{state="waiting"}')).toBeGreaterThanOrEqual(0);
    } else {
      expect(text).not.toMatch(/amends_db_pool_connections/);
    }
  });

  it('counts outbox rows by status, held ones included', async () => {
    const api = client(running.url, handler.token);
    expect((await api.event(caseId, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' })).status).toBe(200);
    await running.worker!.tick();
    const text = await metrics();
    expect(sample(text, 'amends_outbox_messages{status="held"}')).toBe(1);
    expect(sample(text, 'amends_outbox_messages{status="pending"}')).toBe(0);
    expect(sample(text, 'amends_outbox_messages{status="expired"}')).toBe(0);
    expect(sample(text, 'amends_outbox_pending')).toBe(0);
  });
});
