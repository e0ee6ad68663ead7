/** The seeded history: the real write path for some cases, copies for the rest, read models equal to a projection from scratch. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchUp, CURSOR } from '../../src/reports/projector.js';
import { bulkCopies } from '../../src/reports/seed-bulk.js';
import { seedHistory } from '../../src/reports/seed-history.js';
import { inTransaction } from '../../src/store/db.js';
import { journalAfter, journalHead } from '../../src/store/journal.js';
import { clearReportModels, setCursor } from '../../src/store/report-models.js';
import { world, type World } from './fixture.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

async function readModels() {
  const db = w.engine.store.db;
  return {
    cases: await db.selectFrom('report_cases').selectAll().orderBy('case_id').execute(),
    days: await db.selectFrom('report_compensation_day').selectAll().orderBy('day').orderBy('currency').orderBy('scenario').orderBy('kind').execute(),
    // A group every case left (a reassignment) keeps a row of zeros: only groups with cases count.
    hist: await db.selectFrom('report_duration_hist').selectAll().where('n', '!=', 0).orderBy('span').orderBy('scenario').orderBy('currency').orderBy('kind').orderBy('bucket').execute(),
    cohort: await db.selectFrom('report_cohort_day').selectAll().where('cases', '>', 0).orderBy('day').orderBy('scenario').orderBy('owner_id').orderBy('currency').execute(),
  };
}

describe('seeding a history', () => {
  it('writes cases through the write path, then copies whose read models equal what the projector makes of their journal', async () => {
    const now = new Date('2026-11-25T09:00:00.000Z');
    const made = await seedHistory(w.engine, { lead: w.lead.actor, handlers: [w.handler.actor, w.otherHandler.actor] }, { cases: 40, now, lanes: 4 });
    expect(made.cases).toBe(40);
    expect(made.events).toBeGreaterThan(40 * 4);
    const types = new Set((await journalAfter(w.engine.store.db, 0, 100_000)).map((e) => e.type));
    for (const t of ['OPENED', 'APOLOGIZE', 'EXPLAIN', 'OFFER', 'ISSUE', 'FOLLOW_UP', 'ORDER_PLACED']) expect(types).toContain(t);

    expect(await bulkCopies(w.engine, 150)).toBe(150);
    expect(await w.engine.store.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 190 });
    const positions = (await journalAfter(w.engine.store.db, 0, 100_000)).map((e) => e.position);
    expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
    expect(await journalHead(w.engine.store.db)).toBe(positions.length);
    // Nothing left for the projector: the copies came with their read-model rows.
    expect(await catchUp(w.engine)).toBe(0);
    const copied = await readModels();
    expect(copied.cohort.reduce((n, d) => n + Number(d.cases), 0)).toBe(190);
    expect(copied.hist.length).toBeGreaterThan(0);

    await inTransaction(w.engine.store, async (trx) => {
      await clearReportModels(trx);
      await setCursor(trx, CURSOR, 0, w.engine.config.timeZone);
    });
    await catchUp(w.engine);
    expect(await readModels()).toEqual(copied);
  });
});
