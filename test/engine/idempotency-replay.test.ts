/**
 * Idempotency-Key on events, through the engine: a retry replays, never pays twice, and is bound to
 * the person, the request and the case it was first used for — also after the case changed hands.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/dispatch.js';
import { openCase } from '../../src/engine/open-case.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { customer, rub } from '../helpers.js';
import { caseInChoosing, caseOf, world, type World } from './fixture.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

const key = (k: string, requestHash = 'hash-of-issue') => ({ idempotency: { key: k, requestHash } });

async function acceptedOffer(): Promise<string> {
  const id = await caseInChoosing(w);
  await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }, w.handler.actor);
  await dispatch(w.engine, id, { type: 'CUSTOMER_ACCEPTED' }, w.handler.actor);
  return id;
}
const issuedCount = async (id: string) => (await ledgerOfCase(w.engine.store.db, id)).filter((l) => l.entry === 'issued').length;

describe('a repeated event with the same Idempotency-Key', () => {
  it('replays the case as it is now, without a new version or a second payout', async () => {
    const id = await acceptedOffer();
    const first = await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor, key('pay-1'));
    expect(first?.replayed).toBe(false);
    await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'потом' }, w.lead.actor);
    const again = await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor, key('pay-1'));
    expect(again?.replayed).toBe(true);
    expect(again?.record.version).toBe((first?.record.version ?? 0) + 1);
    expect(again?.record.escalated).toBe(true);
    expect(await issuedCount(id)).toBe(1);
  });

  it('after the case was reassigned to someone else, is refused to the handler who lost it and pays nothing', async () => {
    const id = await acceptedOffer();
    await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor, key('pay-1'));
    await dispatch(w.engine, id, { type: 'REASSIGN', ownerId: w.otherHandler.id }, w.lead.actor);
    const version = (await caseOf(w, id)).version;
    await expect(dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor, key('pay-1'))).rejects.toMatchObject({ kind: 'notFound', message: 'case was not found' });
    expect((await caseOf(w, id)).version).toBe(version);
    expect(await issuedCount(id)).toBe(1);
  });

  it('after a reassignment still replays to a lead, who sees every case', async () => {
    const id = await caseInChoosing(w);
    const first = await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'срочно' }, w.lead.actor, key('esc-1', 'h-esc'));
    await dispatch(w.engine, id, { type: 'REASSIGN', ownerId: w.otherHandler.id }, w.otherLead.actor);
    const again = await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'срочно' }, w.lead.actor, key('esc-1', 'h-esc'));
    expect(again?.replayed).toBe(true);
    expect(again?.record.ownerId).toBe(w.otherHandler.id);
    expect(again?.record.version).toBe((first?.record.version ?? 0) + 1);
  });

  it('with another request, or for another case, is refused and changes nothing', async () => {
    const id = await acceptedOffer();
    await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor, key('pay-1'));
    const version = (await caseOf(w, id)).version;
    await expect(dispatch(w.engine, id, { type: 'ESCALATE', reason: 'x' }, w.handler.actor, key('pay-1', 'other-hash'))).rejects.toMatchObject({
      kind: 'idempotencyMismatch',
      message: expect.stringMatching(/Idempotency-Key .*different request/),
    });
    const other = await caseInChoosing(w);
    await expect(dispatch(w.engine, other, { type: 'ESCALATE', reason: 'x' }, w.handler.actor, key('pay-1'))).rejects.toMatchObject({
      kind: 'idempotencyMismatch',
    });
    expect((await caseOf(w, id)).version).toBe(version);
    expect((await caseOf(w, other)).escalated).toBe(false);
  });

  it('belongs to the person who sent it: the same key from someone else is a new request', async () => {
    const id = await caseInChoosing(w);
    const mine = await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'a' }, w.handler.actor, key('k', 'h'));
    const theirs = await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'a' }, w.lead.actor, key('k', 'h'));
    expect(theirs?.replayed).toBe(false);
    expect(theirs?.record.version).toBe((mine?.record.version ?? 0) + 1);
  });
});

describe('a repeated case opening with the same Idempotency-Key', () => {
  it('replays the first case instead of opening a second one', async () => {
    const input = { customer: customer(), channel: 'phone' as const, description: 'опоздал', scenario: 'late-arrival' };
    const first = await openCase(w.engine, input, w.lead.actor, key('open-1', 'h-open'));
    const again = await openCase(w.engine, input, w.lead.actor, key('open-1', 'h-open'));
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.record.id).toBe(first.record.id);
    await expect(openCase(w.engine, input, w.lead.actor, key('open-1', 'h-other'))).rejects.toMatchObject({ kind: 'idempotencyMismatch' });
  });
});
