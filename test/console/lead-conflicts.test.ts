/** The leads' conflict board and reassignment, through the console's forms. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { client, customer, FakeClock, rub, startTestServer, testConfig } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
let lead: Person;
let anna: Person;
let boris: Person;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));

beforeAll(async () => {
  // The team works in Moscow; the lead reads times there (UTC+3).
  running = await startTestServer({ clock, worker: false, config: testConfig({ timeZone: 'Europe/Moscow', locale: 'en' }) });
  lead = await addPerson(running.engine, 'Olga Lead', 'lead');
  anna = await addPerson(running.engine, 'Anna Handler', 'handler', rub(100_000));
  boris = await addPerson(running.engine, 'Boris Handler', 'handler', rub(100_000));
});
afterAll(async () => running.close());

async function openCase(by: Person, over: Record<string, unknown> = {}): Promise<{ id: string; ref: string }> {
  const res = await client(running.url, by.token).post('/api/v1/cases', { customer: customer({ id: `c-${Math.random()}` }), channel: 'phone', description: 'Хамство', scenario: 'rude-staff', ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, ref: res.body.ref };
}

describe('the conflict board', () => {
  it('shows open conflict cases newest first, who calls and when, in the lead’s zone', async () => {
    const older = await openCase(anna, { tone: 'conflict', customer: customer({ id: 'c-old', name: 'Пётр Первый' }) });
    clock.advance(10 * 60_000);
    const newer = await openCase(boris, { tone: 'conflict', customer: customer({ id: 'c-new', name: 'Ирина Вторая' }) });
    const calm = await openCase(anna, { scenario: 'late-arrival', description: 'Опоздали на час', tone: 'constructive' });
    const browser = formClient(running.url);
    await browser.signIn(lead.email, lead.password);
    await browser.post('/language', { locale: 'en', next: '/conflicts' });
    const page = await browser.get('/conflicts');
    expect(page.status).toBe(200);
    const html = page.html;
    expect(html.indexOf(newer.ref)).toBeGreaterThan(-1);
    expect(html.indexOf(newer.ref)).toBeLessThan(html.indexOf(older.ref));
    expect(html).not.toContain(calm.ref);
    // Personal call due two hours after opening: 11:10 UTC is 14:10 in Moscow.
    expect(html).toContain('call due Nov 25, 14:10');
    expect(html).toContain('Boris Handler');
    expect(html).toContain('Ирина Вторая');
  });

  it('lets a lead reassign a case, through the engine, journaled as the lead', async () => {
    const c = await openCase(anna, { tone: 'conflict', customer: customer({ id: 'c-re' }) });
    const browser = formClient(running.url);
    await browser.signIn(lead.email, lead.password);
    await browser.post('/language', { locale: 'en', next: '/conflicts' });
    const board = await browser.get('/conflicts');
    const version = new RegExp(`action="/cases/${c.id}/reassign"[\\s\\S]*?name="version" value="(\\d+)"`).exec(board.html)?.[1];
    expect(version).toBeDefined();
    const res = await browser.post(`/cases/${c.id}/reassign`, { ownerId: boris.id, version: version!, next: '/conflicts' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/conflicts?reassigned=${c.id}`);
    expect((await browser.get(res.location!)).html).toContain(`Case ${c.ref} now belongs to Boris Handler.`);
    const timeline = (await client(running.url, lead.token).get(`/api/v1/cases/${c.id}/timeline`)).body.items;
    expect(timeline.at(-1)).toMatchObject({ type: 'REASSIGN', by: { id: lead.id, role: 'lead' }, payload: { ownerId: boris.id } });
    // The same form again is stale now: refused, nothing changes, and the board says so.
    const again = await browser.post(`/cases/${c.id}/reassign`, { ownerId: anna.id, version: version!, next: '/conflicts' });
    expect(again.status).toBe(303);
    expect(again.location).toBe(`/conflicts?stale=${c.id}`);
    expect((await client(running.url, lead.token).get(`/api/v1/cases/${c.id}`)).body.owner.id).toBe(boris.id);
  });

  it('is not for handlers: the page and the reassignment are refused, and nothing changes', async () => {
    const c = await openCase(anna, { tone: 'conflict', customer: customer({ id: 'c-h' }) });
    const browser = formClient(running.url);
    await browser.signIn(anna.email, anna.password);
    expect((await browser.get('/conflicts')).status).toBe(403);
    const res = await browser.post(`/cases/${c.id}/reassign`, { ownerId: anna.id, version: '2' });
    expect(res.status).toBe(403);
    const signedOut = formClient(running.url);
    expect((await signedOut.get('/conflicts')).status).toBe(303);
    expect((await signedOut.postRaw(`/cases/${c.id}/reassign`, { ownerId: boris.id, version: '2' })).status).toBe(401);
    expect((await client(running.url, lead.token).get(`/api/v1/cases/${c.id}`)).body.owner.id).toBe(anna.id);
  });
});
