import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, recordingDeliverer, startTestServer, testConfig, type TestUser } from '../helpers.js';
import { INTAKE_SECRET, signedPost } from '../far-end.js';

const rating = (over: Record<string, unknown> = {}) => ({
  orderId: 'ord-100',
  customer: customer(),
  executor: { id: 'exe-7', name: 'Пётр' },
  overall: 3,
  aspects: { punctuality: 2, quality: 5 },
  comment: 'Мастер опоздал на час, ждали без звонка',
  ratedAt: '2026-11-25T08:30:00.000Z',
  ...over,
});

describe('intake webhooks', () => {
  let running: Running;
  let clock: FakeClock;
  let lead: TestUser;
  let handler: TestUser;
  const post = (path: string, body: unknown, opts: Partial<Parameters<typeof signedPost>[3]> = {}) =>
    signedPost(running.url, path, body, { now: clock.now(), ...opts });
  const caseCount = async () => (await client(running.url, lead.token).get('/api/v1/cases?limit=200')).body.items.length as number;

  beforeEach(async () => {
    clock = new FakeClock();
    running = await startTestServer({ clock, config: testConfig({ intakeSecret: INTAKE_SECRET }), deliver: recordingDeliverer() });
    lead = await addUser(running.engine, 'Лида', 'lead');
    handler = await addUser(running.engine, 'Хэнк', 'handler');
  });
  afterEach(async () => {
    await running.close();
  });

  it('opens a late-arrival case owned by the on-duty handler for a signed rating with punctuality 2', async () => {
    const res = await post('/api/v1/intake/ratings', rating());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ opened: true, case: { scenario: 'late-arrival', tone: 'constructive', ownerId: handler.id, state: 'apologize' } });
    const c = await client(running.url, lead.token).get(`/api/v1/cases/${res.body.case.id}`);
    expect(c.body).toMatchObject({ channel: 'rating', orderId: 'ord-100', owner: { id: handler.id } });
  });

  it('journals a second rating of the same order on its case and opens nothing new', async () => {
    const first = await post('/api/v1/intake/ratings', rating());
    const second = await post('/api/v1/intake/ratings', rating({ overall: 1, aspects: { politeness: 1 }, comment: 'И ещё нагрубил', ratedAt: '2026-11-25T08:45:00.000Z' }));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ opened: false, case: { id: first.body.case.id } });
    expect(await caseCount()).toBe(1);
    const timeline = await client(running.url, lead.token).get(`/api/v1/cases/${first.body.case.id}/timeline`);
    const received = timeline.body.items.filter((e: { type: string }) => e.type === 'RATING_RECEIVED');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ by: { id: 'system' }, payload: { overall: 1, aspects: { politeness: 1 }, comment: 'И ещё нагрубил' } });
  });

  it('keeps RATING_RECEIVED for intake: a person sending it is refused', async () => {
    const first = await post('/api/v1/intake/ratings', rating());
    const res = await client(running.url, lead.token).event(first.body.case.id, { type: 'RATING_RECEIVED', orderId: 'ord-100', overall: 1, aspects: {}, ratedAt: '2026-11-25T08:50:00Z' });
    expect(res.status).toBe(403);
  });

  it('answers the same rating delivered twice with the same answer and changes nothing the second time', async () => {
    const first = await post('/api/v1/intake/ratings', rating());
    const again = await post('/api/v1/intake/ratings', rating());
    expect(again).toEqual(first);
    const timeline = await client(running.url, lead.token).get(`/api/v1/cases/${first.body.case.id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(['OPENED']);
  });

  it('opens one case when two ratings of an order arrive at once', async () => {
    const [a, b] = await Promise.all([
      post('/api/v1/intake/ratings', rating()),
      post('/api/v1/intake/ratings', rating({ ratedAt: '2026-11-25T08:31:00.000Z' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.case.id).toBe(b.body.case.id);
    expect(await caseCount()).toBe(1);
  });

  it('treats a comment that names no concrete problem as a conflict for a lead', async () => {
    const res = await post('/api/v1/intake/ratings', rating({ overall: 1, aspects: {}, comment: 'Ужасно, позор, никогда больше' }));
    expect(res.body.case).toMatchObject({ scenario: 'hostile-unclear', tone: 'conflict', ownerId: lead.id, state: 'personalCall' });
  });

  it('opens a low rating with no comment, or a one-word one, and no telling aspect under the generic playbook for the handler', async () => {
    const bare = await post('/api/v1/intake/ratings', rating({ orderId: 'ord-201', overall: 1, aspects: {}, comment: undefined }));
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({ matched: false, case: { scenario: 'other', tone: 'constructive', ownerId: handler.id, state: 'apologize' } });
    const oneWord = await post('/api/v1/intake/ratings', rating({ orderId: 'ord-202', customer: customer({ locale: 'en' }), overall: 2, aspects: { quality: 5 }, comment: 'ok' }));
    expect(oneWord.body).toMatchObject({ matched: false, case: { scenario: 'other', tone: 'constructive', ownerId: handler.id, state: 'apologize' } });
    const angry = await post('/api/v1/intake/ratings', rating({ orderId: 'ord-203', overall: 1, aspects: {}, comment: 'Ужас!' }));
    expect(angry.body.case).toMatchObject({ scenario: 'hostile-unclear', tone: 'conflict', ownerId: lead.id, state: 'personalCall' });
  });

  it('documents both intake routes as signed, without a bearer token', async () => {
    const doc = (await client(running.url).get('/openapi.json')).body;
    for (const p of ['/api/v1/intake/ratings', '/api/v1/intake/orders']) {
      expect(doc.paths[p].post.security).toEqual([]);
      expect(doc.paths[p].post.parameters.map((x: { name: string }) => x.name)).toEqual(['X-Amends-Timestamp', 'X-Amends-Signature']);
    }
    expect(doc.components.schemas.Rating.additionalProperties).toBe(false);
  });

  it('opens nothing for a good rating', async () => {
    const res = await post('/api/v1/intake/ratings', rating({ overall: 5, aspects: { punctuality: 5, quality: 4 }, comment: 'Всё отлично' }));
    expect(res).toEqual({ status: 200, body: { case: null, opened: false } });
    expect(await caseCount()).toBe(0);
  });

  it('opens a case when any aspect is at the configured threshold even with a good overall score', async () => {
    const res = await post('/api/v1/intake/ratings', rating({ overall: 4, aspects: { quality: 2 }, comment: undefined }));
    expect(res.status).toBe(201);
    expect(res.body.case.scenario).toBe('poor-quality');
  });

  it('refuses tampered bodies, wrong secrets and stale or future timestamps with 401, changing nothing', async () => {
    const now = Math.floor(clock.now().getTime() / 1000);
    const attempts = [
      await post('/api/v1/intake/ratings', rating(), { tamper: (raw) => raw.replace('"overall":3', '"overall":1') }),
      await post('/api/v1/intake/ratings', rating(), { secret: 'another-secret-0123456789abcdef' }),
      await post('/api/v1/intake/ratings', rating(), { timestamp: now - 301 }),
      await post('/api/v1/intake/ratings', rating(), { timestamp: now + 301 }),
      await post('/api/v1/intake/orders', { orderId: 'o', customerId: 'cust-1', placedAt: '2026-11-25T08:00:00Z' }, { timestamp: now - 3600 }),
    ];
    for (const a of attempts) {
      expect(a.status).toBe(401);
      expect(a.body).toMatchObject({ status: 401, type: '/problems/unauthorized', title: 'A valid intake signature is required' });
    }
    const unsigned = await fetch(`${running.url}/api/v1/intake/ratings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rating()) });
    expect(unsigned.status).toBe(401);
    expect(await caseCount()).toBe(0);
  });

  it('accepts a timestamp within five minutes of now', async () => {
    const res = await post('/api/v1/intake/ratings', rating(), { timestamp: Math.floor(clock.now().getTime() / 1000) - 290 });
    expect(res.status).toBe(201);
  });

  it('answers 400 with the wrong fields for a signed but invalid rating', async () => {
    const res = await post('/api/v1/intake/ratings', rating({ overall: 9, extra: true }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'overall']);
    expect(await caseCount()).toBe(0);
  });

  it('marks the resolved case won back when the customer orders again, and ignores customers without a case', async () => {
    const opened = await post('/api/v1/intake/ratings', rating());
    const id = opened.body.case.id as string;
    const h = client(running.url, handler.token);
    await h.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас за опоздание' });
    await h.event(id, { type: 'EXPLAIN', cause: 'пробки', prevention: 'выезд заранее', text: 'Мы выезжаем раньше' });
    await h.event(id, { type: 'SKIP_COMPENSATION', reason: 'клиент отказался' });
    const resolved = await h.event(id, { type: 'FOLLOW_UP', text: 'Всё хорошо?', rating: 'good' });
    expect(resolved.body.status).toBe('resolved');

    expect(await post('/api/v1/intake/orders', { orderId: 'ord-x', customerId: 'someone-else', placedAt: clock.now().toISOString() })).toEqual({ status: 200, body: { wonBack: [] } });
    clock.advance(10 * 86_400_000);
    const order = { orderId: 'ord-101', customerId: 'cust-1', placedAt: clock.now().toISOString() };
    const won = await post('/api/v1/intake/orders', order);
    expect(won).toEqual({ status: 200, body: { wonBack: [{ id, ref: opened.body.case.ref }] } });
    const c = await client(running.url, lead.token).get(`/api/v1/cases/${id}`);
    expect(c.body).toMatchObject({ state: 'wonBack', outcome: 'wonBack', status: 'closed' });
    expect(await post('/api/v1/intake/orders', order)).toEqual(won);
  });

  it('does not count an order placed after the win-back window', async () => {
    const opened = await post('/api/v1/intake/ratings', rating());
    const id = opened.body.case.id as string;
    const h = client(running.url, handler.token);
    await h.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' });
    await h.event(id, { type: 'EXPLAIN', cause: 'пробки', prevention: 'раньше', text: 'Мы выезжаем раньше' });
    await h.event(id, { type: 'SKIP_COMPENSATION', reason: 'отказ' });
    await h.event(id, { type: 'FOLLOW_UP', text: 'Всё хорошо?' });
    const late = new Date(clock.now().getTime() + 61 * 86_400_000).toISOString();
    const res = await post('/api/v1/intake/orders', { orderId: 'ord-200', customerId: 'cust-1', placedAt: late });
    expect(res.body).toEqual({ wonBack: [] });
  });
});

describe('intake without a secret', () => {
  it('refuses every request with 401 while AMENDS_INTAKE_SECRET is not set', async () => {
    const clock = new FakeClock();
    const running = await startTestServer({ clock });
    try {
      const res = await signedPost(running.url, '/api/v1/intake/ratings', rating(), { now: clock.now() });
      expect(res.status).toBe(401);
      expect(res.body.detail).toContain('AMENDS_INTAKE_SECRET');
    } finally {
      await running.close();
    }
  });
});
