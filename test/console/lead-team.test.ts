/** The team page: this month's compensation against the budget, each handler's open and overdue cases, with charts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBudget } from '../../src/engine/admin.js';
import type { Running } from '../../src/server.js';
import { client, customer, FakeClock, HOUR, rub, startTestServer, testConfig } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
let lead: Person;
let anna: Person;
let boris: Person;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));

beforeAll(async () => {
  running = await startTestServer({ clock, worker: false, config: testConfig({ locale: 'en' }) });
  lead = await addPerson(running.engine, 'Olga Lead', 'lead');
  anna = await addPerson(running.engine, 'Anna Handler', 'handler', rub(100_000));
  boris = await addPerson(running.engine, 'Boris Handler', 'handler', rub(100_000));
});
afterAll(async () => running.close());

async function openCase(by: Person): Promise<string> {
  const res = await client(running.url, by.token).post('/api/v1/cases', { customer: customer({ id: `c-${Math.random()}` }), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function send(by: Person, id: string, events: Array<Record<string, unknown>>) {
  for (const e of events) expect((await client(running.url, by.token).event(id, e)).status).toBe(200);
}

describe('the team page', () => {
  it('shows the month’s compensation against the budget and each handler’s open and overdue cases, with charts', async () => {
    await setBudget(running.engine.store, { id: 'cli', role: 'system' }, rub(1_000_000), clock.now().toISOString());
    const paid = await openCase(anna);
    await send(anna, paid, [
      { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' },
      { type: 'EXPLAIN', cause: 'Маршрут спланировали плохо', prevention: 'Теперь с запасом', text: 'Вот почему.' },
      { type: 'OFFER', kind: 'credit', value: rub(30_000) },
      { type: 'CUSTOMER_ACCEPTED' },
      { type: 'ISSUE' },
    ]);
    const promised = await openCase(boris);
    await send(boris, promised, [
      { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' },
      { type: 'EXPLAIN', cause: 'Маршрут спланировали плохо', prevention: 'Теперь с запасом', text: 'Вот почему.' },
      { type: 'OFFER', kind: 'credit', value: rub(20_000) },
    ]);
    await openCase(boris);
    // Three hours on, Boris's second apology (due in two hours) is late; Anna's paid case waits for its follow-up.
    clock.advance(3 * HOUR);
    const browser = formClient(running.url);
    await browser.signIn(lead.email, lead.password);
    await browser.post('/language', { locale: 'en', next: '/team' });
    const page = await browser.get('/team');
    expect(page.status).toBe(200);
    const html = page.html;
    expect(html).toContain('November 2026');
    // Budget 10 000, issued 300, promised 200, left 9 500 (RUB).
    expect(html).toMatch(/<b>[^<]*10,000\.00<\/b><span>Budget/);
    expect(html).toMatch(/<b>[^<]*300\.00<\/b><span>Issued/);
    expect(html).toMatch(/<b>[^<]*200\.00<\/b><span>Promised/);
    expect(html).toMatch(/<b>[^<]*9,500\.00<\/b><span>Left/);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(2);
    expect(html.match(/<svg class="bar"/g)).toHaveLength(4);
    expect(html).toContain('aria-label="Open and overdue cases per handler"');
    const row = (id: string) => new RegExp(`<tr data-user-id="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    expect(row(boris.id)).toMatch(/<td class="num">2<\/td><td class="num overdue">1<\/td>/);
    expect(row(anna.id)).toMatch(/<td class="num">1<\/td><td class="num">0<\/td><td class="num col-issued">[^<]*300\.00<\/td>/);
    // Who needs help first: the most overdue on top.
    expect(html.indexOf(`data-user-id="${boris.id}"`)).toBeLessThan(html.indexOf(`data-user-id="${anna.id}"`));
  });

  it('says when no budget is set, in Russian too', async () => {
    const fresh = await startTestServer({ clock, worker: false, config: testConfig({ locale: 'ru' }) });
    try {
      const l = await addPerson(fresh.engine, 'Лена', 'lead');
      const browser = formClient(fresh.url);
      await browser.signIn(l.email, l.password);
      await browser.post('/language', { locale: 'ru', next: '/team' });
      const html = (await browser.get('/team')).html;
      expect(html).toContain('Месячный бюджет не задан');
      expect(html).toContain('ноябрь 2026');
    } finally {
      await fresh.close();
    }
  });

  it('is refused to handlers and to signed-out visitors', async () => {
    const browser = formClient(running.url);
    await browser.signIn(anna.email, anna.password);
    expect((await browser.get('/team')).status).toBe(403);
    expect((await formClient(running.url).get('/team')).status).toBe(303);
  });
});
