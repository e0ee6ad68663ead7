/**
 * The case repository on a real SQLite file: every column survives a write and a read, the
 * compare-and-swap refuses a writer whose read went stale (two store handles on one file, as two
 * processes would hold), and each list filter selects what it names.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../src/domain/money.js';
import { SYSTEM } from '../../src/domain/roles.js';
import { dispatch } from '../../src/engine/dispatch.js';
import { createEngine } from '../../src/server.js';
import {
  committedTotal,
  insertCase,
  listCases,
  loadCase,
  loadCaseByStatusToken,
  nextCaseSeq,
  saveCase,
  type CaseRecord,
} from '../../src/store/cases.js';
import { openStore } from '../../src/store/db.js';
import { readJournal } from '../../src/store/journal.js';
import { customer, rub, testConfig } from '../helpers.js';
import { caseInChoosing, caseOf, world, type World } from './fixture.js';

let w: World;
/** A second engine's config: the same file and settings. */
const configOf = (x: World) => testConfig({ databaseUrl: x.url, timeZone: x.engine.config.timeZone, currency: x.engine.config.currency });
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

/** A case with no field left at its default, so a column dropped on write or read shows. */
function unusualCase(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'cas_store_1',
    seq: 4242,
    ref: 'AM-004242',
    version: 7,
    machineVersion: 1,
    snapshot: { status: 'active', value: 'resolved', context: { any: 'thing' } },
    state: 'resolved',
    status: 'resolved',
    outcome: 'pending',
    scenario: 'late-arrival',
    tone: 'conflict',
    severity: 'high',
    channel: 'rating',
    customer: customer({ id: 'cust-store', phone: '+79991234567', tier: 'vip', locale: 'en', timeZone: 'Asia/Tokyo' }),
    orderId: 'ord-77',
    executorId: 'cleaner-9',
    description: 'опоздал',
    ownerId: w.handler.id,
    budget: money(40_000, 'EUR'),
    spent: money(12_345, 'EUR'),
    committed: money(678, 'EUR'),
    escalated: true,
    breaching: true,
    statusToken: 'tok-store-1',
    openedBy: w.lead.id,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-21T08:00:00.000Z',
    resolvedAt: '2026-11-21T08:00:00.000Z',
    ...over,
  };
}

describe('a case row', () => {
  it('reads back exactly as written, by id and by status token', async () => {
    const c = unusualCase();
    await insertCase(w.engine.store.db, c);
    expect(await loadCase(w.engine.store.db, c.id)).toEqual(c);
    expect(await loadCaseByStatusToken(w.engine.store.db, 'tok-store-1')).toEqual(c);
    expect(await loadCaseByStatusToken(w.engine.store.db, 'tok-unknown')).toBeUndefined();
    expect(await loadCase(w.engine.store.db, 'cas_unknown')).toBeUndefined();
  });

  it('keeps false flags and empty links as such', async () => {
    const c = unusualCase({ escalated: false, breaching: false, orderId: null, executorId: null, ownerId: null, resolvedAt: null });
    await insertCase(w.engine.store.db, c);
    expect(await loadCase(w.engine.store.db, c.id)).toEqual(c);
  });

  it('takes every changed column on save, and the next version and snapshot', async () => {
    const before = unusualCase();
    await insertCase(w.engine.store.db, before);
    const after: CaseRecord = {
      ...before,
      version: 8,
      machineVersion: 2,
      snapshot: { status: 'done', value: 'lost' },
      state: 'lost',
      status: 'closed',
      outcome: 'lost',
      scenario: 'property-damage',
      tone: 'constructive',
      severity: 'low',
      channel: 'email',
      customer: customer({ id: 'cust-other', name: 'Ольга' }),
      orderId: 'ord-78',
      executorId: null,
      description: 'разбил',
      ownerId: null,
      budget: rub(1_000_000),
      spent: rub(5),
      committed: rub(6),
      escalated: false,
      breaching: false,
      updatedAt: '2026-11-22T08:00:00.000Z',
      resolvedAt: '2026-11-22T08:00:00.000Z',
    };
    expect(await saveCase(w.engine.store.db, before, after)).toBe(true);
    expect(await loadCase(w.engine.store.db, before.id)).toEqual(after);
    // Unchanged columns stay as they were.
    const again = { ...after, version: 9, snapshot: { status: 'done', value: 'lost', n: 2 } };
    expect(await saveCase(w.engine.store.db, after, again)).toBe(true);
    expect(await loadCase(w.engine.store.db, before.id)).toEqual(again);
  });

  it('numbers cases one after another, from the counter rather than the highest number in the table', async () => {
    expect(await nextCaseSeq(w.engine.store.db)).toBe(1);
    await insertCase(w.engine.store.db, unusualCase());
    // Each call hands out a number (the counter moved), whatever a row inserted around it carries.
    expect(await nextCaseSeq(w.engine.store.db)).toBe(2);
  });
});

