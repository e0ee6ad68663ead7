/** The customer's rating after resolution: from the status page form and from intake, onto the case, its journal and the reports. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, ok, recordingDeliverer, startTestServer, testConfig, type TestUser } from '../helpers.js';
import { INTAKE_SECRET, signedPost } from '../far-end.js';

let running: Running;
let clock: FakeClock;
let lead: TestUser;
let handler: TestUser;

beforeEach(async () => {
  clock = new FakeClock();
  running = await startTestServer({ clock, config: testConfig({ intakeSecret: INTAKE_SECRET }), deliver: recordingDeliverer() });
  lead = await addUser(running.engine, 'Лида', 'lead');
  handler = await addUser(running.engine, 'Хэнк', 'handler');
});
afterEach(async () => {
  await running.close();
});

async function resolve(id: string): Promise<void> {
  const h = client(running.url, handler.token);
  ok(await h.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' }));
  ok(await h.event(id, { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Запас', text: 'Мы виноваты.' }));
  ok(await h.event(id, { type: 'SKIP_COMPENSATION', reason: 'Клиент отказался', notify: false }));
  ok(await h.event(id, { type: 'FOLLOW_UP', text: 'Всё хорошо?', rating: 'neutral' }));
}

const rerated = async (id: string) =>
  (ok(await client(running.url, lead.token).get(`/api/v1/cases/${id}/timeline`)).body.items as Array<{ type: string; payload: unknown }>).filter((e) => e.type === 'RERATED');

function rate(statusUrl: string, form: Record<string, string>) {
  return fetch(`${statusUrl}/rating`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
}

describe('re-rating on the status page', () => {
  it('offers no form and refuses a rating while the case is open', async () => {
    const c = ok(await client(running.url, handler.token).post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' }), 201).body;
    expect(await (await fetch(c.statusUrl)).text()).not.toContain('name="rating"');
    expect((await rate(c.statusUrl, { rating: 'good' })).status).toBe(409);
    expect(await rerated(c.id)).toEqual([]);
  });

  it('takes the rating of a resolved case, journals it, counts it in the reports and thanks the customer', async () => {
    const c = ok(await client(running.url, handler.token).post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' }), 201).body;
    await resolve(c.id);
    expect(await (await fetch(c.statusUrl)).text()).toContain('name="rating"');
    expect((await rate(c.statusUrl, { rating: 'awful' })).status).toBe(400);
    const answer = await rate(c.statusUrl, { rating: 'bad', comment: '' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toMatch(/\?rated=1$/);
    expect(await (await fetch(`${c.statusUrl}?rated=1`)).text()).toContain('Спасибо за оценку');
    expect(await rerated(c.id)).toEqual([expect.objectContaining({ payload: { rating: 'bad', source: 'statusPage' } })]);
    const reports = ok(await client(running.url, lead.token).get('/api/v1/reports/handlers')).body.items;
    expect(reports).toEqual([expect.objectContaining({ ownerId: handler.id, ratingsBad: 1, ratingsNeutral: 0, thanks: 0 })]);
  });

  it('is the customer’s to give: a person sending RERATED through the API is refused', async () => {
    const c = ok(await client(running.url, handler.token).post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' }), 201).body;
    await resolve(c.id);
    expect((await client(running.url, lead.token).event(c.id, { type: 'RERATED', rating: 'good', source: 'statusPage' })).status).toBe(403);
  });
});

describe('re-rating through intake', () => {
  it('lands a new rating of the order of a resolved case on that case as a re-rating, and in the reports as thanks', async () => {
    const base = { orderId: 'ord-7', customer: customer(), overall: 2, aspects: { punctuality: 1 }, comment: 'Опоздали на час', ratedAt: '2026-11-25T08:30:00.000Z' };
    const opened = await signedPost(running.url, '/api/v1/intake/ratings', base, { now: clock.now() });
    expect(opened.status).toBe(201);
    const id: string = opened.body.case.id;
    await resolve(id);
    const again = await signedPost(running.url, '/api/v1/intake/ratings', { ...base, overall: 5, aspects: {}, comment: 'Спасибо, что разобрались!', ratedAt: '2026-11-26T08:30:00.000Z' }, { now: clock.now() });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ opened: false, case: { id } });
    expect(await rerated(id)).toEqual([expect.objectContaining({ payload: { rating: 'good', source: 'intake', comment: 'Спасибо, что разобрались!' } })]);
    const reports = ok(await client(running.url, lead.token).get('/api/v1/reports/handlers')).body.items;
    expect(reports).toEqual([expect.objectContaining({ ownerId: handler.id, ratingsGood: 1, thanks: 1 })]);
  });
});
