import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseOwner, isOnDuty, parseHours, setWorkingHours } from '../../src/engine/assign.js';
import { assignWaiting } from '../../src/engine/assign-waiting.js';
import { SYSTEM } from '../../src/domain/roles.js';
import { openCase } from '../../src/engine/open-case.js';
import type { Running } from '../../src/server.js';
import { CLI, setCalendar, setUserRota } from '../../src/engine/admin.js';
import { defaultCalendar } from '../../src/sla/calendar.js';
import { addUser, customer, FakeClock, startTestServer, type TestUser } from '../helpers.js';

const WEEKDAYS = 'mon-fri 09:00-18:00';

describe('working hours', () => {
  it('reads day ranges and several shifts', () => {
    expect(parseHours('mon-wed 09:00-18:00, sat 10:00-14:00')).toEqual({
      mon: ['09:00', '18:00'], tue: ['09:00', '18:00'], wed: ['09:00', '18:00'], sat: ['10:00', '14:00'],
    });
    expect(parseHours('fri-mon 22:00-06:00')).toEqual({ fri: ['22:00', '06:00'], sat: ['22:00', '06:00'], sun: ['22:00', '06:00'], mon: ['22:00', '06:00'] });
  });

  it('refuses hours it cannot read', () => {
    for (const bad of ['', 'monday 9-18', 'mon 25:00-26:00', 'xyz 09:00-18:00', 'mon 09:00-09:00']) {
      expect(() => parseHours(bad)).toThrow();
    }
  });

  it('counts a person on duty in their own zone, not the team one', () => {
    const hours = parseHours(WEEKDAYS);
    // Wednesday 06:30 UTC: 09:30 in Moscow, 13:30 in Novosibirsk… and 22:30 on Tuesday in Los Angeles.
    const at = new Date('2026-11-25T06:30:00Z');
    expect(isOnDuty({ timeZone: 'Europe/Moscow', hours }, at, 'UTC')).toBe(true);
    expect(isOnDuty({ timeZone: 'America/Los_Angeles', hours }, at, 'UTC')).toBe(false);
    expect(isOnDuty({ timeZone: null, hours }, at, 'UTC')).toBe(false);
    expect(isOnDuty({ timeZone: null, hours: null }, at, 'UTC')).toBe(true);
  });

  it('keeps a night shift on duty past midnight', () => {
    const hours = parseHours('tue 22:00-06:00');
    expect(isOnDuty({ timeZone: 'Europe/Moscow', hours }, new Date('2026-11-25T00:30:00Z'), 'UTC')).toBe(true); // Wed 03:30 MSK
    expect(isOnDuty({ timeZone: 'Europe/Moscow', hours }, new Date('2026-11-25T04:30:00Z'), 'UTC')).toBe(false); // Wed 07:30 MSK
  });
});

