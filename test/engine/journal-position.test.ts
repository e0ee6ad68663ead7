/** The journal's global position: gap-free in commit order, backfilled for old rows; the projector follows it once. */
import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/dispatch.js';
import { catchUp, projectBatch } from '../../src/reports/projector.js';
import { inTransaction } from '../../src/store/db.js';
import { journalAfter, journalHead } from '../../src/store/journal.js';
import { migrationProvider, migrateToLatest } from '../../src/store/migrate.js';
import { caseInChoosing, issued, world, type World } from './fixture.js';
import { rub } from '../helpers.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

async function positions(): Promise<number[]> {
  return (await journalAfter(w.engine.store.db, 0, 10_000)).map((e) => e.position);
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('the journal position', () => {
  it('numbers entries 1, 2, 3 … without gaps, even when events fail and commit in groups', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => caseInChoosing(w)));
    // Side by side: accepted events and refused ones (ISSUE before any offer) share group commits.
    const results = await Promise.allSettled(
      ids.flatMap((id) => [
        dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(10_000) }, w.handler.actor),
        dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor),
        dispatch(w.engine, id, { type: 'ESCALATE', reason: 'проверка' }, w.lead.actor),
      ]),
    );
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    const all = await positions();
    expect(all).toEqual(upTo(all.length));
    expect(await journalHead(w.engine.store.db)).toBe(all.length);
  });

  it('is backfilled in the order things happened when the migration runs on an existing journal', async () => {
    await caseInChoosing(w);
    w.clock.advance(60_000);
    await caseInChoosing(w);
    const before = await journalAfter(w.engine.store.db, 0, 10_000);
    const migrator = new Migrator({ db: w.engine.store.db, provider: migrationProvider });
    const down = await migrator.migrateTo('2026-11-25T18-20-timer-plan');
    expect(down.error).toBeUndefined();
    await migrateToLatest(w.engine.store.db);
    const after = await journalAfter(w.engine.store.db, 0, 10_000);
    expect(after.map((e) => e.position)).toEqual(upTo(before.length));
    expect(after.map((e) => [e.caseId, e.version])).toEqual(before.map((e) => [e.caseId, e.version]));
    expect(await journalHead(w.engine.store.db)).toBe(before.length);
  });
});

describe('the report projector', () => {
  async function readModels() {
    const db = w.engine.store.db;
    return {
      cases: await db.selectFrom('report_cases').selectAll().orderBy('case_id').execute(),
      days: await db.selectFrom('report_compensation_day').selectAll().orderBy('day').orderBy('scenario').orderBy('kind').execute(),
    };
  }

  it('applies each entry once: batches of one give what one pass gives, and catching up again changes nothing', async () => {
    const a = await caseInChoosing(w);
    await issued(w, a, rub(30_000));
    const b = await caseInChoosing(w, { scenario: 'late-arrival' });
    await issued(w, b, rub(20_000));
    await dispatch(w.engine, b, { type: 'REVERT', reason: 'ошибка' }, w.lead.actor);

    let steps = 0;
    while ((await inTransaction(w.engine.store, (trx) => projectBatch(trx, w.engine.config.timeZone, 1))) === 1) steps++;
    expect(steps).toBe((await positions()).length);
    const oneByOne = await readModels();
    expect(await catchUp(w.engine)).toBe(0);
    expect(await readModels()).toEqual(oneByOne);

    const rowOf = (id: string) => oneByOne.cases.find((c) => c.case_id === id);
    expect(rowOf(a)).toMatchObject({ scenario: 'property-damage', issued: 30_000, reverted: 0 });
    expect(rowOf(b)).toMatchObject({ scenario: 'late-arrival', issued: 20_000, reverted: 20_000 });
    expect(oneByOne.days.map((d) => [d.scenario, d.kind, d.issued_n, d.issued, d.reverted])).toEqual([
      ['late-arrival', 'credit', 1, 20_000, 20_000],
      ['property-damage', 'credit', 1, 30_000, 0],
    ]);
  });

  it('counts the days again when the team changes its time zone', async () => {
    w.clock.set('2026-11-25T22:00:00.000Z'); // the 26th in Moscow, still the 25th in Los Angeles
    const a = await caseInChoosing(w);
    await issued(w, a, rub(30_000));
    await catchUp(w.engine);
    expect((await readModels()).days.map((d) => d.day)).toEqual(['2026-11-26']);
    w.engine.config = { ...w.engine.config, timeZone: 'America/Los_Angeles' };
    await catchUp(w.engine);
    const days = (await readModels()).days;
    // Counted once in the new zone, not added to the old day.
    expect(days.map((d) => [d.day, d.issued])).toEqual([['2026-11-25', 30_000]]);
    expect((await readModels()).cases).toHaveLength(1);
  });
});
