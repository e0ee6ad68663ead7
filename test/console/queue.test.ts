import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { client, customer, FakeClock, ok, startTestServer } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));
let anna: Person;
let lead: Person;
const ids: Record<string, { id: string; ref: string }> = {};

async function open(who: Person, key: string, body: Record<string, unknown>) {
  const res = ok(await client(running.url, who.token).post('/api/v1/cases', { channel: 'email', description: 'It went wrong', ...body }), 201);
  ids[key] = { id: res.body.id, ref: res.body.ref };
}

/** The case ids of a queue page, top to bottom. */
const order = (html: string) => [...html.matchAll(/data-case-id="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  running = await startTestServer({ clock, worker: false });
  anna = await addPerson(running.engine, 'Anna', 'handler');
  lead = await addPerson(running.engine, 'Olga', 'lead');
  const boris = await addPerson(running.engine, 'Boris', 'handler');
  await open(anna, 'late', { customer: customer({ id: 'c-a', name: 'Мария Иванова' }), orderId: 'ord-A', scenario: 'late-arrival' });
  await open(anna, 'damage', { customer: customer({ id: 'c-b', name: 'Пётр Смирнов' }), orderId: 'ord-B', scenario: 'property-damage' });
  await open(lead, 'unassigned', { customer: customer({ id: 'c-c', name: 'Ivan Petrov', locale: 'en' }), scenario: 'hostile-unclear', tone: 'conflict', ownerId: null });
  await open(boris, 'borisOwn', { customer: customer({ id: 'c-d', name: 'Someone Else' }), orderId: 'ord-D', scenario: 'late-arrival' });
});
afterAll(async () => running.close());

describe('the queue', () => {
  it("shows a handler their cases and the unassigned ones, what is due first on top, not another handler's", async () => {
    const browser = formClient(running.url);
    await browser.signIn(anna.email, anna.password);
    const page = await browser.get('/queue', { 'accept-language': 'en' });
    expect(order(page.html)).toEqual([ids.unassigned?.id, ids.damage?.id, ids.late?.id]);
    expect(page.html).toContain('due in 2 h');
    expect(page.html).toContain('unassigned');
  });

  it('says how late an overdue case is, in the reader’s language, and marks it as breaching', async () => {
    clock.set('2026-11-25T10:15:00.000Z');
    const browser = formClient(running.url);
    await browser.signIn(anna.email, anna.password);
    const en = await browser.get('/queue', { 'accept-language': 'en' });
    const damageRow = en.html.slice(en.html.indexOf(`data-case-id="${ids.damage?.id}"`)).split('</li>')[0] as string;
    expect(damageRow).toContain('overdue by 15 min');
    expect(damageRow).toContain('breaching');
    const lateRow = en.html.slice(en.html.indexOf(`data-case-id="${ids.late?.id}"`)).split('</li>')[0] as string;
    expect(lateRow).toContain('due in 45 min');
    expect(lateRow).not.toContain('breaching');
    await browser.post('/language', { locale: 'ru', next: '/queue' });
    const ru = await browser.get('/queue');
    expect(ru.html).toContain('просрочено на 15 мин');
    expect(ru.html).toContain('осталось 45 мин');
    clock.set('2026-11-25T09:00:00.000Z');
  });

  it('filters by scenario, tone and step, and finds a case by reference, customer or order', async () => {
    const browser = formClient(running.url);
    await browser.signIn(anna.email, anna.password);
    expect(order((await browser.get('/queue?tone=conflict')).html)).toEqual([ids.unassigned?.id]);
    expect(order((await browser.get('/queue?scenario=property-damage')).html)).toEqual([ids.damage?.id]);
    expect(order((await browser.get('/queue?state=triage')).html)).toEqual([ids.unassigned?.id]);
    expect(order((await browser.get('/queue?q=ord-A')).html)).toEqual([ids.late?.id]);
    expect(order((await browser.get(`/queue?q=${encodeURIComponent('Пётр')}`)).html)).toEqual([ids.damage?.id]);
    expect(order((await browser.get(`/queue?q=${encodeURIComponent('пётр смирнов')}`)).html)).toEqual([ids.damage?.id]);
    expect(order((await browser.get(`/queue?q=${ids.damage?.ref.toLowerCase()}`)).html)).toEqual([ids.damage?.id]);
    expect(order((await browser.get(`/queue?q=${ids.late?.ref}`)).html)).toEqual([ids.late?.id]);
    // Another handler's case stays out of sight even when searched for.
    expect(order((await browser.get('/queue?q=ord-D')).html)).toEqual([]);
    // Nonsense filters are ignored rather than refused: a person typed them.
    expect((await browser.get('/queue?tone=angry&state=nowhere')).status).toBe(200);
    // A search longer than the field allows is cut, not dropped: it must not show the whole queue.
    expect(order((await browser.get(`/queue?q=${'я'.repeat(1000)}`)).html)).toEqual([]);
    expect(order((await browser.get(`/queue?q=ord-A${'x'.repeat(300)}`)).html)).toEqual([]);
  });

  it('shows a lead every open case', async () => {
    const browser = formClient(running.url);
    await browser.signIn(lead.email, lead.password);
    const page = await browser.get('/queue');
    expect(order(page.html)).toHaveLength(4);
    expect(order(page.html)).toContain(ids.borisOwn?.id);
  });
});
