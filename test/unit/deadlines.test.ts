import { DateTime, Duration } from 'luxon';
import { followUpOf } from '../../src/responses/compose.js';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../workflows/scenarios/index.js';
import { planTimers, timerChanges } from '../../src/engine/timer-plan.js';
import { dueAt } from '../../src/sla/deadlines.js';

const lateArrival = catalog.get('late-arrival')!;
const HOUR = 3_600_000;

describe('dueAt', () => {
  it('adds PT2H to the start time and answers in ISO UTC', () => {
    expect(dueAt('2026-11-25T09:00:00.000Z', 'PT2H', 'free', 'Europe/Moscow')).toBe('2026-11-25T11:00:00.000Z');
  });

  it('halves the time for a vip customer', () => {
    expect(dueAt('2026-11-25T09:00:00.000Z', 'PT2H', 'vip', 'Europe/Moscow')).toBe('2026-11-25T10:00:00.000Z');
  });

  it('gives a paid customer three quarters of the time', () => {
    expect(dueAt('2026-11-25T09:00:00.000Z', 'PT4H', 'paid', 'Europe/Moscow')).toBe('2026-11-25T12:00:00.000Z');
  });

  it('keeps the wall-clock time for P1D across the end of summer time in Berlin', () => {
    // 10:00 CEST (UTC+2) on Saturday; clocks go back on Sunday 2026-10-25, so 10:00 CET is UTC+1.
    const due = dueAt('2026-10-24T08:00:00.000Z', 'P1D', 'free', 'Europe/Berlin');
    expect(due).toBe('2026-10-25T09:00:00.000Z');
    expect(new Date(due).getTime() - new Date('2026-10-24T08:00:00.000Z').getTime()).toBe(25 * HOUR);
  });

  it('keeps the wall-clock time for P1D across the start of summer time in Berlin', () => {
    // Clocks go forward on Sunday 2026-03-29: 10:00 CET (UTC+1) to 10:00 CEST (UTC+2) is 23 hours.
    expect(dueAt('2026-03-28T09:00:00.000Z', 'P1D', 'free', 'Europe/Berlin')).toBe('2026-03-29T08:00:00.000Z');
  });

  it('answers what luxon answers for day and week durations, around DST changes and skipped days too', () => {
    const luxon = (from: string, iso: string, zone: string) => DateTime.fromISO(from, { zone: 'utc' }).setZone(zone).plus(Duration.fromISO(iso)).toUTC().toISO();
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Apia', 'Europe/Moscow', 'UTC', 'UTC+3', 'Asia/Kolkata'];
    // Weeks around transitions: Berlin and New York 2026, Lord Howe's half hour, São Paulo's midnight gap (2018), Apia's lost 2011-12-30.
    const around = ['2026-03-27T00:00:00.000Z', '2026-10-23T00:00:00.000Z', '2026-03-06T00:00:00.000Z', '2026-10-02T00:00:00.000Z', '2018-11-02T00:00:00.000Z', '2011-12-27T00:00:00.000Z'];
    const durations = ['P1D', 'P2D', 'P1W', 'P1DT2H', 'P3DT30M', 'P1W2DT1.5H', 'P-1D', 'P1Y', 'P1M', 'PT25H'];
    let compared = 0;
    for (const zone of zones) {
      for (const base of around) {
        for (let step = 0; step < 3 * 24 * 60; step += 67) {
          const from = new Date(Date.parse(base) + step * 60_000 + 123).toISOString();
          for (const iso of durations) {
            expect(dueAt(from, iso, 'free', zone), `${from} + ${iso} in ${zone}`).toBe(luxon(from, iso, zone));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(30_000);
  });

  it("puts every playbook's follow-up where luxon puts it, in the customer's zone across DST changes", () => {
    const luxon = (from: string, iso: string, zone: string) => DateTime.fromISO(from, { zone: 'utc' }).setZone(zone).plus(Duration.fromISO(iso)).toUTC().toISO();
    let compared = 0;
    for (const scenario of catalog.values()) {
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Pacific/Apia', 'Asia/Vladivostok']) {
        for (let h = 0; h < 24 * 10; h += 7) {
          const now = new Date(Date.parse('2026-03-24T00:00:00.000Z') + h * 3_600_000 + 4_321).toISOString();
          const { at, days } = followUpOf(scenario, now, zone);
          expect(at, `${scenario.id} from ${now} in ${zone}`).toBe(luxon(now, scenario.followUpDelay, zone));
          expect(days).toBe(Math.round(Duration.fromISO(scenario.followUpDelay).as('days')));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('refuses a duration it cannot read', () => {
    expect(() => dueAt('2026-11-25T09:00:00.000Z', 'two hours', 'free', 'Europe/Moscow')).toThrow(RangeError);
  });
});

describe('planTimers', () => {
  const keys = (path: string) => planTimers(path, lateArrival).map((t) => `${t.key}=${t.duration}`);

  it('gives a case in triage the generic triage deadline where the playbook is silent', () => {
    expect(keys('triage')).toEqual(['overall=P7D', 'step:triage=PT30M']);
  });

  it('gives a conflict case waiting for its personal call the generic deadline where the playbook is silent', () => {
    expect(keys('personalCall')).toEqual(['overall=P7D', 'step:personalCall=PT2H']);
    expect(planTimers('personalCall', catalog.get('hostile-unclear')!).find((t) => t.key === 'step:personalCall')?.duration).toBe('PT1H');
  });

  it('gives apologize its step deadline next to the overall one', () => {
    expect(keys('apologize')).toEqual(['overall=P7D', 'step:apologize=PT2H']);
    expect(planTimers('apologize', lateArrival).find((t) => t.key === 'step:apologize')?.event).toEqual({ type: 'DEADLINE_MISSED', step: 'apologize' });
  });

  it('adds the approval deadline while an offer waits for a lead', () => {
    expect(keys('compensate.awaitingApproval')).toEqual(['overall=P7D', 'step:compensate=P2D', 'approval=PT4H']);
    expect(keys('compensate.offered')).toEqual(['overall=P7D', 'step:compensate=P2D']);
  });

  it('counts the follow-up deadline from after the follow-up delay', () => {
    expect(keys('followUp')).toEqual(['overall=P7D', 'step:followUp=P8D']);
  });

  it('watches a resolved case only for the win-back window, and a closed case not at all', () => {
    expect(planTimers('resolved', lateArrival)).toEqual([{ key: 'winBack', step: 'winBack', event: { type: 'WIN_BACK_EXPIRED' }, duration: 'P60D', business: false }]);
    expect(planTimers('wonBack', lateArrival)).toEqual([]);
    expect(planTimers('lost', lateArrival)).toEqual([]);
  });

  it('drops the deadline of the step left and adds the next one, keeping the overall deadline', () => {
    const now = '2026-11-25T09:00:00.000Z';
    const { drop, add } = timerChanges('apologize', 'explain', lateArrival, now, 'free', 'Europe/Moscow');
    expect(drop).toEqual(['step:apologize']);
    expect(add).toEqual([{ key: 'step:explain', step: 'explain', event: { type: 'DEADLINE_MISSED', step: 'explain' }, dueAt: '2026-11-26T09:00:00.000Z', plannedFrom: now, duration: 'PT24H', business: false }]);
  });

  it('plans every deadline of a new case from its opening time', () => {
    const { drop, add } = timerChanges(null, 'apologize', lateArrival, '2026-11-25T09:00:00.000Z', 'free', 'Europe/Moscow');
    expect(drop).toEqual([]);
    expect(add.map((t) => [t.key, t.dueAt])).toEqual([
      ['overall', '2026-12-02T09:00:00.000Z'],
      ['step:apologize', '2026-11-25T11:00:00.000Z'],
    ]);
  });
});
