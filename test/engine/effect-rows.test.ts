/**
 * What an event leaves behind besides the case row: the customer's messages and the leads' alerts in
 * the outbox, and the ledger rows. These are what the customer and the accountants actually see, so
 * the tests read the rows, not only the case.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Money } from '../../src/domain/money.js';
import { formatAmount } from '../../src/responses/format.js';
import { dispatch } from '../../src/engine/dispatch.js';
import { setTeamBudget } from '../../src/engine/budget.js';
import { spentDelta } from '../../src/engine/effects.js';
import type { LedgerParams } from '../../workflows/complaint.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { outboxOfCase, type OutboxMessage } from '../../src/store/outbox.js';
import { SYSTEM } from '../../src/domain/roles.js';
import { rub } from '../helpers.js';
import { caseInChoosing, caseOf, world, type World } from './fixture.js';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

const outbox = (id: string) => outboxOfCase(w.engine.store.db, id);
const toCustomer = (rows: OutboxMessage[], purpose?: string) =>
  rows.filter((r) => r.topic === 'customer' && (purpose === undefined || r.payload.purpose === purpose));
const alerts = (rows: OutboxMessage[], kind: string) => rows.filter((r) => r.topic === 'slack' && r.payload.kind === kind);

/** The same amount formatted as the customer reads it: grouping spaces vary (narrow no-break space). */
const shown = (m: Money, locale: 'ru' | 'en') => formatAmount(m, locale);

describe('the offer the customer is sent', () => {
  for (const locale of ['ru', 'en'] as const) {
    it(`shows the amount a lead approved, not the one asked for, once (${locale})`, async () => {
      const id = await caseInChoosing(w, { customer: { locale, name: 'Мария', phone: '+79990001122' } });
      await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(500_000) }, w.handler.actor);
      expect(toCustomer(await outbox(id), 'offer')).toHaveLength(0);
      expect(toCustomer(await outbox(id), 'approval')).toHaveLength(0);
      const approved = await dispatch(w.engine, id, { type: 'APPROVE_OFFER', value: rub(300_000), comment: '3000 ₽ достаточно' }, w.lead.actor);
      const version = approved?.record.version;

      // The approval outcome is the offer as the customer hears it: the approved amount.
      expect(toCustomer(await outbox(id), 'offer')).toHaveLength(0);
      const offers = toCustomer(await outbox(id), 'approval');
      expect(offers).toHaveLength(1);
      const [msg] = offers as [OutboxMessage];
      const text = String(msg.payload.body);
      expect(text).toContain(shown(rub(300_000), locale));
      expect(text).not.toContain(shown(rub(500_000), locale));
      expect(text).toContain('Мария');
      expect(text).toBe(text.trim());
      expect(msg.id).toMatch(new RegExp(`^${id}:${version}:\\d+$`));
      expect(msg.payload).toMatchObject({
        caseId: id,
        purpose: 'approval',
        offer: { kind: 'credit', value: rub(500_000), approved: rub(300_000), status: 'offered' },
        customer: { name: 'Мария', locale, tier: 'free' },
        to: { email: 'maria@example.com', phone: '+79990001122' },
      });
      expect(msg.payload.ref).toMatch(/^AM-\d+$/);
      expect(msg.payload.scenario).toBe('property-damage');
    });
  }

  it('goes out at once with the offered amount when the handler may grant it alone', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'refund', value: rub(50_000) }, w.handler.actor);
    const offers = toCustomer(await outbox(id), 'offer');
    expect(offers).toHaveLength(1);
    expect(String(offers[0]?.payload.body)).toContain(shown(rub(50_000), 'ru'));
    // The customer's gateway gets the offer itself beside the text.
    expect(offers[0]?.payload.offer).toMatchObject({ kind: 'refund', value: rub(50_000), status: 'offered' });
    expect(alerts(await outbox(id), 'approvalRequested')).toHaveLength(0);
  });

  it('is never sent for a rejected request', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(500_000) }, w.handler.actor);
    await dispatch(w.engine, id, { type: 'REJECT_OFFER', comment: 'нет' }, w.lead.actor);
    expect(toCustomer(await outbox(id), 'offer')).toHaveLength(0);
  });
});

