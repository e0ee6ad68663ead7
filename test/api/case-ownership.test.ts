/** Who may name the owner of a new case, and what a retried create answers once the case moved on. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { listCases } from '../../src/store/cases.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type TestUser } from '../helpers.js';

type Client = ReturnType<typeof client>;

let server: Running;
let handler: TestUser;
let other: TestUser;
let asLead: Client;
let asHandler: Client;

const body = (over: Record<string, unknown> = {}) => ({ customer: customer(), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival', ...over });

beforeEach(async () => {
  server = await startTestServer({ clock: new FakeClock() });
  asLead = client(server.url, (await addUser(server.engine, 'Лена Лидова', 'lead')).token);
  handler = await addUser(server.engine, 'Ханна', 'handler', rub(100_000));
  other = await addUser(server.engine, 'Хельга', 'handler', rub(100_000));
  asHandler = client(server.url, handler.token);
});

afterEach(async () => {
  await server.close();
});

describe('opening a case for someone else', () => {
  it('is refused to a handler with 403, and nothing is created', async () => {
    const r = await asHandler.post('/api/v1/cases', body({ ownerId: other.id }));
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(await listCases(server.engine.store.db, { limit: 10 })).toEqual([]);
  });

  it('is allowed to a handler for themself or unassigned, and to a lead for anyone', async () => {
    expect((await asHandler.post('/api/v1/cases', body({ ownerId: handler.id }))).status).toBe(201);
    expect((await asHandler.post('/api/v1/cases', body({ ownerId: null }))).status).toBe(201);
    const byLead = await asLead.post('/api/v1/cases', body({ ownerId: other.id }));
    expect(byLead.status).toBe(201);
    expect(byLead.body.owner.id).toBe(other.id);
  });
});

describe('a retried create with the same Idempotency-Key', () => {
  it('replays 200 to its creator while the case is theirs', async () => {
    const headers = { 'idempotency-key': 'open-1' };
    const first = await asHandler.post('/api/v1/cases', body(), headers);
    expect(first.status).toBe(201);
    const again = await asHandler.post('/api/v1/cases', body(), headers);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.description).toBe('Опоздали на час');
  });

  it('replays the minimal representation once the case was reassigned away, never the full case', async () => {
    const headers = { 'idempotency-key': 'open-2' };
    const first = await asHandler.post('/api/v1/cases', body(), headers);
    expect(first.status).toBe(201);
    expect((await asLead.event(first.body.id, { type: 'REASSIGN', ownerId: other.id })).status).toBe(200);
    expect((await asHandler.get(`/api/v1/cases/${first.body.id}`)).status).toBe(404);

    const again = await asHandler.post('/api/v1/cases', body(), headers);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual({ id: first.body.id, ref: first.body.ref, version: 2, state: 'apologize', status: 'open' });
    expect(await listCases(server.engine.store.db, { limit: 10 })).toHaveLength(1);
  });
});
