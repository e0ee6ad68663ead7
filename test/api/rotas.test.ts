/** Rotas: parts of the team on duty in their own zones. Business time counts the union; people work by a rota. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { listAudit } from '../../src/store/audit.js';
import { timersOfCase } from '../../src/store/timers.js';
import { addUser, client, customer, FakeClock, ok, startTestServer, type TestUser } from '../helpers.js';

let server: Running;
let clock: FakeClock;
let admin: TestUser;
let lead: TestUser;
let handler: TestUser;

const NINE_TO_SIX = { from: '09:00', to: '18:00' };
const WEEK = { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: null, sun: null };
/** 09:00–18:00 in Novosibirsk (UTC+7): 05:00–14:00 Moscow time. */
const novosibirsk = { name: 'novosibirsk', timeZone: 'Asia/Novosibirsk', hours: WEEK };

beforeEach(async () => {
  // Friday 27 November 2026, 17:30 in Moscow, 21:30 in Novosibirsk.
  clock = new FakeClock(new Date('2026-11-27T14:30:00.000Z'));
  server = await startTestServer({ clock });
  admin = await addUser(server.engine, 'Ада Админова', 'admin');
  lead = await addUser(server.engine, 'Лида', 'lead');
  handler = await addUser(server.engine, 'Анна', 'handler');
});

afterEach(async () => {
  await server.close();
});

async function openBillingCase(): Promise<string> {
  const r = await client(server.url, handler.token, { contract: false }).post('/api/v1/cases', { customer: customer(), channel: 'email', description: 'Списали дважды', scenario: 'billing-error' });
  return ok(r, 201).body.id;
}

const apologizeDue = async (caseId: string) => (await timersOfCase(server.engine.store.db, caseId)).find((t) => t.key === 'step:apologize')?.dueAt;

describe('a rota in the team calendar', () => {
  it('re-plans open business-time deadlines over the union when a rota is added, and back when it is removed', async () => {
    const billing = await openBillingCase();
    // Two working hours: 30 min on Friday, 1.5 h from Monday 09:00 Moscow.
    expect(await apologizeDue(billing)).toBe('2026-11-30T07:30:00.000Z');
    const asAdmin = client(server.url, admin.token);
    const calendar = ok(await asAdmin.get('/api/v1/calendar')).body;
    expect(calendar.rotas).toBeUndefined();

    const put = ok(await asAdmin.put('/api/v1/calendar', { ...calendar, rotas: [novosibirsk] }));
    expect(put.body.replanned).toBe(1);
    // Monday opens at 09:00 Novosibirsk = 02:00 UTC: 1.5 h later is 03:30 UTC (06:30 Moscow).
    expect(await apologizeDue(billing)).toBe('2026-11-30T03:30:00.000Z');
    expect(ok(await asAdmin.get('/api/v1/calendar')).body.rotas).toEqual([novosibirsk]);

    expect(ok(await asAdmin.put('/api/v1/calendar', calendar)).body.replanned).toBe(1);
    expect(await apologizeDue(billing)).toBe('2026-11-30T07:30:00.000Z');
    const audit = await listAudit(server.engine.store.db, { subject: 'calendar', limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['calendar.set', 'calendar.set']);
    expect(audit[0]!.after).toMatchObject({ rotas: [novosibirsk], replanned: 1 });
  });

  it('tells leads when the team is covered and by which rota, and who is on duty now', async () => {
    const asAdmin = client(server.url, admin.token);
    const calendar = ok(await asAdmin.get('/api/v1/calendar')).body;
    ok(await asAdmin.put('/api/v1/calendar', { ...calendar, rotas: [novosibirsk] }));
    const nsk = await addUser(server.engine, 'Николай', 'handler');
    ok(await asAdmin.patch(`/api/v1/users/${nsk.id}`, { rota: 'novosibirsk' }));

    const asLead = client(server.url, lead.token);
    const monday = ok(await asLead.get('/api/v1/calendar/coverage?from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z')).body;
    expect(monday.timeZone).toBe('Europe/Moscow');
    expect(monday.intervals).toEqual([
      {
        from: '2026-11-30T02:00:00.000Z',
        to: '2026-11-30T15:00:00.000Z',
        shifts: [
          { rota: 'novosibirsk', from: '2026-11-30T02:00:00.000Z', to: '2026-11-30T11:00:00.000Z' },
          { rota: 'team', from: '2026-11-30T06:00:00.000Z', to: '2026-11-30T15:00:00.000Z' },
        ],
      },
    ]);
    expect(monday.coveredMinutes).toBe(13 * 60);
    // Friday 17:30 Moscow: the team calendar is open, Novosibirsk has gone home.
    expect(monday.now.open).toEqual(['team']);
    const onDuty = monday.now.onDuty as Array<{ id: string; by: string }>;
    expect(onDuty.find((p) => p.id === handler.id)?.by).toBe('always');
    expect(onDuty.some((p) => p.id === nsk.id)).toBe(false);

    clock.set('2026-11-30T03:00:00.000Z'); // Monday 10:00 in Novosibirsk
    const early = ok(await asLead.get('/api/v1/calendar/coverage')).body;
    expect(early.now.open).toEqual(['novosibirsk']);
    expect(early.now.onDuty.find((p: { id: string }) => p.id === nsk.id)).toMatchObject({ rota: 'novosibirsk', by: 'rota' });
    expect(early.from).toBe('2026-11-30T03:00:00.000Z');
    expect(early.to).toBe('2026-12-01T03:00:00.000Z');
  });

  it('refuses a coverage question over more than 31 days or backwards, and anyone below a lead', async () => {
    const asLead = client(server.url, lead.token);
    const long = await asLead.get('/api/v1/calendar/coverage?from=2026-11-01T00:00:00Z&to=2026-12-03T00:00:00Z');
    expect(long.status).toBe(400);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toEqual(['to']);
    const backwards = await asLead.get('/api/v1/calendar/coverage?from=2026-11-03T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    const badFrom = await asLead.get('/api/v1/calendar/coverage?from=yesterday');
    expect(badFrom.status).toBe(400);
    expect(badFrom.body.errors.map((e: { path: string }) => e.path)).toEqual(['from']);
    expect(ok(await asLead.get('/api/v1/calendar/coverage?from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00Z')).body.intervals.length).toBeGreaterThan(15);
    expect((await client(server.url, handler.token).get('/api/v1/calendar/coverage')).status).toBe(403);
  });

  it('keeps the public SLA answering with rotas', async () => {
    const asAdmin = client(server.url, admin.token);
    const calendar = ok(await asAdmin.get('/api/v1/calendar')).body;
    ok(await asAdmin.put('/api/v1/calendar', { ...calendar, rotas: [novosibirsk] }));
    const sla = ok(await client(server.url).get('/api/v1/sla')).body;
    expect(sla.timeZone).toBe('Europe/Moscow');
    expect(sla.firstResponse).toHaveLength(4 * 6);
  });
});

describe('people on a rota', () => {
  it('puts a person on a rota (audited), refuses an unknown rota, and refuses removing a rota someone is on', async () => {
    const billing = await openBillingCase();
    const asAdmin = client(server.url, admin.token);
    const calendar = ok(await asAdmin.get('/api/v1/calendar')).body;
    ok(await asAdmin.put('/api/v1/calendar', { ...calendar, rotas: [novosibirsk] }));

    const unknown = await asAdmin.patch(`/api/v1/users/${handler.id}`, { rota: 'omsk' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['rota']);
    expect((await asAdmin.patch(`/api/v1/users/${handler.id}`, { rota: 'Омск' })).status).toBe(400);

    const put = ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { rota: 'novosibirsk' })).body;
    expect(put.rota).toBe('novosibirsk');
    const audit = await listAudit(server.engine.store.db, { subject: handler.id, limit: 10 });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([['user.rota', { rota: null }, { rota: 'novosibirsk' }]]);

    const removing = await asAdmin.put('/api/v1/calendar', calendar);
    expect(removing.status).toBe(409);
    expect(removing.body.detail).toContain('Анна (novosibirsk)');
    expect(removing.body.people).toEqual([{ id: handler.id, name: 'Анна', rota: 'novosibirsk' }]);
    // Nothing changed: the rota is there, the deadline still counts it.
    expect(ok(await asAdmin.get('/api/v1/calendar')).body.rotas).toEqual([novosibirsk]);
    expect(await apologizeDue(billing)).toBe('2026-11-30T03:30:00.000Z');

    ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { rota: null }));
    expect(ok(await asAdmin.put('/api/v1/calendar', calendar)).body.replanned).toBe(1);
    expect((await asAdmin.get('/api/v1/users')).body.items.find((u: { id: string }) => u.id === handler.id).rota).toBeNull();
  });
});

