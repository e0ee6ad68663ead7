/**
 * The statechart's guards on the offer, through the engine: what skipping compensation does to an
 * offer in each of its states (a paid one after a reopen stays paid and revertible), and that
 * reverting or charging back needs a payout first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/dispatch.js';
import { openCase } from '../../src/engine/open-case.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { customer, rub } from '../helpers.js';
import { caseInChoosing, caseOf, issued, world, type World } from './fixture.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

const entries = async (id: string) => (await ledgerOfCase(w.engine.store.db, id)).map((l) => l.entry);
const skip = (id: string) => dispatch(w.engine, id, { type: 'SKIP_COMPENSATION', reason: 'клиенту хватит извинений' }, w.handler.actor);

async function reopenToChoosing(id: string): Promise<void> {
  await dispatch(w.engine, id, { type: 'FOLLOW_UP', text: 'Как дела?' }, w.handler.actor);
  await dispatch(w.engine, id, { type: 'REOPEN', reason: 'снова недоволен' }, w.handler.actor);
  const r = await dispatch(w.engine, id, { type: 'EXPLAIN', cause: 'c', prevention: 'p', text: 't' }, w.handler.actor);
  expect(r?.record.state).toBe('compensate.choosing');
}

describe('skipping compensation after a reopen', () => {
  it('keeps a paid offer paid: nothing is withdrawn, spent stays, and the payout can still be reverted', async () => {
    const id = await caseInChoosing(w);
    await issued(w, id, rub(50_000));
    await reopenToChoosing(id);
    const skipped = await skip(id);
    expect(skipped?.record.state).toBe('followUp');
    expect(skipped?.record.spent).toEqual(rub(50_000));
    expect(await entries(id)).not.toContain('withdrawn');
    const reverted = await dispatch(w.engine, id, { type: 'REVERT', reason: 'ошибочная выплата' }, w.lead.actor);
    expect(reverted?.record.spent).toEqual(rub(0));
    expect((await entries(id)).filter((e) => e === 'reverted')).toHaveLength(1);
  });

  it('drops a reverted offer without withdrawing it, so it cannot be reverted twice', async () => {
    const id = await caseInChoosing(w);
    await issued(w, id, rub(50_000));
    await dispatch(w.engine, id, { type: 'REVERT', reason: 'ошибка' }, w.lead.actor);
    await reopenToChoosing(id);
    await skip(id);
    expect(await entries(id)).not.toContain('withdrawn');
    await expect(dispatch(w.engine, id, { type: 'REVERT', reason: 'ещё раз' }, w.lead.actor)).rejects.toMatchObject({ kind: 'eventNotAllowed' });
    expect((await caseOf(w, id)).spent).toEqual(rub(0));
  });
});

describe('skipping compensation with an offer still open', () => {
  for (const stage of ['awaitingApproval', 'offered', 'accepted'] as const) {
    it(`withdraws an offer that is ${stage} on the record and promises nothing any more`, async () => {
      const id = await caseInChoosing(w);
      await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(stage === 'awaitingApproval' ? 500_000 : 50_000) }, w.handler.actor);
      if (stage === 'accepted') await dispatch(w.engine, id, { type: 'CUSTOMER_ACCEPTED' }, w.handler.actor);
      expect((await caseOf(w, id)).state).toBe(`compensate.${stage}`);
      const r = await skip(id);
      expect(r?.record.state).toBe('followUp');
      expect(r?.record.committed).toEqual(rub(0));
      expect((await entries(id)).at(-1)).toBe('withdrawn');
      await expect(dispatch(w.engine, id, { type: 'REVERT', reason: 'x' }, w.lead.actor)).rejects.toMatchObject({ kind: 'eventNotAllowed' });
    });
  }

  it('withdraws nothing when no offer was made', async () => {
    const id = await caseInChoosing(w);
    await skip(id);
    expect(await entries(id)).toEqual([]);
    // With no offer at all there is nothing to revert or charge back.
    await expect(dispatch(w.engine, id, { type: 'REVERT', reason: 'x' }, w.lead.actor)).rejects.toMatchObject({ kind: 'eventNotAllowed' });
    await expect(dispatch(w.engine, id, { type: 'RECORD_RECOVERY', executorId: 'e-1', amount: rub(1) }, w.lead.actor)).rejects.toMatchObject({
      kind: 'eventNotAllowed',
    });
  });
});

describe('a payout first', () => {
  it('is needed to revert or to charge the executor back', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }, w.handler.actor);
    await dispatch(w.engine, id, { type: 'CUSTOMER_ACCEPTED' }, w.handler.actor);
    await expect(dispatch(w.engine, id, { type: 'REVERT', reason: 'x' }, w.lead.actor)).rejects.toMatchObject({ kind: 'eventNotAllowed' });
    await expect(dispatch(w.engine, id, { type: 'RECORD_RECOVERY', executorId: 'e-1', amount: rub(1) }, w.lead.actor)).rejects.toMatchObject({
      kind: 'eventNotAllowed',
    });
    await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor);
    const r = await dispatch(w.engine, id, { type: 'RECORD_RECOVERY', executorId: 'e-1', amount: rub(1) }, w.lead.actor);
    expect(r?.record.version).toBeGreaterThan(0);
    expect(await entries(id)).toContain('recovered');
  });
});

describe('leaving triage', () => {
  it('sends a conflict case to a personal call and a constructive one to the apology, once it has an owner', async () => {
    const open = (tone: 'conflict' | 'constructive', ownerId: string | null) =>
      openCase(w.engine, { customer: customer(), channel: 'phone', description: 'x', scenario: 'late-arrival', tone, ownerId }, w.lead.actor);
    expect((await open('conflict', w.handler.id)).record.state).toBe('personalCall');
    expect((await open('constructive', w.handler.id)).record.state).toBe('apologize');
    const waiting = await open('conflict', null);
    expect(waiting.record.state).toBe('triage');
    const taken = await dispatch(w.engine, waiting.record.id, { type: 'ASSIGN', ownerId: w.handler.id }, w.handler.actor);
    expect(taken?.record.state).toBe('personalCall');
  });
});
