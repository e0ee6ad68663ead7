/**
 * Approvals are bounded: no lead approves past the team's month, going above the case budget is on
 * the record, and one offer (and what ISSUE pays) never exceeds the configured maximum.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, testConfig, type Reply, type TestUser, ok } from '../helpers.js';

type Client = ReturnType<typeof client>;

let server: Running;
let lead: TestUser;
let handler: TestUser;
let asAdmin: Client;
let asLead: Client;
let asHandler: Client;

beforeEach(async () => {
  server = await startTestServer({ clock: new FakeClock(), config: testConfig({ maxOfferMinor: 2_000_000 }) });
  const admin = await addUser(server.engine, 'Ада Админова', 'admin');
  lead = await addUser(server.engine, 'Лена Лидова', 'lead');
  handler = await addUser(server.engine, 'Ханна Обработчикова', 'handler', rub(100_000));
  asAdmin = client(server.url, admin.token);
  asLead = client(server.url, lead.token);
  asHandler = client(server.url, handler.token);
});

afterEach(async () => {
  await server.close();
});

async function caseInChoosing(scenario: string, custId = 'cust-1') {
  const opened = ok(await asHandler.post('/api/v1/cases', { customer: customer({ id: custId }), channel: 'phone', description: 'Разбили вазу', scenario }), 201);
  const id: string = opened.body.id;
  ok(await asHandler.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас, это наша ошибка.' }));
  ok(await asHandler.event(id, { type: 'EXPLAIN', cause: 'Исполнитель был неаккуратен', prevention: 'Инструктаж', text: 'Мы виноваты.' }));
  return id;
}

async function awaitingApproval(id: string, value = rub(500_000)): Promise<string> {
  const r = ok(await asHandler.event(id, { type: 'OFFER', kind: 'refund', value }));
  expect(r.body.state).toBe('compensate.awaitingApproval');
  return r.body.pendingApproval as string;
}

describe('the team budget bounds every approval', () => {
  it('refuses with 422 an approval that would take the month below zero, saying by how much, and changes nothing', async () => {
    ok(await asAdmin.put('/api/v1/budget', rub(100_000)));
    const id = await caseInChoosing('property-damage');
    const offerId = await awaitingApproval(id);

    const refused = await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Согласую всё' });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: '/problems/budget-exceeded', shortBy: rub(400_000), remaining: rub(100_000) });
    expect(refused.body.detail).toContain('November budget');
    expect(refused.body.detail).toContain('4\u00a0000,00\u00a0₽ below zero');

    // The event path is bounded the same way.
    const byEvent = await asLead.event(id, { type: 'APPROVE_OFFER', value: rub(100_001), comment: 'Чуть больше' });
    expect(byEvent.status).toBe(422);
    expect(byEvent.body.shortBy).toEqual(rub(1));

    const after = ok(await asLead.get(`/api/v1/cases/${id}`)).body;
    expect(after.state).toBe('compensate.awaitingApproval');
    expect((await ledgerOfCase(server.engine.store.db, id)).map((l) => l.entry)).toEqual(['offered', 'approvalRequested']);

    // Within what remains, the lead approves a lower amount.
    const lowered = ok(await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(100_000), comment: 'Сколько осталось' }));
    expect(lowered.body.offer.approved).toEqual(rub(100_000));
    expect(ok(await asLead.get('/api/v1/budget')).body.remaining).toEqual(rub(0));
  });

  it('lets the lead approve once an admin raised the team budget', async () => {
    ok(await asAdmin.put('/api/v1/budget', rub(100_000)));
    const id = await caseInChoosing('property-damage');
    const offerId = await awaitingApproval(id);
    expect((await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Да' })).status).toBe(422);
    const raised = ok(await asAdmin.put('/api/v1/budget', rub(1_000_000)));
    expect(raised.body.remaining).toEqual(rub(1_000_000));
    const approved = ok(await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Бюджет поднят' }));
    expect(approved.body.offer.approved).toEqual(rub(500_000));
    expect(ok(await asLead.get('/api/v1/budget')).body).toMatchObject({ committed: rub(500_000), remaining: rub(500_000) });
  });
});

describe('approving above the case budget', () => {
  it('is allowed with the lead’s comment and journaled as above the case budget', async () => {
    // late-arrival budgets 1000 ₽ for a free customer.
    const id = await caseInChoosing('late-arrival');
    const offerId = await awaitingApproval(id, rub(150_000));
    ok(await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Клиент особый' }));

    const timeline = ok(await asLead.get(`/api/v1/cases/${id}/timeline`)).body.items as Array<{ type: string; payload: Record<string, unknown> }>;
    const approval = timeline.find((e) => e.type === 'APPROVE_OFFER');
    expect(approval?.payload).toMatchObject({ aboveCaseBudget: true, comment: 'Клиент особый', value: rub(150_000) });
    const row = (await ledgerOfCase(server.engine.store.db, id)).find((l) => l.entry === 'approved');
    expect(row?.note).toBe('above the case budget: Клиент особый');
  });

  it('is not flagged when the approval fits the case budget', async () => {
    const id = await caseInChoosing('property-damage');
    const offerId = await awaitingApproval(id);
    ok(await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Да' }));
    const timeline = ok(await asLead.get(`/api/v1/cases/${id}/timeline`)).body.items as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(timeline.find((e) => e.type === 'APPROVE_OFFER')?.payload.aboveCaseBudget).toBeUndefined();
  });
});

describe('the maximum of one offer (AMENDS_MAX_OFFER_MINOR)', () => {
  it('refuses an offer above it with a clear message, whoever makes it', async () => {
    const id = await caseInChoosing('property-damage');
    for (const who of [asHandler, asLead]) {
      const r = await who.event(id, { type: 'OFFER', kind: 'refund', value: rub(2_000_001) });
      expect(r.status).toBe(400);
      expect(r.body.detail).toContain('AMENDS_MAX_OFFER_MINOR');
      expect(r.body.errors).toEqual([{ path: 'value.minor', message: 'must be at most 2000000' }]);
    }
    const huge = await asHandler.event(id, { type: 'OFFER', kind: 'refund', value: rub(1_000_000_000_000) });
    expect(huge.status).toBe(400);
    expect((await ledgerOfCase(server.engine.store.db, id))).toEqual([]);
    ok(await asLead.event(id, { type: 'OFFER', kind: 'refund', value: rub(2_000_000) }));
  });

  it('is read from the environment with a sane default', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(loadConfig({}).maxOfferMinor).toBe(10_000_000);
    expect(loadConfig({ AMENDS_MAX_OFFER_MINOR: '500000' }).maxOfferMinor).toBe(500_000);
    expect(() => loadConfig({ AMENDS_MAX_OFFER_MINOR: '0' })).toThrow(/AMENDS_MAX_OFFER_MINOR/);
  });

  it('bounds what ISSUE pays out when the maximum was lowered after the approval', async () => {
    const id = await caseInChoosing('property-damage');
    const offerId = await awaitingApproval(id);
    ok(await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Да' }));
    ok(await asHandler.event(id, { type: 'CUSTOMER_ACCEPTED' }));
    server.engine.config = { ...server.engine.config, maxOfferMinor: 400_000 };
    const refused = await asHandler.event(id, { type: 'ISSUE' });
    expect(refused.status).toBe(422);
    expect(refused.body.maximum).toEqual(rub(400_000));
    expect((await ledgerOfCase(server.engine.store.db, id)).some((l) => l.entry === 'issued')).toBe(false);
  });
});