describe('bad calendars', () => {
  it('refuses an unknown zone, duplicate names, 1000 rotas and a huge body, changing nothing', async () => {
    const billing = await openBillingCase();
    const asAdmin = client(server.url, admin.token);
    const calendar = ok(await asAdmin.get('/api/v1/calendar')).body;
    const paths = (r: { body: { errors: Array<{ path: string }> } }) => r.body.errors.map((e) => e.path);

    const zone = await asAdmin.put('/api/v1/calendar', { ...calendar, rotas: [{ ...novosibirsk, timeZone: 'Asia/Atlantis' }] });
    expect(zone.status).toBe(400);
    expect(paths(zone)).toEqual(['rotas.0.timeZone']);

    const twice = await asAdmin.put('/api/v1/calendar', { ...calendar, rotas: [novosibirsk, { ...novosibirsk, timeZone: 'Asia/Omsk', hours: { ...WEEK, sat: NINE_TO_SIX } }] });
    expect(twice.status).toBe(400);
    expect(paths(twice)).toEqual(['rotas.1.name']);

    const many = Array.from({ length: 1000 }, (_, i) => ({ ...novosibirsk, name: `r${i}` }));
    const thousand = await asAdmin.put('/api/v1/calendar', { ...calendar, rotas: many });
    expect(thousand.status).toBe(400);
    expect(paths(thousand)).toEqual(['rotas']);

    const huge = await client(server.url, admin.token, { contract: false }).put('/api/v1/calendar', { ...calendar, rotas: [...many, ...many].map((r, i) => ({ ...r, name: `r${i}` })) });
    expect(huge.status).toBe(413);

    expect(ok(await asAdmin.get('/api/v1/calendar')).body).toEqual(calendar);
    expect(await apologizeDue(billing)).toBe('2026-11-30T07:30:00.000Z');
    expect(await listAudit(server.engine.store.db, { subject: 'calendar', limit: 10 })).toEqual([]);
  });
});
