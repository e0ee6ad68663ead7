import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z')); // 12:00 in Moscow, the team's zone

beforeAll(async () => {
  running = await startTestServer({ clock });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', { minor: 100_000, currency: 'RUB' });
});
afterAll(async () => running.close());

async function openFor(tier: 'free' | 'paid') {
  const api = client(running.url, handler.token);
  const res = await api.post('/api/v1/cases', { customer: customer({ id: `c-${tier}`, tier }), channel: 'phone', description: 'Клинер опоздал', scenario: 'late-arrival' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (await api.get(`/api/v1/cases/${res.body.id}`)).body;
}

describe('the checklist names the step deadline of this case', () => {
  it("shows a paid customer's tiered call-back time, 90 minutes instead of two hours, in both languages", async () => {
    const c = await openFor('paid');
    const callBack = c.checklist.items.find((i: { id: string }) => i.id === 'call-back');
    expect(callBack.do).toEqual({ ru: 'Перезвоните клиенту до 13:30 (через 1 ч 30 мин)', en: 'Call the customer back by 13:30 (in 1 h 30 min)' });
    expect(c.checklist).toMatchObject({ step: 'apologize', dueAt: '2026-11-25T10:30:00.000Z' });
  });

  it('shows a free customer the playbook time', async () => {
    const c = await openFor('free');
    expect(c.checklist.items.find((i: { id: string }) => i.id === 'call-back').do.en).toBe('Call the customer back by 14:00 (in 2 h)');
  });
});

describe('the generic checklist of a conflict case', () => {
  it('asks for the personal call by the generic deadline where the playbook is silent', async () => {
    const api = client(running.url, handler.token);
    const res = await api.post('/api/v1/cases', { customer: customer({ id: 'c-conflict' }), channel: 'phone', description: 'Клинер опоздал', scenario: 'late-arrival', tone: 'conflict' });
    const c = (await api.get(`/api/v1/cases/${res.body.id}`)).body;
    expect(c.state).toBe('personalCall');
    expect(c.checklist.items).toEqual([{ id: 'call', do: { ru: 'Позвоните клиенту лично до 14:00 (через 2 ч)', en: 'Call the customer personally by 14:00 (in 2 h)' } }]);
  });
});