describe('the compare-and-swap', () => {
  it('refuses a write from a handle whose read went stale while another handle wrote, and keeps the winner', async () => {
    const id = await caseInChoosing(w);
    // A second engine on the same file: its own connections, as a second process would have.
    const second = await createEngine(configOf(w), w.clock.now, await openStore(w.url));
    try {
      const stale = await caseOf(w, id);
      const won = await dispatch(second, id, { type: 'ESCALATE', reason: 'второй процесс' }, w.lead.actor);
      expect(won?.record.version).toBe(stale.version + 1);

      const losing = { ...stale, version: stale.version + 1, state: 'followUp', escalated: false, updatedAt: 'later' };
      expect(await saveCase(w.engine.store.db, stale, losing)).toBe(false);
      const now = await caseOf(w, id);
      expect(now.escalated).toBe(true);
      expect(now.state).toBe('compensate.choosing');
      expect(now.version).toBe(stale.version + 1);

      // Read again, and the write goes through at the next version.
      const fresh = await caseOf(w, id);
      expect(await saveCase(w.engine.store.db, fresh, { ...fresh, version: fresh.version + 1 })).toBe(true);
      expect(await saveCase(w.engine.store.db, fresh, { ...fresh, version: fresh.version + 1 })).toBe(false);
    } finally {
      await second.store.close();
    }
  });

  it('gives each version one writer when two engines on one file take turns, with a journal without gaps', async () => {
    const id = await caseInChoosing(w);
    const second = await createEngine(configOf(w), w.clock.now, await openStore(w.url));
    try {
      const engines = [w.engine, second];
      for (let i = 0; i < 6; i++) {
        const r = await dispatch(engines[i % 2] as typeof w.engine, id, { type: 'ESCALATE', reason: `раз ${i}` }, w.lead.actor, { ifMatch: 3 + i });
        expect(r?.record.version).toBe(4 + i);
      }
      // The other engine's copy of the same If-Match is stale now.
      await expect(dispatch(second, id, { type: 'ESCALATE', reason: 'поздно' }, w.lead.actor, { ifMatch: 8 })).rejects.toMatchObject({ kind: 'stale' });
      const journal = await readJournal(w.engine.store.db, id);
      expect(journal.map((j) => j.version)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    } finally {
      await second.store.close();
    }
  });
});


describe('listing cases', () => {
  async function three() {
    const a = await caseInChoosing(w, { customer: { id: 'cust-a' } });
    w.clock.advance(1000);
    const b = await caseInChoosing(w, { scenario: 'late-arrival', customer: { id: 'cust-b' } });
    w.clock.advance(1000);
    const { openCase } = await import('../../src/engine/open-case.js');
    const c = (await openCase(w.engine, { customer: customer({ id: 'cust-c' }), channel: 'phone', description: 'x', scenario: 'rude-staff', tone: 'conflict', ownerId: null }, w.lead.actor)).record.id;
    await dispatch(w.engine, b, { type: 'SKIP_COMPENSATION', reason: 'нет' }, w.handler.actor);
    await dispatch(w.engine, b, { type: 'FOLLOW_UP', text: 'ok' }, w.handler.actor);
    // a missed its step deadline: it is breaching while it stays open.
    await dispatch(w.engine, a, { type: 'DEADLINE_MISSED', step: 'compensate' }, SYSTEM);
    return { a, b, c };
  }
  const ids = async (f: Partial<Parameters<typeof listCases>[1]>) => (await listCases(w.engine.store.db, { limit: 50, ...f })).map((c) => c.id);

  it('selects by each filter it names, newest first, oldest first on request', async () => {
    const { a, b, c } = await three();
    expect(await ids({})).toEqual([c, b, a]);
    expect(await ids({ oldestFirst: true })).toEqual([a, b, c]);
    expect(await ids({ status: 'resolved' })).toEqual([b]);
    expect(await ids({ status: 'open' })).toEqual([c, a]);
    expect(await ids({ ownerId: null })).toEqual([c]);
    expect(await ids({ ownerId: w.handler.id })).toEqual([b, a]);
    expect(await ids({ scenario: 'late-arrival' })).toEqual([b]);
    expect(await ids({ tone: 'conflict' })).toEqual([c]);
    expect(await ids({ state: 'compensate.choosing' })).toEqual([a]);
    expect(await ids({ customerId: 'cust-a' })).toEqual([a]);
    expect(await ids({ breaching: false })).toEqual([c, b]);
    expect(await ids({ breaching: true })).toEqual([a]);
    expect(await ids({ limit: 2 })).toEqual([c, b]);
  });

  it('shows a handler their own and the unassigned cases only', async () => {
    const { a, b, c } = await three();
    const theirs = await caseInChoosing(w);
    await dispatch(w.engine, theirs, { type: 'REASSIGN', ownerId: w.otherHandler.id }, w.lead.actor);
    expect(await ids({ visibleTo: w.handler.id })).toEqual([c, b, a]);
    expect(await ids({ visibleTo: w.otherHandler.id })).toEqual([theirs, c]);
  });

  it('pages after a cursor without repeats, also among cases opened at the same instant', async () => {
    const { a, b, c } = await three();
    const first = await listCases(w.engine.store.db, { limit: 1 });
    expect(first.map((x) => x.id)).toEqual([c]);
    const cursor = { createdAt: (first[0] as CaseRecord).createdAt, id: c };
    expect(await ids({ after: cursor })).toEqual([b, a]);
    const same = [await caseInChoosing(w), await caseInChoosing(w)].sort().reverse();
    const top = await ids({ limit: 1 });
    expect(top).toEqual([same[0]]);
    const at = (await caseOf(w, same[0] as string)).createdAt;
    expect(await ids({ after: { createdAt: at, id: same[0] as string }, limit: 1 })).toEqual([same[1]]);
  });
});

describe('the committed total', () => {
  it('adds what cases of one currency have approved and not issued', async () => {
    expect(await committedTotal(w.engine.store.db, 'RUB')).toBe(0);
    const add = (n: number, committed: ReturnType<typeof money>) =>
      insertCase(w.engine.store.db, unusualCase({ id: `cas_c${n}`, seq: n, ref: `AM-C${n}`, statusToken: `t${n}`, orderId: `ord-c${n}`, committed, budget: { ...committed, minor: 1 }, spent: { ...committed, minor: 0 } }));
    await add(1, money(700, 'EUR'));
    await add(2, money(300, 'EUR'));
    await add(3, rub(50));
    await add(4, rub(0));
    expect(await committedTotal(w.engine.store.db, 'EUR')).toBe(1000);
    expect(await committedTotal(w.engine.store.db, 'RUB')).toBe(50);
    expect(await committedTotal(w.engine.store.db, 'USD')).toBe(0);
  });
});
