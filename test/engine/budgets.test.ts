/**
 * Limits and budgets as the engine applies them to offers: each rule at its edge (equal is within,
 * one kopeck more is not), limits and team budgets in another currency, what is committed, and the
 * month counted in the team's time zone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money, type Money } from '../../src/domain/money.js';
import { SYSTEM } from '../../src/domain/roles.js';
import { approvalReasons, beyondOwnLimit, setTeamBudget, teamBudget } from '../../src/engine/budget.js';
import { dispatch } from '../../src/engine/dispatch.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { addUser, rub, type TestUser } from '../helpers.js';
import { caseInChoosing, caseOf, HANDLER_LIMIT, issued, world, type World } from './fixture.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

const eur = (minor: number): Money => money(minor, 'EUR');
const now = () => w.clock.now().toISOString();
const team = (currency: Money['currency'] = 'RUB') => teamBudget(w.engine.store.db, now(), w.engine.config.timeZone, currency);

/** Offer as `by`; the reasons it needed approval for (empty when it went straight to the customer). */
async function reasonsFor(id: string, value: Money, by: TestUser = w.handler): Promise<string[]> {
  const r = await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value }, by.actor);
  const request = (await ledgerOfCase(w.engine.store.db, id)).find((l) => l.entry === 'approvalRequested' && l.version === r?.record.version);
  expect(r?.record.state).toBe(request ? 'compensate.awaitingApproval' : 'compensate.offered');
  return request?.note?.split('; ') ?? [];
}

/** followUp → resolved → reopened → explained again: back in compensate.choosing. */
async function reopenToChoosing(id: string): Promise<void> {
  await dispatch(w.engine, id, { type: 'FOLLOW_UP', text: 'Как дела?' }, w.handler.actor);
  await dispatch(w.engine, id, { type: 'REOPEN', reason: 'ещё вопрос' }, w.handler.actor);
  const r = await dispatch(w.engine, id, { type: 'EXPLAIN', cause: 'c', prevention: 'p', text: 't' }, w.handler.actor);
  expect(r?.record.state).toBe('compensate.choosing');
}

describe('a personal limit', () => {
  it('covers an offer of exactly the limit, and not one kopeck more', async () => {
    expect(await reasonsFor(await caseInChoosing(w), HANDLER_LIMIT)).toEqual([]);
    expect(await reasonsFor(await caseInChoosing(w), rub(HANDLER_LIMIT.minor + 1))).toEqual(['above the personal limit']);
  });

  it('in another currency cannot vouch for an offer, however small', async () => {
    const euroHandler = await addUser(w.engine, 'Эрих', 'handler', eur(1_000_000));
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'REASSIGN', ownerId: euroHandler.id }, w.lead.actor);
    expect(await reasonsFor(id, rub(1), euroHandler)).toEqual(['personal limit is in EUR']);
  });

  it('is missing for a handler created without one, who then grants nothing alone', async () => {
    const bare = await addUser(w.engine, 'Без Лимита', 'handler');
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'REASSIGN', ownerId: bare.id }, w.lead.actor);
    expect(await reasonsFor(id, rub(1), bare)).toEqual(['no personal limit']);
  });

  it('binds a lead who has one; a lead without one is bound by the budgets only', async () => {
    const limited = await addUser(w.engine, 'Лидия', 'lead', rub(200_000));
    expect(await reasonsFor(await caseInChoosing(w), rub(200_001), limited)).toEqual(['above the personal limit']);
    expect(await reasonsFor(await caseInChoosing(w), rub(200_000), limited)).toEqual([]);
    expect(await reasonsFor(await caseInChoosing(w), rub(1_000_000), w.lead)).toEqual([]);
    expect(await reasonsFor(await caseInChoosing(w), rub(1_000_001), w.lead)).toEqual(['above the case budget']);
  });

  it('never applies to the system itself', () => {
    expect(beyondOwnLimit(SYSTEM, rub(10 ** 9))).toBeNull();
    expect(approvalReasons(rub(10), SYSTEM, rub(10), rub(10))).toEqual([]);
    expect(approvalReasons(rub(11), SYSTEM, rub(10), null)).toEqual(['above the case budget']);
  });
});

describe('the case budget', () => {
  it('grows with the customer tier: ×1 free and trial, ×1.5 paid, ×2 vip', async () => {
    const budgets: Record<string, number> = {};
    for (const tier of ['free', 'trial', 'paid', 'vip'] as const) {
      budgets[tier] = (await caseOf(w, await caseInChoosing(w, { customer: { tier } }))).budget.minor;
    }
    expect(budgets).toEqual({ free: 1_000_000, trial: 1_000_000, paid: 1_500_000, vip: 2_000_000 });
    const inEuro = await caseOf(w, await caseInChoosing(w, { currency: 'EUR', customer: { tier: 'vip' } }));
    expect(inEuro.budget).toEqual(eur(40_000));
  });

  it('counts what was already issued: after a reopen the rest holds exactly, one kopeck over needs a lead', async () => {
    const id = await caseInChoosing(w);
    expect((await issued(w, id, rub(100_000))).spent).toEqual(rub(100_000));
    await reopenToChoosing(id);
    expect(await reasonsFor(id, rub(900_001), w.lead)).toEqual(['above the case budget']);
    await dispatch(w.engine, id, { type: 'REJECT_OFFER', comment: 'много' }, w.otherLead.actor);
    expect(await reasonsFor(id, rub(900_000), w.lead)).toEqual([]);
  });
});