describe('assignment', () => {
  let running: Running;
  let clock: FakeClock;
  const db = () => running.engine.store.db;
  const hours = (u: TestUser, zone: string, spec: string | null) => setWorkingHours(db(), u.id, zone, spec);
  const open = async (ownerId: string | null) =>
    (await openCase(running.engine, { customer: customer(), channel: 'rating', description: 'опоздал', scenario: 'late-arrival', ownerId }, SYSTEM)).record;

  beforeEach(async () => {
    clock = new FakeClock(new Date('2026-11-25T06:30:00Z')); // Wednesday
    running = await startTestServer({ clock });
  });
  afterEach(async () => {
    await running.close();
  });

  it('gives the case to a handler on duty in their zone, skipping one whose day has not begun', async () => {
    const moscow = await addUser(running.engine, 'Москва', 'handler');
    const la = await addUser(running.engine, 'Лос-Анджелес', 'handler');
    await hours(moscow, 'Europe/Moscow', WEEKDAYS);
    await hours(la, 'America/Los_Angeles', WEEKDAYS);
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toMatchObject({ ownerId: moscow.id });
    clock.set('2026-11-25T17:30:00Z'); // 20:30 in Moscow, 09:30 in Los Angeles
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toMatchObject({ ownerId: la.id });
  });

  it('takes turns: fewest open cases first, then whoever got a case longest ago', async () => {
    const a = await addUser(running.engine, 'A', 'handler');
    const b = await addUser(running.engine, 'B', 'handler');
    const c = await addUser(running.engine, 'C', 'handler');
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const owner = await chooseOwner(db(), 'constructive', clock.now(), 'UTC');
      if (!owner.ownerId) throw new Error('nobody on duty');
      picks.push(owner.ownerId);
      await open(owner.ownerId);
      clock.advance(1000);
    }
    expect(new Set(picks.slice(0, 3))).toEqual(new Set([a.id, b.id, c.id]));
    expect(picks.slice(3)).toEqual(picks.slice(0, 3));
  });

  it('gives a conflict to a lead on duty first, and to a handler when no lead is on duty', async () => {
    const handler = await addUser(running.engine, 'Хэнк', 'handler');
    const lead = await addUser(running.engine, 'Лида', 'lead');
    expect(await chooseOwner(db(), 'conflict', clock.now(), 'UTC')).toMatchObject({ ownerId: lead.id });
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toMatchObject({ ownerId: handler.id });
    await hours(lead, 'Asia/Vladivostok', 'mon-fri 09:00-12:00'); // 16:30 there: gone home
    expect(await chooseOwner(db(), 'conflict', clock.now(), 'UTC')).toMatchObject({ ownerId: handler.id });
  });

  it('leaves the case in triage when nobody is on duty', async () => {
    const h = await addUser(running.engine, 'Хэнк', 'handler');
    await hours(h, 'Europe/Moscow', 'sat-sun 10:00-18:00');
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toEqual({ ownerId: null, why: 'nobodyOnDuty' });
  });

  it('refuses an unknown zone and an unknown person', async () => {
    const h = await addUser(running.engine, 'Хэнк', 'handler');
    await expect(setWorkingHours(db(), h.id, 'Mars/Olympus', WEEKDAYS)).rejects.toThrow(/time zone/);
    await expect(setWorkingHours(db(), 'usr_nobody', 'Europe/Moscow', WEEKDAYS)).rejects.toThrow(/not found/);
  });

  it('hands a waiting intake case to the first person on duty, however many cases people left unassigned by hand', async () => {
    const h = await addUser(running.engine, 'Хэнк', 'handler');
    await hours(h, 'Europe/Moscow', 'sat-sun 10:00-18:00');
    // More hand-opened unassigned cases than one sweep reads: they must not hide the intake case.
    const lead = await addUser(running.engine, 'Лида', 'lead');
    await hours(lead, 'Europe/Moscow', 'sat-sun 10:00-18:00');
    for (let i = 0; i < 101; i++) {
      await openCase(running.engine, { customer: customer({ id: `c-${i}` }), channel: 'phone', description: 'опоздал', scenario: 'late-arrival', ownerId: null }, lead.actor);
    }
    const waiting = await open(null);
    await hours(h, 'Europe/Moscow', WEEKDAYS);
    expect(await assignWaiting(running.engine)).toBe(1);
    const c = await db().selectFrom('cases').select(['owner_id']).where('id', '=', waiting.id).executeTakeFirst();
    expect(c?.owner_id).toBe(h.id);
  });

  it('puts a person on a rota on duty while the rota is open, not on its holiday, and lets personal hours win', async () => {
    const nine = { from: '09:00', to: '18:00' };
    const week = { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: null, sun: null };
    // Wednesday 25 Nov is a holiday in Novosibirsk only; 06:30 UTC is 13:30 there.
    const calendar = { ...defaultCalendar('UTC'), rotas: [{ name: 'novosibirsk', timeZone: 'Asia/Novosibirsk', hours: week, holidays: ['2026-11-25'] }] };
    await setCalendar(running.engine.store, CLI, calendar, 'UTC', clock.now().toISOString());
    const nsk = await addUser(running.engine, 'Николай', 'handler');
    await setUserRota(running.engine.store, CLI, nsk.id, 'novosibirsk', clock.now().toISOString());
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toEqual({ ownerId: null, why: 'nobodyOnDuty' });

    clock.set('2026-11-26T06:30:00Z'); // Thursday 13:30 in Novosibirsk: a working day
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toMatchObject({ ownerId: nsk.id });
    clock.set('2026-11-26T12:30:00Z'); // 19:30 there: gone home
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toEqual({ ownerId: null, why: 'nobodyOnDuty' });

    // Personal hours win over the rota: this evening shift is on now, whatever the rota says.
    await hours(nsk, 'Asia/Novosibirsk', 'mon-fri 19:00-23:00');
    expect(await chooseOwner(db(), 'constructive', clock.now(), 'UTC')).toMatchObject({ ownerId: nsk.id });
  });
});