describe('the messages a handler writes', () => {
  it('carry the handler’s own text and channel, with no offer attached, in the order sent', async () => {
    const id = await caseInChoosing(w);
    const rows = toCustomer(await outbox(id));
    expect(rows.map((r) => r.payload.purpose)).toEqual(['apology', 'explanation']);
    // A phone apology is followed up in writing (e-mail here: the customer gave no phone number).
    expect(rows[0]?.payload).toMatchObject({ body: 'Простите нас.', channel: 'email' });
    expect(rows[1]?.payload.body).toBe('Мы виноваты.');
    for (const r of rows) expect(r.payload.offer).toBeUndefined();
    // Ids are unique and stable: `${caseId}:${version}:${n}`.
    const ids = (await outbox(id)).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of ids) expect(i).toMatch(new RegExp(`^${id}:\\d+:\\d+$`));
  });
});

describe('the leads’ alert for an approval request', () => {
  it('lists every reason and the offer; other alerts carry neither', async () => {
    const id = await caseInChoosing(w);
    // 15 000 ₽: above the handler's 1000 ₽ limit and the case's 10 000 ₽ budget.
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'refund', value: rub(1_500_000), note: 'ваза' }, w.handler.actor);
    const [alert] = alerts(await outbox(id), 'approvalRequested');
    expect(alert?.payload.reasons).toEqual(['above the personal limit', 'above the case budget']);
    expect(alert?.payload.offer).toMatchObject({ kind: 'refund', value: rub(1_500_000), status: 'awaitingApproval' });
    expect(alert?.payload.caseId).toBe(id);

    await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'клиент в ярости' }, w.handler.actor);
    const [escalated] = alerts(await outbox(id), 'escalated');
    expect(escalated?.payload.reason).toBe('клиент в ярости');
    expect(escalated?.payload.reasons).toBeUndefined();
    expect(escalated?.payload.offer).toBeUndefined();
    expect((await caseOf(w, id)).escalated).toBe(true);
  });
});

describe('the facts a lead decides on from an alert', () => {
  const approvalOf = (rows: OutboxMessage[], kind: string, step?: string) =>
    alerts(rows, kind).filter((r) => step === undefined || r.payload.step === step).map((r) => r.payload.approval);

  it('come with an approval request and with its missed deadline, and with no other alert', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'refund', value: rub(1_500_000) }, w.handler.actor);
    const [requested] = approvalOf(await outbox(id), 'approvalRequested');
    expect(requested).toMatchObject({ kind: 'refund', amount: rub(1_500_000), requestedBy: { id: w.handler.id, name: 'Ханна' }, caseBudget: expect.any(Object), caseRemaining: expect.any(Object) });

    // Another step's deadline, and an escalation, while the request waits: no decision asked of anyone.
    await dispatch(w.engine, id, { type: 'DEADLINE_MISSED', step: 'overall' }, SYSTEM);
    await dispatch(w.engine, id, { type: 'ESCALATE', reason: 'долго' }, w.handler.actor);
    expect(approvalOf(await outbox(id), 'deadlineMissed', 'overall')).toEqual([undefined]);
    expect(approvalOf(await outbox(id), 'escalated')).toEqual([undefined]);

    // The request's own deadline: the leads can still decide from the alert.
    await dispatch(w.engine, id, { type: 'DEADLINE_MISSED', step: 'approval' }, SYSTEM);
    const [overdue] = approvalOf(await outbox(id), 'deadlineMissed', 'approval');
    expect(overdue).toMatchObject({ offerId: (requested as { offerId: string }).offerId, amount: rub(1_500_000) });
  });

  it('are not offered once the request was decided, approved or rejected', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'refund', value: rub(500_000) }, w.handler.actor);
    await dispatch(w.engine, id, { type: 'APPROVE_OFFER', value: rub(300_000), comment: 'хватит' }, w.lead.actor);
    await dispatch(w.engine, id, { type: 'DEADLINE_MISSED', step: 'approval' }, SYSTEM);
    expect(approvalOf(await outbox(id), 'deadlineMissed', 'approval')).toEqual([undefined]);

    const rejected = await caseInChoosing(w, { customer: { id: 'cust-r' } });
    await dispatch(w.engine, rejected, { type: 'OFFER', kind: 'refund', value: rub(500_000) }, w.handler.actor);
    await dispatch(w.engine, rejected, { type: 'REJECT_OFFER', comment: 'нет' }, w.lead.actor);
    await dispatch(w.engine, rejected, { type: 'DEADLINE_MISSED', step: 'approval' }, SYSTEM);
    expect(approvalOf(await outbox(rejected), 'deadlineMissed', 'approval')).toEqual([undefined]);
  });
});