describe('the team’s monthly budget', () => {
  it('is absent until an admin sets it, and then nothing above what remains goes out alone', async () => {
    expect((await team()).budget).toBeNull();
    expect((await team()).remaining).toBeNull();
    await setTeamBudget(w.engine.store.db, rub(150_000), now());
    expect(await reasonsFor(await caseInChoosing(w), rub(150_000), w.lead)).toEqual([]);
    // That offer is committed now: 150 000 − 150 000 leaves nothing for the next one.
    expect((await team()).committed).toEqual(rub(150_000));
    expect((await team()).remaining).toEqual(rub(0));
    expect(await reasonsFor(await caseInChoosing(w), rub(1), w.lead)).toEqual(['above the team’s monthly budget']);
  });

  it('shows issued, reverted, recovered, spent, net, committed and remaining, each in its own right', async () => {
    await setTeamBudget(w.engine.store.db, rub(10_000_000), now());
    const a = await caseInChoosing(w);
    await issued(w, a, rub(300_000), w.lead);
    await dispatch(w.engine, a, { type: 'RECORD_RECOVERY', executorId: 'cleaner-1', amount: rub(50_000) }, w.lead.actor);
    const b = await caseInChoosing(w);
    await issued(w, b, rub(70_000));
    await dispatch(w.engine, b, { type: 'REVERT', reason: 'ошибка' }, w.lead.actor);
    const c = await caseInChoosing(w);
    await dispatch(w.engine, c, { type: 'OFFER', kind: 'credit', value: rub(20_000) }, w.handler.actor);

    const t = await team();
    expect(t).toMatchObject({
      month: '2026-11',
      budget: rub(10_000_000),
      issued: rub(370_000),
      reverted: rub(70_000),
      recovered: rub(50_000),
      spent: rub(300_000),
      net: rub(250_000),
      committed: rub(20_000),
      remaining: rub(10_000_000 - 300_000 - 20_000),
    });
  });

  it('keeps each currency apart: a euro payout and a euro budget touch nothing in roubles', async () => {
    await setTeamBudget(w.engine.store.db, rub(5_000_000), now());
    await setTeamBudget(w.engine.store.db, eur(100_000), now());
    const inEuro = await caseInChoosing(w, { currency: 'EUR' });
    await issued(w, inEuro, eur(5_000), w.lead);
    const waiting = await caseInChoosing(w, { currency: 'EUR' });
    await dispatch(w.engine, waiting, { type: 'OFFER', kind: 'credit', value: eur(3_000) }, w.lead.actor);

    expect(await team('EUR')).toMatchObject({ budget: eur(100_000), issued: eur(5_000), committed: eur(3_000), remaining: eur(92_000) });
    expect(await team('RUB')).toMatchObject({ budget: rub(5_000_000), issued: rub(0), committed: rub(0), remaining: rub(5_000_000) });
    expect((await team('USD')).budget).toBeNull();
    // The rouble budget does not vouch for euros, nor limit them: 400 € fits the euro month and a vip case;
    // with 399.99 € left in the euro month the next 400 € needs a lead.
    expect(await reasonsFor(await caseInChoosing(w, { currency: 'EUR', customer: { tier: 'vip' } }), eur(40_000), w.lead)).toEqual([]);
    await setTeamBudget(w.engine.store.db, eur(5_000 + 3_000 + 40_000 + 39_999), now());
    expect(await reasonsFor(await caseInChoosing(w, { currency: 'EUR', customer: { tier: 'vip' } }), eur(40_000), w.lead)).toEqual([
      'above the team’s monthly budget',
    ]);
  });

  it('counts months in the team’s time zone: a payout at 00:30 Moscow time on 1 December is December’s', async () => {
    await setTeamBudget(w.engine.store.db, rub(1_000_000), now());
    w.clock.set('2026-11-30T21:30:00.000Z');
    const id = await caseInChoosing(w);
    await issued(w, id, rub(10_000));
    expect((await team()).month).toBe('2026-12');
    expect((await team()).issued).toEqual(rub(10_000));
    // 23:59 Moscow time on 30 November: still November, which saw nothing issued.
    w.clock.set('2026-11-30T20:59:00.000Z');
    expect((await team()).month).toBe('2026-11');
    expect((await team()).issued).toEqual(rub(0));
    // And the month ends: by January it no longer counts.
    w.clock.set('2027-01-01T00:00:00.000Z');
    expect((await team()).issued).toEqual(rub(0));
  });
});

describe('the committed amount of a case', () => {
  it('is the approved amount while it is offered or accepted, and nothing once issued, declined or rejected', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(500_000) }, w.handler.actor);
    expect((await caseOf(w, id)).committed).toEqual(rub(0));
    await dispatch(w.engine, id, { type: 'APPROVE_OFFER', value: rub(300_000), comment: 'меньше' }, w.lead.actor);
    expect((await caseOf(w, id)).committed).toEqual(rub(300_000));
    await dispatch(w.engine, id, { type: 'CUSTOMER_ACCEPTED' }, w.handler.actor);
    expect((await caseOf(w, id)).committed).toEqual(rub(300_000));
    await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor);
    const paid = await caseOf(w, id);
    expect(paid.committed).toEqual(rub(0));
    expect(paid.spent).toEqual(rub(300_000));

    const declined = await caseInChoosing(w);
    await dispatch(w.engine, declined, { type: 'OFFER', kind: 'credit', value: rub(50_000) }, w.handler.actor);
    expect((await caseOf(w, declined)).committed).toEqual(rub(50_000));
    await dispatch(w.engine, declined, { type: 'CUSTOMER_DECLINED', reason: 'не нужно' }, w.handler.actor);
    expect((await caseOf(w, declined)).committed).toEqual(rub(0));
  });
});
