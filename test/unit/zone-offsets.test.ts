import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeOffset } from '../../src/sla/zone-offsets.js';
import { offsetTransitions } from './zone-transitions.js';

const ZONES = ['America/New_York', 'Europe/London', 'Europe/Moscow', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns'];
const MINUTE = 60_000;

/** Every instant where the zone's offset changes in a year. */
const transitions = (zone: IANAZone, year: number): number[] => offsetTransitions(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1));

describe('zone offsets remembered per minute', () => {
  it('give the offset luxon computes, on both sides of every transition of the year', () => {
    for (const name of ZONES) {
      const zone = IANAZone.create(name);
      for (const at of transitions(zone, 2026)) {
        expect(at % MINUTE, `${name} changes offset on a whole minute`).toBe(0);
        for (const ts of [at - MINUTE, at - 1, at, at + 1, at + MINUTE]) expect(zone.offset(ts), `${name} at ${new Date(ts).toISOString()}`).toBe(computeOffset.call(zone, ts));
      }
    }
  });

  it('keep wall-clock arithmetic across a DST change as it was', () => {
    const before = DateTime.fromISO('2026-03-07T12:00:00', { zone: 'America/New_York' });
    expect(before.plus({ days: 1 }).toUTC().toISO()).toBe('2026-03-08T16:00:00.000Z');
    expect(DateTime.fromISO('1901-06-01T00:00:00Z', { zone: 'utc' }).setZone('Europe/Moscow').offset).toBe(computeOffset.call(IANAZone.create('Europe/Moscow'), Date.UTC(1901, 5, 1)));
  });
});
