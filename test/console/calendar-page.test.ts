/** The calendar page: admins change the team calendar and its rotas (audited, deadlines re-planned); leads look. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamCalendar } from '../../src/engine/team-calendar.js';
import type { Running } from '../../src/server.js';
import { listAudit } from '../../src/store/audit.js';
import { timersOfCase } from '../../src/store/timers.js';
import { client, customer, FakeClock, ok, startTestServer, testConfig } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
let admin: Person;
let lead: Person;
let handler: Person;
let billing: string;

const WEEK = { mon_from: '9:00', mon_to: '18:00', tue_from: '09:00', tue_to: '18:00', wed_from: '09:00', wed_to: '18:00', thu_from: '09:00', thu_to: '18:00', fri_from: '09:00', fri_to: '18:00', sat_from: '', sat_to: '', sun_from: '', sun_to: '' };
const NOVOSIBIRSK = { name: 'novosibirsk', zone: 'Asia/Novosibirsk', ...WEEK, holidays: '', workingDays: '', transfer_from: '', transfer_to: '' };

beforeAll(async () => {
  // Friday 27 November 2026, 17:30 in Moscow.
  running = await startTestServer({ worker: false, clock: new FakeClock(new Date('2026-11-27T14:30:00.000Z')), config: testConfig({ locale: 'en' }) });
  admin = await addPerson(running.engine, 'Ada Admin', 'admin');
  lead = await addPerson(running.engine, 'Olga Lead', 'lead');
  handler = await addPerson(running.engine, 'Hank Handler', 'handler');
  const r = await client(running.url, handler.token, { contract: false }).post('/api/v1/cases', { customer: customer(), channel: 'email', description: 'Charged twice', scenario: 'billing-error' });
  billing = ok(r, 201).body.id;
});
afterAll(async () => running.close());

async function signedIn(who: Person, locale = 'en') {
  const browser = formClient(running.url);
  await browser.signIn(who.email, who.password);
  await browser.post('/language', { locale, next: '/admin/calendar' });
  await browser.get('/admin/calendar');
  return browser;
}

const apologizeDue = async () => (await timersOfCase(running.engine.store.read, billing)).find((t) => t.key === 'step:apologize')?.dueAt;
const calendar = () => teamCalendar(running.engine.store.read, running.engine.config.timeZone);

describe('the calendar page', () => {
  it('shows the team calendar to an admin, linked from the navigation, with who is on duty now', async () => {
    const browser = await signedIn(admin);
    const page = await browser.get('/admin/calendar');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/admin/calendar" aria-current="page">Calendar</a>');
    expect(page.html).toContain('value="Europe/Moscow"');
    expect(page.html).toContain('2026-12-31');
    expect(page.html).toMatch(/On duty:<\/span>\s*<span class="chip">Olga Lead/);
    expect(page.html).toContain('action="/admin/calendar/rotas"');
  });

  it('refuses a bad form with the fields named and the values kept, changing nothing', async () => {
    const browser = await signedIn(admin);
    const before = await calendar();
    const bad = await browser.post('/admin/calendar', { zone: 'Europe/Moscow', ...WEEK, mon_to: '25:00', holidays: '2026-12-31\n2026-13-01', workingDays: '', transfer_from: '09:00', transfer_to: '18:00' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Nothing was saved. Check: Mon (to), Holidays.');
    expect(bad.html).toContain('&quot;2026-13-01&quot; is not a date YYYY-MM-DD.');
    expect(bad.html).toMatch(/name="mon_to" value="25:00"[^>]*aria-invalid="true"/);
    const zone = await browser.post('/admin/calendar/rotas', { ...NOVOSIBIRSK, zone: 'Asia/Atlantis' });
    expect(zone.status).toBe(400);
    expect(zone.html).toContain('Unknown time zone');
    expect(zone.html).toContain('value="Asia/Atlantis"');
    expect(zone.html).toMatch(/<details class="add-rota" open>/);
    const name = await browser.post('/admin/calendar/rotas', { ...NOVOSIBIRSK, name: 'Новосибирск' });
    expect(name.status).toBe(400);
    expect(name.html).toContain('Check: Rota name.');
    expect(await calendar()).toEqual(before);
    expect(await listAudit(running.engine.store.read, { subject: 'calendar', limit: 10 })).toEqual([]);
  });

  it('adds a rota, re-plans the open deadline and says so, then puts a person on it and refuses to remove it while they are', async () => {
    const browser = await signedIn(admin);
    expect(await apologizeDue()).toBe('2026-11-30T07:30:00.000Z');
    const added = await browser.post('/admin/calendar/rotas', NOVOSIBIRSK);
    expect(added.status).toBe(303);
    const after = await browser.get(added.location!);
    expect(after.html).toContain('Rota novosibirsk is added. Open deadlines re-planned: 1.');
    expect(after.html).toContain('data-rota="novosibirsk"');
    // Monday opens at 09:00 Novosibirsk (02:00 UTC), not 09:00 Moscow.
    expect(await apologizeDue()).toBe('2026-11-30T03:30:00.000Z');
    expect((await calendar()).rotas).toEqual([{ name: 'novosibirsk', timeZone: 'Asia/Novosibirsk', hours: expect.objectContaining({ mon: { from: '09:00', to: '18:00' }, sat: null }) }]);

    const put = await browser.post('/admin/calendar/people', { userId: handler.id, rota: 'novosibirsk' });
    expect(put.status).toBe(303);
    expect((await browser.get(put.location!)).html).toContain('Hank Handler is now on rota novosibirsk.');

    const refused = await browser.post('/admin/calendar/rotas/novosibirsk/remove');
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('people are still on this rota — Hank Handler (novosibirsk)');
    expect((await calendar()).rotas).toHaveLength(1);

    await browser.post('/admin/calendar/people', { userId: handler.id, rota: '' });
    await browser.get('/admin/calendar');
    const removed = await browser.post('/admin/calendar/rotas/novosibirsk/remove');
    expect(removed.status).toBe(303);
    expect((await browser.get(removed.location!)).html).toContain('Rota novosibirsk is removed. Open deadlines re-planned: 1.');
    expect(await apologizeDue()).toBe('2026-11-30T07:30:00.000Z');
    const audit = await listAudit(running.engine.store.read, { limit: 100 });
    expect(audit.filter((a) => a.actorId === admin.id).map((a) => a.action)).toEqual(['calendar.set', 'user.rota', 'user.rota', 'calendar.set']);
  });

  it('saves the team calendar with a holiday, in Russian', async () => {
    const browser = await signedIn(admin, 'ru');
    const page = await browser.get('/admin/calendar');
    expect(page.html).toContain('Календарь и дежурства');
    const holidays = [...(await calendar()).holidays, '2026-11-30'].join('\n');
    const saved = await browser.post('/admin/calendar', { zone: 'Europe/Moscow', ...WEEK, holidays, workingDays: '2027-11-13', transfer_from: '09:00', transfer_to: '18:00' });
    expect(saved.status).toBe(303);
    expect((await browser.get(saved.location!)).html).toContain('Календарь команды сохранён. Пересчитано сроков открытых обращений: 1.');
    expect((await calendar()).holidays).toContain('2026-11-30');
    expect(await apologizeDue()).toBe('2026-12-01T07:30:00.000Z');
  });

  it('lets a lead look without changing anything, and keeps handlers out', async () => {
    const asLead = await signedIn(lead);
    const page = await asLead.get('/admin/calendar');
    expect(page.status).toBe(200);
    expect(page.html).toContain('only an admin can change the calendar');
    expect(page.html).toContain('<fieldset disabled>');
    expect(page.html).not.toContain('action="/admin/calendar/rotas"');
    expect((await asLead.post('/admin/calendar/rotas', NOVOSIBIRSK)).status).toBe(403);
    const asHandler = await signedIn(handler);
    expect((await asHandler.get('/admin/calendar')).status).toBe(403);
    expect((await asHandler.get('/queue')).html).not.toContain('href="/admin/calendar"');
  });
});
