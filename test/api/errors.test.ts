import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type Reply, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
let otherHandler: TestUser;
let lead: TestUser;

beforeEach(async () => {
  running = await startTestServer({ clock: new FakeClock() });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(100_000));
  otherHandler = await addUser(running.engine, 'Пётр Петров', 'handler', rub(100_000));
  lead = await addUser(running.engine, 'Ольга Лидова', 'lead');
});

afterEach(async () => {
  await running.close();
});

const newCase = (over: Record<string, unknown> = {}) => ({
  customer: customer(),
  channel: 'phone',
  description: 'Клинер опоздал на час',
  scenario: 'late-arrival',
  ...over,
});

const apologize = { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' };

async function openAs(user: TestUser, over: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const res = await client(running.url, user.token).post('/api/v1/cases', newCase(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Every error is RFC 9457 problem+json carrying its status and a human detail. */
function expectProblem(res: Reply, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  if (status !== 500) expect(res.body.detail).toEqual(expect.any(String));
}

async function versionOf(id: string): Promise<{ version: number; state: string; timeline: number }> {
  const api = client(running.url, lead.token);
  const c = await api.get(`/api/v1/cases/${id}`);
  const t = await api.get(`/api/v1/cases/${id}/timeline`);
  return { version: c.body.version, state: c.body.state, timeline: t.body.items.length };
}

describe('authentication', () => {
  it('answers 401 without a bearer token', async () => {
    expectProblem(await client(running.url).get('/api/v1/cases'), 401);
  });

  it('answers 401 for a token it does not know', async () => {
    expectProblem(await client(running.url, 'amd_not-a-real-token').get('/api/v1/me'), 401);
    expectProblem(await client(running.url, 'amd_not-a-real-token').post('/api/v1/cases', newCase()), 401);
  });
});

describe('malformed requests', () => {
  it('answers 400 and names the unknown field when a case has extra fields', async () => {
    const res = await client(running.url, handler.token).post('/api/v1/cases', newCase({ priority: 'urgent' }));
    expectProblem(res, 400);
    expect(JSON.stringify(res.body.errors)).toContain('priority');
    expect((await client(running.url, lead.token).get('/api/v1/cases')).body.items).toEqual([]);
  });

  it('answers 400 and names the unknown field when an event has extra fields', async () => {
    const c = await openAs(handler);
    const res = await client(running.url, handler.token).event(c.id, { ...apologize, mood: 'sorry' });
    expectProblem(res, 400);
    expect(JSON.stringify(res.body.errors)).toContain('mood');
    expect((await versionOf(c.id)).version).toBe(1);
  });

  it('answers 400 for an unknown event type, listing the known ones', async () => {
    const c = await openAs(handler);
    const res = await client(running.url, handler.token).event(c.id, { type: 'TELEPORT' });
    expectProblem(res, 400);
    expect(JSON.stringify(res.body.errors)).toContain('APOLOGIZE');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await client(running.url, handler.token).post('/api/v1/cases', '{"customer": {', { 'content-type': 'application/json' });
    expectProblem(res, 400);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await client(running.url, handler.token).post('/api/v1/cases', 'customer=Maria', { 'content-type': 'text/plain' });
    expectProblem(res, 415);
  });

  it('answers 413 for a body over 256kb', async () => {
    const res = await client(running.url, handler.token).post('/api/v1/cases', newCase({ description: 'я'.repeat(200_000) }));
    expectProblem(res, 413);
    expect((await client(running.url, lead.token).get('/api/v1/cases')).body.items).toEqual([]);
  });

  it('answers 404 problem+json for an unknown route, with or without a token', async () => {
    expectProblem(await client(running.url).get('/no/such/page'), 404);
    expectProblem(await client(running.url, handler.token).get('/api/v1/nothing-here'), 404);
    expectProblem(await client(running.url, handler.token).get('/api/v1/cases/cas_does_not_exist'), 404);
  });
});

describe('one rating case per order', () => {
  it('answers 409, not 500, when a second case from a rating names an order that already has one', async () => {
    const api = client(running.url, handler.token);
    expect((await api.post('/api/v1/cases', newCase({ channel: 'rating', orderId: 'ord-77' }))).status).toBe(201);
    expectProblem(await api.post('/api/v1/cases', newCase({ channel: 'rating', orderId: 'ord-77' })), 409);
    // By phone the same order may be raised again: only ratings are one per order.
    expect((await api.post('/api/v1/cases', newCase({ channel: 'phone', orderId: 'ord-77' }))).status).toBe(201);
    expect((await client(running.url, lead.token).get('/api/v1/cases')).body.items).toHaveLength(2);
  });
});

describe('events that do not fit', () => {
  it('answers 409 with the allowed events and changes nothing when the event does not fit the state', async () => {
    const c = await openAs(handler);
    const res = await client(running.url, handler.token).event(c.id, { type: 'ISSUE' });
    expectProblem(res, 409);
    expect(res.body.allowedEvents).toContain('APOLOGIZE');
    expect(res.body.allowedEvents).not.toContain('ISSUE');
    expect(await versionOf(c.id)).toEqual({ version: 1, state: 'apologize', timeline: 1 });
  });

  it('answers 412 and changes nothing when If-Match is stale', async () => {
    const c = await openAs(handler);
    const api = client(running.url, handler.token);
    expect((await api.event(c.id, apologize, { 'if-match': '"1"' })).status).toBe(200);

    const stale = await api.event(c.id, { type: 'EXPLAIN', cause: 'пробка', prevention: 'раньше', text: 'Мы опоздали' }, { 'if-match': '"1"' });
    expectProblem(stale, 412);
    expect(stale.body.currentVersion).toBe(2);
    expect(await versionOf(c.id)).toEqual({ version: 2, state: 'explain', timeline: 2 });
  });

  it('lets exactly one of two racing events with the same If-Match through; the other gets 412', async () => {
    const c = await openAs(handler);
    const api = client(running.url, handler.token);
    const [a, b] = await Promise.all([
      api.event(c.id, apologize, { 'if-match': '"1"' }),
      api.event(c.id, { ...apologize, channel: 'email' }, { 'if-match': '"1"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expectProblem(a.status === 412 ? a : b, 412);
    expect(await versionOf(c.id)).toEqual({ version: 2, state: 'explain', timeline: 2 });
  });

  it('accepts If-Match: * as any version', async () => {
    const c = await openAs(handler);
    const res = await client(running.url, handler.token).event(c.id, apologize, { 'if-match': '*' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it('answers 409 and changes nothing for any event sent to a case that is closed as won back', async () => {
    const c = await openAs(handler);
    const h = client(running.url, handler.token);
    await h.event(c.id, apologize);
    await h.event(c.id, { type: 'EXPLAIN', cause: 'пробка', prevention: 'раньше', text: 'Мы опоздали' });
    await h.event(c.id, { type: 'SKIP_COMPENSATION', reason: 'клиент отказался' });
    await h.event(c.id, { type: 'FOLLOW_UP', text: 'Всё хорошо?' });
    const l = client(running.url, lead.token);
    const won = await l.event(c.id, { type: 'ORDER_PLACED', orderId: 'ord-2' });
    expect(won.body).toMatchObject({ version: 6, state: 'wonBack', status: 'closed', allowedEvents: [] });

    for (const event of [{ type: 'ESCALATE', reason: 'просто так' }, { type: 'REASSIGN', ownerId: otherHandler.id }, { type: 'REOPEN', reason: 'снова' }]) {
      const res = await l.event(c.id, event);
      expectProblem(res, 409);
      expect(res.body.allowedEvents).toEqual([]);
    }
    const after = await l.get(`/api/v1/cases/${c.id}`);
    expect(after.body).toMatchObject({ version: 6, state: 'wonBack', escalated: false, owner: { id: handler.id } });
    expect((await versionOf(c.id)).timeline).toBe(6);
  });

  it('answers 400 for an If-Match that is not a version', async () => {
    const c = await openAs(handler);
    expectProblem(await client(running.url, handler.token).event(c.id, apologize, { 'if-match': '"abc"' }), 400);
    expect((await versionOf(c.id)).version).toBe(1);
  });
});

describe('the NUL character', () => {
  // PostgreSQL cannot store U+0000 in text: it is refused at the door, the same on every database.
  it('is refused with 400 naming the field, in a body and in the URL, and nothing is opened', async () => {
    const api = client(running.url, handler.token);
    const body = await api.post('/api/v1/cases', newCase({ description: 'Клинер\u0000 опоздал' }));
    expectProblem(body, 400);
    expect(body.body.errors).toEqual([{ path: 'description', message: 'must not contain the NUL character' }]);
    const nested = await api.post('/api/v1/cases', newCase({ customer: customer({ name: 'Мария\u0000' }) }));
    expect(nested.body.errors).toEqual([{ path: 'customer.name', message: 'must not contain the NUL character' }]);
    const url = await client(running.url, handler.token, { contract: false }).get('/api/v1/cases/cas_%00');
    expect(url.status).toBe(400);
    expect((await client(running.url, lead.token).get('/api/v1/cases')).body.items).toHaveLength(0);
  });
});

describe('Idempotency-Key', () => {
  it('replays an event with the same key and body without writing a new version', async () => {
    const c = await openAs(handler);
    const api = client(running.url, handler.token);
    const first = await api.event(c.id, apologize, { 'idempotency-key': 'apology-1' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);

    const again = await api.event(c.id, apologize, { 'idempotency-key': 'apology-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: c.id, version: 2, state: 'explain' });
    expect(await versionOf(c.id)).toEqual({ version: 2, state: 'explain', timeline: 2 });
  });

  it('answers 422 when the same key comes with a different body, and changes nothing', async () => {
    const c = await openAs(handler);
    const api = client(running.url, handler.token);
    expect((await api.event(c.id, apologize, { 'idempotency-key': 'k-1' })).status).toBe(200);
    const other = await api.event(c.id, { ...apologize, text: 'Совсем другой текст' }, { 'idempotency-key': 'k-1' });
    expectProblem(other, 422);
    expect(await versionOf(c.id)).toEqual({ version: 2, state: 'explain', timeline: 2 });
  });

  it('applies an event once when the same key arrives twice at the same moment', async () => {
    const c = await openAs(handler);
    const api = client(running.url, handler.token);
    const replies = await Promise.all([1, 2, 3].map(() => api.event(c.id, apologize, { 'idempotency-key': 'race-1' })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies.map((r) => r.body.version)).toEqual([2, 2, 2]);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(await versionOf(c.id)).toEqual({ version: 2, state: 'explain', timeline: 2 });
  });

  it('opens a case once when the same key arrives twice at the same moment', async () => {
    const api = client(running.url, handler.token);
    const replies = await Promise.all([1, 2].map(() => api.post('/api/v1/cases', newCase(), { 'idempotency-key': 'open-race' })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(replies[0]?.body.id).toBe(replies[1]?.body.id);
    expect((await client(running.url, lead.token).get('/api/v1/cases')).body.items).toHaveLength(1);
  });

  it('opens a case once for a repeated POST with the same key', async () => {
    const api = client(running.url, handler.token);
    const first = await api.post('/api/v1/cases', newCase(), { 'idempotency-key': 'open-1' });
    const again = await api.post('/api/v1/cases', newCase(), { 'idempotency-key': 'open-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await client(running.url, lead.token).get('/api/v1/cases')).body.items).toHaveLength(1);
  });
});

describe('who may do what', () => {
  it("hides another handler's case from a handler: 404 to read, to act on, and to read its timeline", async () => {
    const theirs = await openAs(otherHandler);
    const api = client(running.url, handler.token);
    expectProblem(await api.get(`/api/v1/cases/${theirs.id}`), 404);
    expectProblem(await api.get(`/api/v1/cases/${theirs.id}/timeline`), 404);
    expectProblem(await api.event(theirs.id, apologize), 404);
    expect((await api.get('/api/v1/cases')).body.items).toEqual([]);
    expect(await versionOf(theirs.id)).toEqual({ version: 1, state: 'apologize', timeline: 1 });
  });

  it('answers 403 when a handler sends REASSIGN, even on their own case', async () => {
    const mine = await openAs(handler);
    const res = await client(running.url, handler.token).event(mine.id, { type: 'REASSIGN', ownerId: otherHandler.id });
    expectProblem(res, 403);
    expect((await client(running.url, handler.token).get(`/api/v1/cases/${mine.id}`)).body.owner.id).toBe(handler.id);
    expect((await versionOf(mine.id)).version).toBe(1);
  });

  it('lets a lead reassign a case to another handler', async () => {
    const c = await openAs(handler);
    const res = await client(running.url, lead.token).event(c.id, { type: 'REASSIGN', ownerId: otherHandler.id });
    expect(res.status).toBe(200);
    expect(res.body.owner).toEqual({ id: otherHandler.id, name: 'Пётр Петров' });
    expectProblem(await client(running.url, handler.token).get(`/api/v1/cases/${c.id}`), 404);
  });

  it('lets a handler take an unassigned case for themself but not give it to someone else', async () => {
    const unassigned = await openAs(lead, { ownerId: null });
    const api = client(running.url, handler.token);
    expect((await api.get(`/api/v1/cases/${unassigned.id}`)).status).toBe(200);

    expectProblem(await api.event(unassigned.id, { type: 'ASSIGN', ownerId: otherHandler.id }), 403);
    expect(await versionOf(unassigned.id)).toEqual({ version: 1, state: 'triage', timeline: 1 });

    const taken = await api.event(unassigned.id, { type: 'ASSIGN', ownerId: handler.id });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ version: 2, state: 'apologize', owner: { id: handler.id } });

    // Now it is the handler's: the other handler no longer sees it.
    expectProblem(await client(running.url, otherHandler.token).get(`/api/v1/cases/${unassigned.id}`), 404);
  });

  it('answers 400 when a case is assigned to a user who does not exist', async () => {
    const unassigned = await openAs(lead, { ownerId: null });
    const res = await client(running.url, lead.token).event(unassigned.id, { type: 'ASSIGN', ownerId: 'usr_nobody' });
    expectProblem(res, 400);
    expect((await versionOf(unassigned.id)).version).toBe(1);
  });

  it('answers 403 when a person sends DEADLINE_MISSED, which only the system may send', async () => {
    const c = await openAs(handler);
    expectProblem(await client(running.url, handler.token).event(c.id, { type: 'DEADLINE_MISSED', step: 'apologize' }), 403);
    expectProblem(await client(running.url, lead.token).event(c.id, { type: 'DEADLINE_MISSED', step: 'apologize' }), 403);
    const after = await client(running.url, lead.token).get(`/api/v1/cases/${c.id}`);
    expect(after.body).toMatchObject({ version: 1, breaching: false, escalated: false, breaches: [] });
  });
});

describe('requests the server cannot even read', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startTestServer({ worker: false });
  });
  afterAll(() => running.close());

  it('answers a broken path encoding with 400 and an unknown body encoding with 415, as problems', async () => {
    const bad = await fetch(`${running.url}/status/%zz`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const enc = await fetch(`${running.url}/api/v1/cases`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'foo' }, body: '{}' });
    expect(enc.status).toBe(415);
    expect(enc.headers.get('content-type')).toContain('application/problem+json');
  });
});
