/**
 * Who may send what, through the engine's write path: every lead-only event is refused for a handler
 * on their own case in the very state where a lead's copy of it goes through, so each rule is shown
 * to matter and not merely to be shadowed by the statechart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { Actor, Role } from '../../src/domain/roles.js';
import { SYSTEM } from '../../src/domain/roles.js';
import { dispatch } from '../../src/engine/dispatch.js';
import { refusal } from '../../src/engine/authorize.js';
import { openCase } from '../../src/engine/open-case.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { customer, rub } from '../helpers.js';
import { caseInChoosing, caseOf, issued, world, type World } from './fixture.js';
import type { ComplaintContext } from '../../workflows/complaint.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

async function refusedWith(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A lead offers more than the case budget on the handler's case: it waits for another lead. */
async function leadOfferAwaiting(): Promise<string> {
  const id = await caseInChoosing(w);
  const r = await dispatch(w.engine, id, { type: 'OFFER', kind: 'refund', value: rub(1_500_000) }, w.lead.actor);
  expect(r?.record.state).toBe('compensate.awaitingApproval');
  return id;
}

async function resolvedCase(): Promise<string> {
  const id = await caseInChoosing(w);
  await dispatch(w.engine, id, { type: 'SKIP_COMPENSATION', reason: 'клиент не хочет' }, w.handler.actor);
  await dispatch(w.engine, id, { type: 'FOLLOW_UP', text: 'Всё ли хорошо?' }, w.handler.actor);
  expect((await caseOf(w, id)).state).toBe('resolved');
  return id;
}

/** Each lead-only event, the state it fits, and the event itself. */
const LEAD_ONLY: Array<{ type: string; setup: () => Promise<string>; event: () => Record<string, unknown> }> = [
  { type: 'REASSIGN', setup: () => caseInChoosing(w), event: () => ({ type: 'REASSIGN', ownerId: w.otherHandler.id }) },
  { type: 'APPROVE_OFFER', setup: leadOfferAwaiting, event: () => ({ type: 'APPROVE_OFFER', comment: 'ok' }) },
  { type: 'REJECT_OFFER', setup: leadOfferAwaiting, event: () => ({ type: 'REJECT_OFFER', comment: 'no' }) },
  { type: 'CLOSE_LOST', setup: resolvedCase, event: () => ({ type: 'CLOSE_LOST', reason: 'ушёл к конкурентам' }) },
  {
    type: 'REVERT',
    setup: async () => {
      const id = await caseInChoosing(w);
      await issued(w, id, rub(50_000));
      return id;
    },
    event: () => ({ type: 'REVERT', reason: 'ошибка' }),
  },
  { type: 'ORDER_PLACED', setup: resolvedCase, event: () => ({ type: 'ORDER_PLACED', orderId: 'ord-2' }) },
];

describe('lead-only events', () => {
  for (const { type, setup, event } of LEAD_ONLY) {
    it(`refuses ${type} from the handler who owns the case, changing nothing, and takes it from another lead`, async () => {
      const id = await setup();
      const before = await caseOf(w, id);
      const err = await refusedWith(dispatch(w.engine, id, event(), w.handler.actor));
      expect(err.kind).toBe('forbidden');
      expect(err.message).toContain(type);
      expect(err.message).toContain('lead');
      const after = await caseOf(w, id);
      expect(after.version).toBe(before.version);
      expect(after.state).toBe(before.state);
      // The same event from a lead who did not ask for the offer goes through: the state was right.
      const ok = await dispatch(w.engine, id, event(), w.otherLead.actor);
      expect(ok?.record.version).toBe(before.version + 1);
    });
  }

  it('keeps an over-budget offer a lead made waiting when the owning handler tries to approve it; nothing is promised', async () => {
    const id = await leadOfferAwaiting();
    await refusedWith(dispatch(w.engine, id, { type: 'APPROVE_OFFER', comment: 'сам себе' }, w.handler.actor));
    const c = await caseOf(w, id);
    expect(c.state).toBe('compensate.awaitingApproval');
    expect(c.committed).toEqual(rub(0));
    expect((await ledgerOfCase(w.engine.store.db, id)).map((l) => l.entry)).not.toContain('approved');
  });

  it('lets an admin decide as a lead does', async () => {
    const id = await leadOfferAwaiting();
    const r = await dispatch(w.engine, id, { type: 'REJECT_OFFER', comment: 'слишком дорого' }, w.admin.actor);
    expect(r?.record.state).toBe('compensate.choosing');
  });

  it('never lets a lead reject their own request either', async () => {
    const id = await leadOfferAwaiting();
    const err = await refusedWith(dispatch(w.engine, id, { type: 'REJECT_OFFER', comment: 'передумала' }, w.lead.actor));
    expect(err.kind).toBe('forbidden');
    expect(err.message).toMatch(/own/);
    expect((await caseOf(w, id)).state).toBe('compensate.awaitingApproval');
  });
});

