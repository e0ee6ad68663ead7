/** Business time over the union of the main calendar and its rotas, each in its own zone. */
import { describe, expect, it } from 'vitest';
import { Duration } from 'luxon';
import { addBusinessTime, businessMsBetween } from '../../src/sla/business-time.js';
import { Calendar, type Rota } from '../../src/sla/calendar.js';
import { coverage, openAt } from '../../src/sla/coverage.js';
import { businessDueAt, businessMs } from '../../src/sla/deadlines.js';
import { workingDayMs } from '../../src/sla/working-day.js';
import { firstResponseTargets } from '../../src/engine/sla-targets.js';
import { catalog } from '../../workflows/scenarios/index.js';

const HOUR = 3_600_000;
const NINE_TO_SIX = { from: '09:00', to: '18:00' };
const WEEK = { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: null, sun: null };
/** Moscow 09–18 (UTC+3 all year), no holidays: 06:00–15:00 UTC on weekdays. */
const moscow: Calendar = { timeZone: 'Europe/Moscow', hours: WEEK, holidays: [], workingDays: [], transferHours: NINE_TO_SIX };
/** Novosibirsk 09–18 (UTC+7): 02:00–11:00 UTC, i.e. 05:00–14:00 Moscow time. */
const novosibirsk: Rota = { name: 'novosibirsk', timeZone: 'Asia/Novosibirsk', hours: WEEK };
const withRotas = (...rotas: Rota[]): Calendar => Calendar.parse({ ...moscow, rotas });

describe('two zones: a Moscow calendar and a Novosibirsk rota', () => {
  const cal = withRotas(novosibirsk);

  it('covers 05:00–18:00 Moscow time on a working day, the overlap counted once', () => {
    // Monday 30 Nov 2026: 02:00–15:00 UTC is 13 hours, not 9 + 9.
    expect(businessMsBetween('2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z', cal)).toBe(13 * HOUR);
    expect(coverage(cal, Date.parse('2026-11-30T00:00:00Z'), Date.parse('2026-12-01T00:00:00Z')).map((c) => [new Date(c.start).toISOString(), new Date(c.end).toISOString(), c.shifts.map((s) => s.by)])).toEqual([
      ['2026-11-30T02:00:00.000Z', '2026-11-30T15:00:00.000Z', ['novosibirsk', 'team']],
    ]);
  });

  it('makes Friday 17:30 Moscow + 4 business hours due Monday 08:30 Moscow, not 12:30', () => {
    // 30 min on Friday until 18:00, then 3.5 h from Novosibirsk's 09:00 (05:00 Moscow) on Monday.
    expect(addBusinessTime('2026-11-27T14:30:00.000Z', 4 * HOUR, cal)).toBe('2026-11-30T05:30:00.000Z');
    expect(businessDueAt('2026-11-27T14:30:00.000Z', 'PT4H', 'free', cal)).toBe('2026-11-30T05:30:00.000Z');
  });

  it('counts a business day as the longest covered weekday: 13 hours', () => {
    expect(workingDayMs(cal)).toBe(13 * HOUR);
    expect(workingDayMs(moscow)).toBe(9 * HOUR);
    expect(businessMs('P1D', cal)).toBe(13 * HOUR);
    // Opening to closing is one working day; Monday 13:00 Moscow + one working day = Tuesday 13:00 Moscow.
    expect(businessDueAt('2026-11-30T02:00:00.000Z', 'P1D', 'free', cal)).toBe('2026-11-30T15:00:00.000Z');
    expect(businessDueAt('2026-11-30T10:00:00.000Z', 'P1D', 'free', cal)).toBe('2026-12-01T10:00:00.000Z');
  });

  it('gives the same answers as the calendar alone when a rota only repeats it', () => {
    const twin = withRotas({ name: 'twin', timeZone: 'Europe/Moscow', hours: WEEK });
    for (const from of ['2026-11-27T14:30:00.000Z', '2026-11-25T22:00:00.000Z', '2026-11-28T10:00:00.000Z']) {
      expect(addBusinessTime(from, 4 * HOUR, twin)).toBe(addBusinessTime(from, 4 * HOUR, moscow));
    }
    expect(workingDayMs(twin)).toBe(9 * HOUR);
  });

  it('names who is open at an instant', () => {
    expect(openAt(cal, Date.parse('2026-11-30T03:00:00Z'))).toEqual(['novosibirsk']);
    expect(openAt(cal, Date.parse('2026-11-30T07:00:00Z')).sort()).toEqual(['novosibirsk', 'team']);
    expect(openAt(cal, Date.parse('2026-11-30T14:00:00Z'))).toEqual(['team']);
    expect(openAt(cal, Date.parse('2026-11-30T16:00:00Z'))).toEqual([]);
  });
});

