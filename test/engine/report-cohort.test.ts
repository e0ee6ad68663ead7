/**
 * The scenario and handler reports over a long period read per-day sums and walk duration indexes;
 * both must give exactly what reading every case of the period gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodDurations, periodTotals } from '../../src/reports/cohort-period.js';
import { periodOf } from '../../src/reports/period.js';
import { catchUp } from '../../src/reports/projector.js';
import { bulkCopies } from '../../src/reports/seed-bulk.js';
import { seedHistory } from '../../src/reports/seed-history.js';
import { cohortTotals } from '../../src/store/report-queries-cohort.js';
import { world, type World } from './fixture.js';

let w: World;
const now = new Date('2026-11-25T09:00:00.000Z');
beforeAll(async () => {
  w = await world();
  await seedHistory(w.engine, { lead: w.lead.actor, handlers: [w.handler.actor, w.otherHandler.actor] }, { cases: 40, now, lanes: 4 });
  await bulkCopies(w.engine, 400);
  await catchUp(w.engine);
});
afterAll(async () => w.close());

const byKey = <T extends { scenario: string; ownerId: string | null; currency: string }>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [`${r.scenario}/${r.ownerId ?? ''}/${r.currency}`, r]));

// Whole days only, a period starting and ending inside days, and less than a day around the last case opened.
const periods = [
  () => ({ from: '2025-11-01', to: '2026-11-30' }),
  () => ({ from: '2026-03-10T13:45:00+03:00', to: '2026-09-02T08:00:00+03:00' }),
  async () => {
    const last = await w.engine.store.read.selectFrom('report_cases').select('opened_at').orderBy('opened_at', 'desc').executeTakeFirstOrThrow();
    const at = Date.parse(last.opened_at);
    return { from: new Date(at - 3_600_000).toISOString(), to: new Date(at + 60_000).toISOString() };
  },
];

describe('a period of the scenario and handler reports', () => {
  for (const [i, period] of periods.entries()) {
    it(`sums per day and per case give the same figures (period ${i + 1})`, async () => {
      const db = w.engine.store.read;
      const q = await period();
      const p = periodOf(q, w.engine.config.timeZone, now.toISOString());
      for (const by of ['scenario', 'owner'] as const) {
        const fromDays = byKey(await periodTotals(db, p, by));
        const fromCases = byKey(await cohortTotals(db, p.fromIso, p.toIso, by));
        expect(fromDays).toEqual(fromCases);
      }
      const groups = await periodTotals(db, p, 'scenario');
      expect(groups.reduce((n, g) => n + g.cases, 0)).toBeGreaterThan(0);
      const sorted = await periodDurations(db, p, groups, Number.MAX_SAFE_INTEGER);
      const walked = await periodDurations(db, p, groups, 0);
      expect(walked).toEqual(sorted);
      // The long periods hold answered and resolved cases (the last case opened may still be open).
      if (i < 2) expect([...sorted.values()].some((d) => d.firstResponseMedianMs !== null && d.resolutionP90Ms !== null)).toBe(true);
    });
  }
});