describe('events only the system sends', () => {
  for (const type of ['DEADLINE_MISSED', 'WIN_BACK_EXPIRED']) {
    it(`refuses ${type} from a lead and an admin, naming the system`, async () => {
      const id = await resolvedCase();
      const event = type === 'DEADLINE_MISSED' ? { type, step: 'followUp' } : { type };
      for (const who of [w.lead, w.admin]) {
        const err = await refusedWith(dispatch(w.engine, id, event, who.actor));
        expect(err.kind).toBe('forbidden');
        expect(err.message).toContain('system');
      }
      const r = await dispatch(w.engine, id, event, SYSTEM);
      expect(r?.record.version).toBe((await caseOf(w, id)).version);
    });
  }
});

describe('what a handler may touch', () => {
  it('lets a handler act on an unassigned case and take it for themself, but not hand it to someone else', async () => {
    const { record } = await openCase(w.engine, { customer: customer(), channel: 'phone', description: 'x', scenario: 'late-arrival', ownerId: null }, w.lead.actor);
    const err = await refusedWith(dispatch(w.engine, record.id, { type: 'ASSIGN', ownerId: w.otherHandler.id }, w.handler.actor));
    expect(err.kind).toBe('forbidden');
    expect(err.message).toMatch(/themself/);
    const taken = await dispatch(w.engine, record.id, { type: 'ASSIGN', ownerId: w.handler.id }, w.handler.actor);
    expect(taken?.record.ownerId).toBe(w.handler.id);
    // A lead may hand one to anyone.
    const other = await openCase(w.engine, { customer: customer(), channel: 'phone', description: 'x', scenario: 'late-arrival', ownerId: null }, w.lead.actor);
    const given = await dispatch(w.engine, other.record.id, { type: 'ASSIGN', ownerId: w.otherHandler.id }, w.lead.actor);
    expect(given?.record.ownerId).toBe(w.otherHandler.id);
  });

  it("hides another handler's case from a handler and shows it to leads", async () => {
    const id = await caseInChoosing(w);
    const err = await refusedWith(dispatch(w.engine, id, { type: 'ESCALATE', reason: 'чужое' }, w.otherHandler.actor));
    expect(err.kind).toBe('notFound');
    const r = await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'нужна помощь' }, w.lead.actor);
    expect(r?.record.escalated).toBe(true);
  });
});

describe('the refusal rule itself', () => {
  const ctx = (requestedBy: string | null): ComplaintContext => ({
    tone: 'constructive',
    ownerId: 'u-owner',
    escalated: false,
    breaches: [],
    offer: requestedBy
      ? { id: 'off-1', kind: 'credit', value: rub(1), percent: null, requestedBy, approved: null, status: 'awaitingApproval' }
      : null,
    skipReason: null,
    rating: null,
    reopened: 0,
    outcome: 'pending',
    wonBackOrderId: null,
  });
  const person = (id: string, role: Role): Actor => ({ kind: 'user', id, name: id, role, limit: null });

  it("refuses a handler on someone else's case even where visibility is not checked first", () => {
    expect(refusal(person('u-h', 'handler'), 'u-owner', ctx(null), { type: 'ESCALATE' })).toMatch(/someone else/);
    expect(refusal(person('u-owner', 'handler'), 'u-owner', ctx(null), { type: 'ESCALATE' })).toBeNull();
    expect(refusal(person('u-h', 'handler'), null, ctx(null), { type: 'ESCALATE' })).toBeNull();
    expect(refusal(person('u-l', 'lead'), 'u-owner', ctx(null), { type: 'ESCALATE' })).toBeNull();
  });

  it('lets a handler ASSIGN without naming anyone, or naming themself only', () => {
    const h = person('u-h', 'handler');
    expect(refusal(h, null, ctx(null), { type: 'ASSIGN' })).toBeNull();
    expect(refusal(h, null, ctx(null), { type: 'ASSIGN', ownerId: 'u-h' })).toBeNull();
    expect(refusal(h, null, ctx(null), { type: 'ASSIGN', ownerId: 'u-x' })).not.toBeNull();
    expect(refusal(person('u-l', 'lead'), null, ctx(null), { type: 'ASSIGN', ownerId: 'u-x' })).toBeNull();
    // Naming an owner restricts ASSIGN only; other events do not carry one to check.
    expect(refusal(h, null, ctx(null), { type: 'ESCALATE', ownerId: 'u-x' })).toBeNull();
  });

  it('lets anyone but the requester decide, and the system anything', () => {
    expect(refusal(person('u-l', 'lead'), 'u-owner', ctx('u-l'), { type: 'APPROVE_OFFER' })).toMatch(/own/);
    expect(refusal(person('u-l', 'lead'), 'u-owner', ctx('u-x'), { type: 'APPROVE_OFFER' })).toBeNull();
    expect(refusal(person('u-l', 'lead'), 'u-owner', ctx('u-l'), { type: 'ESCALATE' })).toBeNull();
    expect(refusal(SYSTEM, 'u-owner', ctx('u-l'), { type: 'DEADLINE_MISSED' })).toBeNull();
  });
});
