/** The team calendar: admins set it, business-time deadlines follow it, and a change re-plans open cases. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { listAudit } from '../../src/store/audit.js';
import { timersOfCase } from '../../src/store/timers.js';
import { addUser, client, customer, FakeClock, startTestServer, type Reply, type TestUser } from '../helpers.js';

let server: Running;
let clock: FakeClock;
let admin: TestUser;
let handler: TestUser;

beforeEach(async () => {
  // Friday 27 November 2026, 17:30 in Moscow.
  clock = new FakeClock(new Date('2026-11-27T14:30:00.000Z'));
  server = await startTestServer({ clock });
  admin = await addUser(server.engine, 'Ада Админова', 'admin');
  handler = await addUser(server.engine, 'Анна', 'handler');
});

afterEach(async () => {
  await server.close();
});

function ok(r: Reply, status = 200): Reply {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

async function openCase(scenario: string): Promise<string> {
  // The case view is checked by the case suites; here only the deadlines matter.
  const r = await client(server.url, handler.token, { contract: false }).post('/api/v1/cases', { customer: customer(), channel: 'email', description: 'Списали дважды', scenario });
  return ok(r, 201).body.id;
}

const dueOf = async (caseId: string, key: string) => (await timersOfCase(server.engine.store.db, caseId)).find((t) => t.key === key)?.dueAt;

describe('business calendars', () => {
  it('plans a billing case opened on Friday evening to be answered on Monday morning, and a late-arrival case on the wall clock', async () => {
    const billing = await openCase('billing-error');
    expect(await dueOf(billing, 'step:apologize')).toBe('2026-11-30T07:30:00.000Z');
    const late = await openCase('late-arrival');
    expect(await dueOf(late, 'step:apologize')).toBe('2026-11-27T16:30:00.000Z');
  });

  it('re-plans open business-time deadlines when an admin makes the Monday a holiday, and audits the change', async () => {
    const billing = await openCase('billing-error');
    const late = await openCase('late-arrival');
    const overallBefore = await dueOf(billing, 'overall');
    const asAdmin = client(server.url, admin.token);
    const calendar = ok(await asAdmin.get('/api/v1/calendar')).body;
    expect(calendar).toMatchObject({ timeZone: 'Europe/Moscow', hours: { mon: { from: '09:00', to: '18:00' }, sat: null } });

    clock.advance(3_600_000);
    const put = ok(await asAdmin.put('/api/v1/calendar', { ...calendar, holidays: [...calendar.holidays, '2026-11-30'] }));
    expect(put.body.replanned).toBe(1);
    // Planned from Friday 17:30 again, not from the moment of the change.
    expect(await dueOf(billing, 'step:apologize')).toBe('2026-12-01T07:30:00.000Z');
    expect(await dueOf(billing, 'overall')).toBe(overallBefore);
    expect(await dueOf(late, 'step:apologize')).toBe('2026-11-27T16:30:00.000Z');
    expect((await asAdmin.get('/api/v1/calendar')).body.holidays).toContain('2026-11-30');

    const audit = await listAudit(server.engine.store.db, { subject: 'calendar', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, actorRole: 'admin', action: 'calendar.set', after: { replanned: 1 } });
    expect((audit[0]!.before as { holidays: string[] }).holidays).not.toContain('2026-11-30');
  });

  it('lets only admins read or change the calendar, and refuses a bad one without changing anything', async () => {
    const billing = await openCase('billing-error');
    const asHandler = client(server.url, handler.token);
    expect((await asHandler.get('/api/v1/calendar')).status).toBe(403);
    const asAdmin = client(server.url, admin.token);
    const calendar = ok(await asAdmin.get('/api/v1/calendar')).body;
    expect((await asHandler.put('/api/v1/calendar', calendar)).status).toBe(403);
    const bad = await asAdmin.put('/api/v1/calendar', { ...calendar, timeZone: 'Mars/Olympus', hours: { ...calendar.hours, mon: null, tue: null, wed: null, thu: null, fri: null } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('timeZone');
    expect(await dueOf(billing, 'step:apologize')).toBe('2026-11-30T07:30:00.000Z');
  });
});

describe('GET /api/v1/sla', () => {
  it('tells anyone, without a token, the first-response time per tier and channel, faster for paying tiers', async () => {
    const r = ok(await client(server.url).get('/api/v1/sla'));
    expect(r.body.timeZone).toBe('Europe/Moscow');
    const items = r.body.firstResponse as Array<{ tier: string; channel: string; minutes: number; businessHours: boolean; expectedBy: string; text: { ru: string; en: string } }>;
    expect(items).toHaveLength(4 * 6);
    const of = (tier: string) => items.find((i) => i.tier === tier && i.channel === 'chat')!;
    expect(of('paid').minutes).toBe(Math.ceil(of('free').minutes * 0.75));
    expect(of('vip').minutes).toBe(Math.ceil(of('free').minutes * 0.5));
    expect(Date.parse(of('vip').expectedBy)).toBeLessThanOrEqual(Date.parse(of('free').expectedBy));
    expect(of('free').text.ru).toMatch(/ч/);
    expect(of('free').text.en).toMatch(/h/);
  });
});