describe('holidays of one schedule only', () => {
  it('keeps the team covered by the rota on a holiday of the main calendar, and the other way round', () => {
    const cal = withRotas({ ...novosibirsk, holidays: ['2026-12-01'] });
    const mainHoliday = Calendar.parse({ ...cal, holidays: ['2026-12-02'] });
    // Tuesday 1 Dec: Novosibirsk rests, Moscow works 06:00–15:00 UTC.
    expect(businessMsBetween('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z', cal)).toBe(9 * HOUR);
    expect(addBusinessTime('2026-11-30T14:30:00.000Z', 1 * HOUR, cal)).toBe('2026-12-01T06:30:00.000Z');
    // Wednesday 2 Dec: Moscow rests, Novosibirsk works 02:00–11:00 UTC.
    expect(businessMsBetween('2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z', mainHoliday)).toBe(9 * HOUR);
    expect(openAt(mainHoliday, Date.parse('2026-12-02T12:00:00Z'))).toEqual([]);
    // A holiday does not shorten the working day: that is the weekly hours' business.
    expect(workingDayMs(cal)).toBe(13 * HOUR);
  });

  it('opens a transferred working day of a rota with its own hours', () => {
    const cal = withRotas({ ...novosibirsk, workingDays: ['2026-12-05'], transferHours: { from: '10:00', to: '14:00' } });
    // Saturday 5 Dec, 10:00–14:00 Novosibirsk = 03:00–07:00 UTC.
    expect(businessMsBetween('2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z', cal)).toBe(4 * HOUR);
    const firstWeekday = withRotas({ ...novosibirsk, workingDays: ['2026-12-05'] });
    expect(businessMsBetween('2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z', firstWeekday)).toBe(9 * HOUR);
  });
});

describe('a DST change in one zone only', () => {
  // Berlin leaves summer time on Sunday 25 Oct 2026: 09–18 is 07:00–16:00 UTC before, 08:00–17:00 after.
  const cal = withRotas({ name: 'berlin', timeZone: 'Europe/Berlin', hours: WEEK });

  it('covers 10 hours a day before the change and 11 after, Moscow keeping its hours', () => {
    expect(businessMsBetween('2026-10-23T00:00:00.000Z', '2026-10-24T00:00:00.000Z', cal)).toBe(10 * HOUR);
    expect(businessMsBetween('2026-10-26T00:00:00.000Z', '2026-10-27T00:00:00.000Z', cal)).toBe(11 * HOUR);
  });

  it('keeps a deadline on the same evening once Berlin closes an hour later in UTC', () => {
    expect(addBusinessTime('2026-10-19T16:00:00.000Z', HOUR, cal)).toBe('2026-10-20T07:00:00.000Z');
    expect(addBusinessTime('2026-10-26T16:00:00.000Z', HOUR, cal)).toBe('2026-10-26T17:00:00.000Z');
    // Friday 23 Oct 15:30 UTC + 2 h: 30 min with Berlin, then from Moscow's 06:00 UTC on Monday.
    expect(addBusinessTime('2026-10-23T15:30:00.000Z', 2 * HOUR, cal)).toBe('2026-10-26T07:30:00.000Z');
  });

  it('counts the 25-hour Sunday of a round-the-clock rota as 25 hours', () => {
    const sunday = withRotas({ name: 'berlin-weekend', timeZone: 'Europe/Berlin', hours: { ...WEEK, mon: null, tue: null, wed: null, thu: null, fri: null, sun: { from: '00:00', to: '24:00' } } });
    // Sunday 25 Oct 00:00 CEST is 24 Oct 22:00 UTC; the next midnight (CET) is 25 Oct 23:00 UTC.
    expect(businessMsBetween('2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', sunday)).toBe(25 * HOUR);
  });
});

