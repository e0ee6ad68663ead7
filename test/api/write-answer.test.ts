import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, ok, rub, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
let lead: TestUser;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));

beforeAll(async () => {
  running = await startTestServer({ clock });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(20_000));
  lead = await addUser(running.engine, 'Ольга Лидова', 'lead', rub(1_000_000));
});
afterAll(async () => running.close());

/** What a GET of the case says right now, at the version the write answered with. */
async function readBack(api: ReturnType<typeof client>, answer: { status: number; headers: Headers; body: { id: string; version: number } }) {
  const got = ok(await api.get(`/api/v1/cases/${answer.body.id}`));
  expect(got.headers.get('etag')).toBe(answer.headers.get('etag'));
  return got.body;
}

describe('the answer to a write is the case as a GET of that version reads it', () => {
  it('after opening a case and after each event on the way to resolved: deadlines, ledger, messages, checklist alike', async () => {
    const api = client(running.url, handler.token);
    const opened = ok(await api.post('/api/v1/cases', { customer: customer({ id: 'c-answer', tier: 'paid' }), orderId: 'ord-9', channel: 'email', description: 'Клинер опоздал', scenario: 'late-arrival' }), 201);
    expect(opened.body).toEqual(await readBack(api, opened));
    const steps: Array<[TestUser, Record<string, unknown>]> = [
      [handler, { type: 'ESCALATE', reason: 'the customer wrote again' }],
      [handler, { type: 'APOLOGIZE', channel: 'email', text: 'Простите, что заставили ждать' }],
      [handler, { type: 'EXPLAIN', cause: 'Клинер застрял в пробке', prevention: 'Выезжаем с запасом', text: 'Мы опоздали по нашей вине' }],
      // Over the handler's limit: the offer waits for a lead's approval (a ledger entry, an alert).
      [handler, { type: 'OFFER', kind: 'credit', value: rub(50_000), note: 'бонусы' }],
      [lead, { type: 'APPROVE_OFFER', comment: 'Согласовано' }],
      [handler, { type: 'CUSTOMER_ACCEPTED' }],
      [handler, { type: 'ISSUE' }],
      [handler, { type: 'FOLLOW_UP', text: 'Всё ли теперь хорошо?', rating: 'good' }],
    ];
    let seen = 0;
    for (const [who, event] of steps) {
      clock.advance(7 * 60_000);
      const as = client(running.url, who.token);
      const res = ok(await as.event(opened.body.id, event));
      expect(res.body.version, JSON.stringify(event)).toBeGreaterThan(seen);
      seen = res.body.version;
      expect(res.body, JSON.stringify(event)).toEqual(await readBack(as, res));
      // Another reader (whose own name is not among the case's people) sees the same case, names alike.
      const other = who === lead ? handler : lead;
      const { allowedEvents: _mine, ...answer } = res.body;
      const { allowedEvents: _theirs, ...theirs } = await readBack(client(running.url, other.token), res);
      expect(answer, JSON.stringify(event)).toEqual(theirs);
    }
    const last = (await api.get(`/api/v1/cases/${opened.body.id}`)).body;
    // The walk did reach what it means to compare: money moved, messages went out, the case resolved.
    expect(last.status).toBe('resolved');
    expect(new Set(last.ledger.map((l: { by: { name: string } }) => l.by.name))).toEqual(new Set(['Анна Смирнова', 'Ольга Лидова']));
    expect(last.ledger.length).toBeGreaterThan(2);
    expect(last.messages.length).toBeGreaterThan(0);
  });
});