describe('what an event adds to the spent amount', () => {
  it('is its payouts minus its reverts; offers, approvals and entries without a value count nothing', () => {
    const entry = (e: string, minor: number | null) => ({ entry: e, offerId: 'off-1', value: minor === null ? null : rub(minor) }) as LedgerParams;
    expect(spentDelta([entry('offered', 500), entry('approved', 500), entry('issued', 300)], 'RUB')).toEqual(rub(300));
    expect(spentDelta([entry('reverted', 300), entry('recovered', 100)], 'RUB')).toEqual(rub(-300));
    expect(spentDelta([entry('issued', null), entry('withdrawn', null)], 'RUB')).toEqual(rub(0));
    expect(spentDelta([], 'EUR')).toEqual({ minor: 0, currency: 'EUR' });
  });
});

describe('ledger rows', () => {
  it('record the two reasons of a request in its note, the kind of the offer, and who acted', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'refund', value: rub(1_500_000), note: 'ваза' }, w.handler.actor);
    const rows = await ledgerOfCase(w.engine.store.db, id);
    expect(rows.map((r) => [r.entry, r.note, r.offerKind, r.actorId])).toEqual([
      ['offered', 'ваза', 'refund', w.handler.id],
      ['approvalRequested', 'above the personal limit; above the case budget', 'refund', w.handler.id],
    ]);
    expect(rows.map((r) => r.n)).toEqual([0, 1]);
  });

  it('record three reasons when the team budget is short too, and none for a request within everything', async () => {
    await setTeamBudget(w.engine.store.db, rub(1_200_000), w.clock.now().toISOString());
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'refund', value: rub(1_500_000) }, w.handler.actor);
    const rows0 = await ledgerOfCase(w.engine.store.db, id);
    const request = rows0.find((r) => r.entry === 'approvalRequested');
    expect(request?.note).toBe('above the personal limit; above the case budget; above the team’s monthly budget');
    // The reasons belong to the request only: the offer itself, sent without a note, has none.
    expect(rows0.find((r) => r.entry === 'offered')?.note).toBeNull();

    const within = await caseInChoosing(w);
    await dispatch(w.engine, within, { type: 'OFFER', kind: 'refund', value: rub(100_000) }, w.handler.actor);
    const rows = await ledgerOfCase(w.engine.store.db, within);
    expect(rows.map((r) => r.entry)).toEqual(['offered', 'approved']);
    expect(rows[0]?.note).toBeNull();
  });

  it('keep no offer kind once the offer is withdrawn, and name the executor who pays back', async () => {
    const id = await caseInChoosing(w);
    await dispatch(w.engine, id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }, w.handler.actor);
    await dispatch(w.engine, id, { type: 'CUSTOMER_ACCEPTED' }, w.handler.actor);
    await dispatch(w.engine, id, { type: 'ISSUE' }, w.handler.actor);
    await dispatch(w.engine, id, { type: 'RECORD_RECOVERY', executorId: 'cleaner-7', amount: rub(20_000), note: 'вычет' }, w.lead.actor);
    const recovered = (await ledgerOfCase(w.engine.store.db, id)).find((r) => r.entry === 'recovered');
    expect(recovered).toMatchObject({ executorId: 'cleaner-7', value: rub(20_000), note: 'вычет', offerKind: 'credit', actorId: w.lead.id });

    const other = await caseInChoosing(w);
    await dispatch(w.engine, other, { type: 'OFFER', kind: 'credit', value: rub(500_000) }, w.handler.actor);
    await dispatch(w.engine, other, { type: 'SKIP_COMPENSATION', reason: 'клиент отказался' }, w.handler.actor);
    const withdrawn = (await ledgerOfCase(w.engine.store.db, other)).find((r) => r.entry === 'withdrawn');
    expect(withdrawn).toMatchObject({ offerKind: null, value: null, note: 'клиент отказался', executorId: null });
  });
});