describe('a pause under the union', () => {
  it('restarts with the working time that was left, counted over every open schedule', () => {
    const cal = withRotas(novosibirsk);
    // Planned Monday 02:00 UTC for 8 business hours: due 10:00 UTC. Paused at 04:00 (6 h left), resumed at 13:00.
    const due = addBusinessTime('2026-11-30T02:00:00.000Z', 8 * HOUR, cal);
    expect(due).toBe('2026-11-30T10:00:00.000Z');
    const left = businessMsBetween('2026-11-30T04:00:00.000Z', due, cal);
    expect(left).toBe(6 * HOUR);
    // 2 h until Moscow closes at 15:00 UTC, then 4 h from Tuesday 02:00 UTC.
    const resumed = addBusinessTime('2026-11-30T13:00:00.000Z', left, cal);
    expect(resumed).toBe('2026-12-01T06:00:00.000Z');
    // A later re-plan from the resume, with the duration stored as applyPauses stores it, lands on the same instant.
    expect(businessDueAt('2026-11-30T13:00:00.000Z', Duration.fromMillis(left).toISO() as string, 'free', cal)).toBe(resumed);
  });
});

describe('the first-response promise', () => {
  it('counts the union for playbooks in business hours', () => {
    const billing = [catalog.get('billing-error')!];
    const free = (cal: Calendar) => firstResponseTargets(billing, cal, '2026-11-27T14:30:00.000Z').find((t) => t.tier === 'free' && t.channel === 'chat')!;
    expect(free(moscow)).toMatchObject({ businessHours: true, minutes: 120, expectedBy: '2026-11-30T07:30:00.000Z' });
    // With Novosibirsk, Monday opens at 02:00 UTC.
    expect(free(withRotas(novosibirsk))).toMatchObject({ businessHours: true, minutes: 120, expectedBy: '2026-11-30T03:30:00.000Z' });
  });
});

describe('the rota schema', () => {
  const bad = (rotas: unknown[]) => {
    const r = Calendar.safeParse({ ...moscow, rotas });
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('keeps a calendar without rotas valid', () => {
    expect(Calendar.safeParse(moscow).success).toBe(true);
  });

  it('refuses an unknown zone, a duplicate or reserved name, a rota without hours, and too many rotas', () => {
    expect(bad([{ ...novosibirsk, timeZone: 'Mars/Olympus' }])).toEqual(['rotas.0.timeZone']);
    expect(bad([novosibirsk, { ...novosibirsk, timeZone: 'Asia/Omsk' }])).toEqual(['rotas.1.name']);
    expect(bad([{ ...novosibirsk, name: 'team' }])).toEqual(['rotas.0.name']);
    expect(bad([{ ...novosibirsk, name: 'Новосибирск' }])).toEqual(['rotas.0.name']);
    expect(bad([{ ...novosibirsk, hours: { ...WEEK, mon: null, tue: null, wed: null, thu: null, fri: null } }])).toEqual(['rotas.0.hours']);
    expect(bad(Array.from({ length: 1000 }, (_, i) => ({ ...novosibirsk, name: `r${i}` })))).toEqual(['rotas']);
  });
});
