import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessMsBetween } from '../../src/sla/business-time.js';
import { Calendar, defaultCalendar } from '../../src/sla/calendar.js';
import { businessDueAt, dueAt } from '../../src/sla/deadlines.js';
import { timerChanges } from '../../src/engine/timer-plan.js';
import { catalog } from '../../workflows/scenarios/index.js';

const HOUR = 3_600_000;
const moscow = defaultCalendar('Europe/Moscow');
const NINE_TO_SIX = { from: '09:00', to: '18:00' };
const berlin: Calendar = {
  timeZone: 'Europe/Berlin',
  hours: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: null, sun: null },
  holidays: [],
  workingDays: [],
  transferHours: NINE_TO_SIX,
};

describe('business time on a Moscow calendar', () => {
  it('makes a case opened Friday 17:30 with a 4 business-hour target due Monday 12:30', () => {
    // 2026-11-27 is a Friday; Moscow is UTC+3 all year.
    expect(businessDueAt('2026-11-27T14:30:00.000Z', 'PT4H', 'free', moscow)).toBe('2026-11-30T09:30:00.000Z');
  });

  it('skips a public holiday on the Monday and lands on Tuesday 12:30', () => {
    // Saturday 9 May 2026 moves to Monday 11 May.
    expect(businessDueAt('2026-05-08T14:30:00.000Z', 'PT4H', 'free', moscow)).toBe('2026-05-12T09:30:00.000Z');
  });

  it('works a Saturday that is a transferred working day', () => {
    // 4–5 Nov 2027 are days off; Saturday 13 Nov 2027 works for the 5th.
    expect(businessDueAt('2027-11-12T14:30:00.000Z', 'PT4H', 'free', moscow)).toBe('2027-11-13T09:30:00.000Z');
    expect(businessDueAt('2027-11-03T14:30:00.000Z', 'PT4H', 'free', moscow)).toBe('2027-11-08T09:30:00.000Z');
  });

  it('treats the New Year holidays of 2026 as closed, 9 January included', () => {
    expect(businessDueAt('2026-01-08T10:00:00.000Z', 'PT1H', 'free', moscow)).toBe('2026-01-12T07:00:00.000Z');
    expect(businessDueAt('2026-12-30T14:30:00.000Z', 'PT1H', 'free', moscow)).toBe('2027-01-11T06:30:00.000Z');
  });

  it('keeps the tier pace: a vip gets half the working time', () => {
    expect(businessDueAt('2026-11-27T14:30:00.000Z', 'PT4H', 'vip', moscow)).toBe('2026-11-30T07:30:00.000Z');
  });

  it('counts a day of business time as one working day', () => {
    expect(businessDueAt('2026-11-27T14:30:00.000Z', 'P1D', 'free', moscow)).toBe('2026-11-30T14:30:00.000Z');
  });

  it('waits for the opening when a case arrives at night', () => {
    expect(businessDueAt('2026-11-25T22:00:00.000Z', 'PT30M', 'free', moscow)).toBe('2026-11-26T06:30:00.000Z');
  });

  it('measures working time between two instants', () => {
    expect(businessMsBetween('2026-11-27T14:30:00.000Z', '2026-11-30T09:30:00.000Z', moscow)).toBe(4 * HOUR);
  });
});

describe('business time across a DST change', () => {
  it('keeps opening hours in local time when Berlin springs forward over the weekend', () => {
    // Fri 27 Mar 2026 17:30 CET (16:30Z) + 4 h: 30 min on Friday, 3.5 h on Monday from 09:00 CEST (07:00Z).
    expect(addBusinessTime('2026-03-27T16:30:00.000Z', 4 * HOUR, berlin)).toBe('2026-03-30T10:30:00.000Z');
  });

  it('counts the 23-hour day of the change as 23 hours when the team works round the clock', () => {
    const allSunday: Calendar = { ...berlin, hours: { ...berlin.hours, sun: { from: '00:00', to: '24:00' } } };
    // Sunday 29 Mar 2026 00:00 CET is 28 Mar 23:00Z; the next midnight (CEST) is 29 Mar 22:00Z.
    expect(businessMsBetween('2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', allSunday)).toBe(23 * HOUR);
    expect(addBusinessTime('2026-03-28T23:00:00.000Z', 23 * HOUR, allSunday)).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('the calendar schema', () => {
  it('refuses an unknown time zone and a window that closes before it opens', () => {
    expect(Calendar.safeParse({ ...berlin, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(Calendar.safeParse({ ...berlin, hours: { ...berlin.hours, mon: { from: '18:00', to: '09:00' } } }).success).toBe(false);
    expect(Calendar.safeParse(berlin).success).toBe(true);
  });
});

describe('timer planning with business hours', () => {
  const billing = catalog.get('billing-error')!;

  it('plans a billing case opened on Saturday to be triaged by Monday 09:30', () => {
    const { add } = timerChanges(null, 'triage', billing, '2026-11-28T10:00:00.000Z', 'free', 'Europe/Moscow', moscow);
    const triage = add.find((t) => t.key === 'step:triage')!;
    expect(triage).toMatchObject({ dueAt: '2026-11-30T06:30:00.000Z', plannedFrom: '2026-11-28T10:00:00.000Z', duration: 'PT30M', business: true });
    // The overall deadline is not in the playbook's business list: it stays on the wall clock.
    const overall = add.find((t) => t.key === 'overall')!;
    expect(overall).toMatchObject({ business: false, dueAt: dueAt('2026-11-28T10:00:00.000Z', 'P14D', 'free', 'Europe/Moscow') });
  });

  it('keeps wall-clock time for a playbook that does not ask for business hours', () => {
    const late = catalog.get('late-arrival')!;
    const { add } = timerChanges(null, 'triage', late, '2026-11-28T10:00:00.000Z', 'free', 'Europe/Moscow', moscow);
    expect(add.find((t) => t.key === 'step:triage')).toMatchObject({ dueAt: '2026-11-28T10:30:00.000Z', business: false });
  });
});

describe('timer planning while the customer has the offer', () => {
  const late = catalog.get('late-arrival')!;
  const now = '2026-11-25T09:00:00.000Z';

  it('stops the compensate clock when the offer goes out and restarts it on a decline or acceptance', () => {
    expect(timerChanges('compensate.choosing', 'compensate.offered', late, now, 'free', 'Europe/Moscow')).toMatchObject({ drop: [], add: [], pause: ['step:compensate'], resume: [] });
    expect(timerChanges('compensate.offered', 'compensate.choosing', late, now, 'free', 'Europe/Moscow')).toMatchObject({ drop: [], add: [], pause: [], resume: ['step:compensate'] });
    expect(timerChanges('compensate.offered', 'compensate.accepted', late, now, 'free', 'Europe/Moscow')).toMatchObject({ pause: [], resume: ['step:compensate'] });
  });

  it('keeps the clock running while a lead weighs the offer: the team, not the customer, owes the answer', () => {
    expect(timerChanges('compensate.choosing', 'compensate.awaitingApproval', late, now, 'free', 'Europe/Moscow')).toMatchObject({ pause: [], resume: [] });
  });
});
