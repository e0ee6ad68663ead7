import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type TestUser } from '../helpers.js';

// Two states have partial indexes (triage, compensate.awaitingApproval); every other state is found
// by walking cases newest first. Either way a list by state must hold exactly the cases in it, in order.
let running: Running;
let lead: TestUser;
let handler: TestUser;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));
const byState = new Map<string, string[]>();

beforeAll(async () => {
  running = await startTestServer({ clock });
  lead = await addUser(running.engine, 'Ольга Лид', 'lead', null);
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(10_000));
  const api = client(running.url, handler.token);
  const leadApi = client(running.url, lead.token);
  for (let i = 0; i < 15; i++) {
    clock.advance(60_000);
    const kind = i % 5;
    // Unassigned cases wait in triage; the handler's own start at apologize.
    const body = { customer: customer({ id: `c-${i}` }), channel: 'phone', description: 'Клинер опоздал', scenario: 'late-arrival', ...(kind === 0 ? { ownerId: null } : {}) };
    const opened = await (kind === 0 ? leadApi : api).post('/api/v1/cases', body);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    let c = opened.body;
    const send = async (event: Record<string, unknown>) => {
      const r = await api.post(`/api/v1/cases/${c.id}/events`, event, { 'if-match': `"${c.version}"` });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      c = r.body;
    };
    if (kind >= 2) await send({ type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас: клинер опоздал, это наша вина.' });
    if (kind >= 3) await send({ type: 'EXPLAIN', cause: 'Клинер перепутал адрес.', prevention: 'Мы проверяем адрес перед выездом.' });
    // Past the handler's limit: the offer waits for a lead.
    if (kind === 4) await send({ type: 'OFFER', kind: 'credit', value: rub(50_000), note: 'кредит на счёт' });
    byState.set(c.state, [c.id, ...(byState.get(c.state) ?? [])]);
  }
});
afterAll(async () => running.close());

async function listAll(state: string, limit: number): Promise<string[]> {
  const api = client(running.url, lead.token);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.get(`/api/v1/cases?state=${encodeURIComponent(state)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    for (const item of page.body.items) expect(item.state).toBe(state);
    ids.push(...page.body.items.map((i: { id: string }) => i.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

describe('GET /api/v1/cases?state=', () => {
  const states = ['triage', 'compensate.awaitingApproval', 'apologize', 'explain', 'compensate.choosing'];

  it('put three cases in each of five states', () => {
    expect([...byState.keys()].sort()).toEqual([...states].sort());
    for (const state of states) expect(byState.get(state)).toHaveLength(3);
  });

  for (const state of states) {
    it(`lists exactly the cases in ${state}, newest first, page by page`, async () => {
      const expected = byState.get(state) ?? [];
      expect(expected.length).toBeGreaterThan(0);
      expect(await listAll(state, 2)).toEqual(expected);
      expect(await listAll(state, 50)).toEqual(expected);
    });
  }

  it('lists nothing for a state no case is in', async () => {
    expect(await listAll('followUp', 10)).toEqual([]);
  });

  it('refuses filters longer than any value they could match, naming the field', async () => {
    const api = client(running.url, lead.token);
    for (const [field, length] of [['state', 30], ['scenario', 101], ['owner', 201], ['customer', 201], ['cursor', 501]] as const) {
      const r = await api.get(`/api/v1/cases?${field}=${'a'.repeat(length)}`);
      expect(r.status, field).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    }
    // An empty filter is a mistake too, not "any".
    expect((await api.get('/api/v1/cases?state=')).status).toBe(400);
    // A state the statechart does not have is a mistake, not an empty list: the answer names the states.
    for (const state of ['nope', 'APOLOGIZE', 'compensate', "x' or 1=1 --"]) {
      const r = await api.get(`/api/v1/cases?state=${encodeURIComponent(state)}`);
      expect(r.status, state).toBe(400);
      expect(r.body.errors[0].path).toBe('state');
      expect(r.body.errors[0].message).toContain('compensate.awaitingApproval');
    }
  });
});
