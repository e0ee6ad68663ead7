import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { humanDue, humanDueLuxon } from '../../src/sla/human-due.js';
import { offsetTransitions } from './zone-transitions.js';

/** Zones with DST, half- and quarter-hour offsets, midnight transitions (Santiago, Havana, Beirut), a skipped day (Apia), and fixed ones. */
const ZONES = [
  'Europe/Moscow', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu',
  'America/St_Johns', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Pacific/Apia', 'UTC', 'utc', 'UTC+3', 'Not/A_Zone',
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Where a zone's offset changes, to the millisecond, in the given span: the instants worth testing around. */
function transitions(name: string, from: number, to: number): number[] {
  const zone = IANAZone.create(name);
  return zone.isValid ? offsetTransitions(zone, from, to) : [];
}

const NEAR_BY_ZONE = ZONES.map((z) => [z, transitions(z, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))] as const);
NEAR_BY_ZONE.push(['Pacific/Apia', transitions('Pacific/Apia', Date.UTC(2011, 11, 28), Date.UTC(2012, 0, 2))]);
const NEAR = NEAR_BY_ZONE.flatMap(([, ts]) => ts);
const iso = (ts: number) => new Date(ts).toISOString();
const locale = fc.constantFrom('ru' as const, 'en' as const);
const zone = fc.constantFrom(...ZONES);
/** An instant anywhere from 1890 (local mean times with seconds) to 2100, or within two days of a transition. */
const base = fc.oneof(
  fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2100, 0, 1) }),
  fc.tuple(fc.constantFrom(...NEAR), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([t, d]) => t + d),
  fc.tuple(fc.constantFrom(...NEAR), fc.integer({ min: -90, max: 90 })).map(([t, m]) => t + m * 60_000),
);
/** Due and now apart by up to ten days, often within the same day or hour. */
const apart = fc.oneof(fc.integer({ min: -10 * DAY, max: 10 * DAY }), fc.integer({ min: -DAY, max: DAY }), fc.integer({ min: -HOUR, max: HOUR }));

describe('humanDue without luxon', () => {
  it('says exactly what luxon says, for any instants, zones and locales, across DST changes', () => {
    fc.assert(
      fc.property(base, apart, zone, locale, (now, d, z, l) => {
        expect(humanDue(iso(now + d), iso(now), z, l)).toBe(humanDueLuxon(iso(now + d), iso(now), z, l));
      }),
      { numRuns: 4000 },
    );
  });

  it('says what luxon says around every transition of 2026 and Apia’s skipped day, half-hourly across the local midnights nearby', () => {
    for (const [z, near] of NEAR_BY_ZONE) {
      for (const t of near) {
        for (let m = -26 * 60; m <= 26 * 60; m += 29) {
          const now = t + m * 60_000;
          for (const d of [-DAY - 1, -HOUR, -1, 0, HOUR, DAY + 1]) {
            for (const l of ['ru', 'en'] as const) expect(humanDue(iso(now + d), iso(now), z, l), `${z} ${iso(now + d)} ${iso(now)}`).toBe(humanDueLuxon(iso(now + d), iso(now), z, l));
          }
        }
      }
    }
  });

  it('takes the same path as luxon for inputs that are not plain UTC instants', () => {
    for (const [due, now] of [['2026-11-25T13:30:00+03:00', '2026-11-25T09:00:00.000Z'], ['2026-11-25T10:30:00', '2026-11-25T09:00:00Z'], ['not a date', '2026-11-25T09:00:00Z']]) {
      for (const l of ['ru', 'en'] as const) expect(humanDue(due!, now!, 'Europe/Moscow', l)).toBe(humanDueLuxon(due!, now!, 'Europe/Moscow', l));
    }
  });
});
