/**
 * Compensation over real HTTP on loopback and a real SQLite file: handler limits, lead approvals,
 * case and team budgets, a ledger that never pays twice, recovery from the executor and the report.
 * Money is always in minor units: 500 ₽ = rub(50000).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { loadCase } from '../../src/store/cases.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type Reply, type TestUser, ok } from '../helpers.js';

type Client = ReturnType<typeof client>;

interface LedgerRow {
  entry: string;
  offerId: string | null;
  value: { minor: number; currency: string } | null;
  by: { id: string };
  executorId: string | null;
  note: string | null;
}

let clock: FakeClock;
let server: Running;
let admin: TestUser;
let lead: TestUser;
let lead2: TestUser;
let handler: TestUser;
let asAdmin: Client;
let asLead: Client;
let asLead2: Client;
let asHandler: Client;

beforeEach(async () => {
  clock = new FakeClock();
  server = await startTestServer({ clock });
  const engine = server.engine;
  admin = await addUser(engine, 'Ада Админова', 'admin');
  lead = await addUser(engine, 'Лена Лидова', 'lead');
  lead2 = await addUser(engine, 'Лев Второй', 'lead');
  // 1000 ₽ personal limit.
  handler = await addUser(engine, 'Ханна Обработчикова', 'handler', rub(100_000));
  asAdmin = client(server.url, admin.token);
  asLead = client(server.url, lead.token);
  asLead2 = client(server.url, lead2.token);
  asHandler = client(server.url, handler.token);
});

afterEach(async () => {
  await server.close();
});

/** Open a case as the handler (so the handler owns it) and walk it to compensate.choosing. */
async function caseInChoosing(scenario: 'property-damage' | 'late-arrival', over: Record<string, unknown> = {}, cust: Record<string, unknown> = {}) {
  const opened = ok(
    await asHandler.post('/api/v1/cases', {
      customer: customer(cust),
      channel: 'phone',
      description: scenario === 'late-arrival' ? 'Мастер опоздал на час' : 'Разбили вазу при уборке',
      scenario,
      ...over,
    }),
    201,
  );
  const id: string = opened.body.id;
  expect(opened.body.owner.id).toBe(handler.id);
  ok(await asHandler.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас, это наша ошибка.' }));
  const explained = ok(
    await asHandler.event(id, { type: 'EXPLAIN', cause: 'Исполнитель был неаккуратен', prevention: 'Проведём инструктаж', text: 'Мы виноваты и исправим это.' }),
  );
  expect(explained.body.state).toBe('compensate.choosing');
  return explained.body as { id: string; budget: { minor: number; currency: string }; version: number };
}

async function getCase(c: Client, id: string) {
  return ok(await c.get(`/api/v1/cases/${id}`)).body;
}

const entriesOf = (body: { ledger: LedgerRow[] }, offerId?: string) =>
  body.ledger.filter((l) => offerId === undefined || l.offerId === offerId);
const kinds = (rows: LedgerRow[]) => rows.map((l) => l.entry);

/** Offer, accept, issue — as the handler, with the given offer already in compensate.offered. */
async function acceptAndIssue(id: string) {
  const accepted = ok(await asHandler.event(id, { type: 'CUSTOMER_ACCEPTED' }));
  expect(accepted.body.state).toBe('compensate.accepted');
  const issued = ok(await asHandler.event(id, { type: 'ISSUE' }));
  expect(issued.body.state).toBe('followUp');
  return issued.body;
}

async function offerAwaitingApproval(id: string, by: Client = asHandler, value = rub(500_000)) {
  const r = ok(await by.event(id, { type: 'OFFER', kind: 'refund', value, note: 'стоимость вазы' }));
  expect(r.body.state).toBe('compensate.awaitingApproval');
  const offerId: string = r.body.pendingApproval;
  expect(offerId).toMatch(/^off_/);
  return { body: r.body, offerId };
}

describe('an offer within the handler limit and the budget', () => {
  it('goes straight to the customer, and once accepted is issued and counted as spent', async () => {
    const c = await caseInChoosing('property-damage');
    expect(c.budget).toEqual(rub(1_000_000));

    const offered = ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'refund', value: rub(50_000), note: 'химчистка' }));
    expect(offered.body.state).toBe('compensate.offered');
    const offerId: string = offered.body.offer.id;
    expect(offered.body.offer.approved).toEqual(rub(50_000));
    expect(offered.body.pendingApproval).toBeNull();
    expect(kinds(entriesOf(offered.body, offerId))).toEqual(['offered', 'approved']);
    for (const row of entriesOf(offered.body, offerId)) {
      expect(row.value).toEqual(rub(50_000));
      expect(row.by.id).toBe(handler.id);
    }
    // Nothing waits for a lead.
    expect(ok(await asLead.get('/api/v1/approvals')).body.items).toEqual([]);

    const issued = await acceptAndIssue(c.id);
    expect(kinds(entriesOf(issued, offerId))).toEqual(['offered', 'approved', 'accepted', 'issued']);
    const issuedRow = entriesOf(issued, offerId).find((l) => l.entry === 'issued');
    expect(issuedRow?.value).toEqual(rub(50_000));
    expect(issued.spent).toEqual(rub(50_000));
    expect(issued.remaining).toEqual(rub(1_000_000 - 50_000));

    const fresh = await getCase(asHandler, c.id);
    expect(fresh.spent).toEqual(rub(50_000));
    expect(fresh.remaining).toEqual({ minor: fresh.budget.minor - fresh.spent.minor, currency: 'RUB' });
    // The handler's own case file is what the database holds.
    const stored = await loadCase(server.engine.store.db, c.id);
    expect(stored?.spent).toEqual(rub(50_000));
  });
});

describe('an offer above the handler limit', () => {
  it('waits for a lead, who approves a smaller amount that the customer then gets', async () => {
    const c = await caseInChoosing('property-damage');
    const { body, offerId } = await offerAwaitingApproval(c.id);
    expect(body.offer.approved).toBeNull();
    expect(kinds(entriesOf(body, offerId))).toEqual(['offered', 'approvalRequested']);

    // The leads' inbox shows it with the reasons; handlers have no inbox.
    const inbox = ok(await asLead.get('/api/v1/approvals')).body.items;
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      id: offerId,
      caseId: c.id,
      offer: { kind: 'refund', value: rub(500_000) },
      requestedBy: { id: handler.id },
      canDecide: true,
      budget: rub(1_000_000),
      spent: rub(0),
    });
    expect(inbox[0].reasons).toEqual(['above the personal limit']);
    expect((await asHandler.get('/api/v1/approvals')).status).toBe(403);
    expect((await asHandler.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'сам себе' })).status).toBe(403);
    expect((await asHandler.event(c.id, { type: 'APPROVE_OFFER', comment: 'сам себе' })).status).toBe(403);
    expect((await asLead.post('/api/v1/approvals/off_unknown/decision', { decision: 'approve', comment: 'что это' })).status).toBe(404);

    const approved = ok(
      await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(300_000), comment: 'Согласовано 3000 ₽ по чеку' }),
    );
    expect(approved.body.state).toBe('compensate.offered');
    expect(approved.body.offer.approved).toEqual(rub(300_000));
    const approvedRow = entriesOf(approved.body, offerId).find((l) => l.entry === 'approved');
    expect(approvedRow).toMatchObject({ value: rub(300_000), by: { id: lead.id }, note: 'Согласовано 3000 ₽ по чеку' });
    expect(ok(await asLead.get('/api/v1/approvals')).body.items).toEqual([]);

    const issued = await acceptAndIssue(c.id);
    const issuedRows = entriesOf(issued, offerId).filter((l) => l.entry === 'issued');
    expect(issuedRows).toHaveLength(1);
    expect(issuedRows[0]?.value).toEqual(rub(300_000));
    expect(issued.spent).toEqual(rub(300_000));
    expect(issued.remaining).toEqual(rub(700_000));

    const dbIssued = (await ledgerOfCase(server.engine.store.db, c.id)).filter((l) => l.entry === 'issued');
    expect(dbIssued.map((l) => l.value)).toEqual([rub(300_000)]);
  });

  it('never lets the requester decide on their own request, even a lead; another lead can', async () => {
    const c = await caseInChoosing('property-damage');
    // A lead has no personal limit, but 15 000 ₽ is above the case budget of 10 000 ₽.
    const { offerId } = await offerAwaitingApproval(c.id, asLead, rub(1_500_000));
    const inbox = ok(await asLead.get('/api/v1/approvals')).body.items;
    expect(inbox[0]).toMatchObject({ id: offerId, requestedBy: { id: lead.id }, canDecide: false });
    expect(inbox[0].reasons).toEqual(['above the case budget']);
    expect(ok(await asLead2.get('/api/v1/approvals')).body.items[0].canDecide).toBe(true);

    const self = await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'одобряю сам' });
    expect(self.status).toBe(403);
    expect(self.headers.get('content-type')).toContain('application/problem+json');
    expect((await asLead.event(c.id, { type: 'APPROVE_OFFER', comment: 'одобряю сам' })).status).toBe(403);
    expect((await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'reject', comment: 'отклоняю сам' })).status).toBe(403);
    expect((await getCase(asLead, c.id)).state).toBe('compensate.awaitingApproval');

    const byOther = ok(await asLead2.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Дорогая вещь, согласую' }));
    expect(byOther.body.state).toBe('compensate.offered');
    // Without a value the requested amount is approved.
    expect(byOther.body.offer.approved).toEqual(rub(1_500_000));
    const approvedRow = entriesOf(byOther.body, offerId).find((l) => l.entry === 'approved');
    expect(approvedRow?.by.id).toBe(lead2.id);
  });
});

describe('a rejected offer', () => {
  it('returns the case to choosing with a rejected ledger entry, and a new offer can follow', async () => {
    const c = await caseInChoosing('property-damage');
    const { offerId } = await offerAwaitingApproval(c.id);

    const badReject = await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'reject', value: rub(1000), comment: 'нет' });
    expect(badReject.status).toBe(400);

    const rejected = ok(await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'reject', comment: 'Слишком много, предложите ремонт' }));
    expect(rejected.body.state).toBe('compensate.choosing');
    expect(rejected.body.offer).toBeNull();
    const rows = entriesOf(rejected.body, offerId);
    expect(kinds(rows)).toEqual(['offered', 'approvalRequested', 'rejected']);
    expect(rows[2]).toMatchObject({ by: { id: lead.id }, note: 'Слишком много, предложите ремонт', value: null });
    expect(rejected.body.spent).toEqual(rub(0));
    expect(ok(await asLead.get('/api/v1/approvals')).body.items).toEqual([]);

    // The decided request cannot be decided again.
    const again = await asLead2.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'передумали' });
    expect(again.status).toBe(409);

    const next = ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'extraService', value: rub(40_000) }));
    expect(next.body.state).toBe('compensate.offered');
    expect(next.body.offer.id).not.toBe(offerId);
  });
});

describe('paying once', () => {
  async function caseInAccepted() {
    const c = await caseInChoosing('property-damage');
    ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    ok(await asHandler.event(c.id, { type: 'CUSTOMER_ACCEPTED' }));
    return c.id;
  }

  it('two ISSUE requests at once: one pays, the other is refused with 409', async () => {
    const id = await caseInAccepted();
    const replies = await Promise.all([asHandler.event(id, { type: 'ISSUE' }), asHandler.event(id, { type: 'ISSUE' })]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = replies.find((r) => r.status === 409);
    expect(loser?.headers.get('content-type')).toContain('application/problem+json');

    const ledger = await ledgerOfCase(server.engine.store.db, id);
    expect(ledger.filter((l) => l.entry === 'issued')).toHaveLength(1);
    const c = await getCase(asHandler, id);
    expect(c.spent).toEqual(rub(50_000));
    expect(c.state).toBe('followUp');

    // A third try later is refused too.
    expect((await asHandler.event(id, { type: 'ISSUE' })).status).toBe(409);
    expect((await ledgerOfCase(server.engine.store.db, id)).filter((l) => l.entry === 'issued')).toHaveLength(1);
  });

  it('ISSUE retried with the same Idempotency-Key, at once and later, replays the first outcome', async () => {
    const id = await caseInAccepted();
    const key = { 'idempotency-key': `issue-${id}` };
    const replies = await Promise.all([asHandler.event(id, { type: 'ISSUE' }, key), asHandler.event(id, { type: 'ISSUE' }, key)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
    for (const r of replies) expect(r.body.spent).toEqual(rub(50_000));

    const retry = await asHandler.event(id, { type: 'ISSUE' }, key);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.spent).toEqual(rub(50_000));

    const ledger = await ledgerOfCase(server.engine.store.db, id);
    expect(ledger.filter((l) => l.entry === 'issued')).toHaveLength(1);
    expect((await loadCase(server.engine.store.db, id))?.spent).toEqual(rub(50_000));

    // The same key on another case is a different request.
    const other = await caseInAccepted();
    expect((await asHandler.event(other, { type: 'ISSUE' }, key)).status).toBe(422);
    expect((await ledgerOfCase(server.engine.store.db, other)).filter((l) => l.entry === 'issued')).toHaveLength(0);
  });
});

describe('concurrent decisions', () => {
  it('an approval and a rejection by two leads at once: exactly one decision is recorded', async () => {
    const c = await caseInChoosing('property-damage');
    const { offerId } = await offerAwaitingApproval(c.id);
    const replies = await Promise.all([
      asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(300_000), comment: 'Согласую 3000 ₽' }),
      asLead2.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'reject', comment: 'Не согласую' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);

    const decisions = (await ledgerOfCase(server.engine.store.db, c.id)).filter(
      (l) => l.offerId === offerId && (l.entry === 'approved' || l.entry === 'rejected'),
    );
    expect(decisions).toHaveLength(1);
    const approveWon = replies[0]?.status === 200;
    expect(decisions[0]?.entry).toBe(approveWon ? 'approved' : 'rejected');
    expect(decisions[0]?.actorId).toBe(approveWon ? lead.id : lead2.id);
    expect((await getCase(asLead, c.id)).state).toBe(approveWon ? 'compensate.offered' : 'compensate.choosing');
  });

  it('two approvals at once: one is applied, the other refused', async () => {
    const c = await caseInChoosing('property-damage');
    const { offerId } = await offerAwaitingApproval(c.id);
    const replies = await Promise.all([
      asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(200_000), comment: 'Согласую 2000 ₽' }),
      asLead2.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(400_000), comment: 'Согласую 4000 ₽' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const approvals = (await ledgerOfCase(server.engine.store.db, c.id)).filter((l) => l.offerId === offerId && l.entry === 'approved');
    expect(approvals).toHaveLength(1);
    const winner = replies.find((r) => r.status === 200);
    expect(winner?.body.offer.approved).toEqual(approvals[0]?.value);
  });
});

describe('offer validation', () => {
  it('refuses an offer in another currency than the case, and a discount without its percent', async () => {
    const c = await caseInChoosing('property-damage');
    const eur = await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: { minor: 1000, currency: 'EUR' } });
    expect(eur.status).toBe(400);
    expect(eur.headers.get('content-type')).toContain('application/problem+json');
    expect(eur.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'value.currency' })]));

    const discount = await asHandler.event(c.id, { type: 'OFFER', kind: 'discount', value: rub(30_000) });
    expect(discount.status).toBe(400);
    expect(discount.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'percent' })]));

    const zero = await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(0) });
    expect(zero.status).toBe(400);
    const fractional = await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: { minor: 100.5, currency: 'RUB' } });
    expect(fractional.status).toBe(400);

    // Nothing changed: same version, no ledger rows.
    const after = await getCase(asHandler, c.id);
    expect(after.version).toBe(c.version);
    expect(after.state).toBe('compensate.choosing');
    expect(after.ledger).toEqual([]);

    const good = ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'discount', percent: 15, value: rub(30_000) }));
    expect(good.body.state).toBe('compensate.offered');
    expect(good.body.offer).toMatchObject({ kind: 'discount', percent: 15, value: rub(30_000) });
  });

  it('refuses an approval in another currency than the case', async () => {
    const c = await caseInChoosing('property-damage');
    const { offerId } = await offerAwaitingApproval(c.id);
    const r = await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: { minor: 1000, currency: 'USD' }, comment: 'ok' });
    expect(r.status).toBe(400);
    expect((await getCase(asLead, c.id)).state).toBe('compensate.awaitingApproval');
  });
});

describe('the team monthly budget', () => {
  it('is set by an admin, shows what was spent, and an offer above what remains needs approval', async () => {
    expect((await asLead.put('/api/v1/budget', rub(80_000))).status).toBe(403);
    expect((await asHandler.put('/api/v1/budget', rub(80_000))).status).toBe(403);
    expect((await asHandler.get('/api/v1/budget')).status).toBe(403);
    expect((await asAdmin.put('/api/v1/budget', { minor: -1, currency: 'RUB' })).status).toBe(400);

    const set = ok(await asAdmin.put('/api/v1/budget', rub(80_000)));
    expect(set.body).toMatchObject({ month: '2026-11', budget: rub(80_000), spent: rub(0), remaining: rub(80_000) });

    const first = await caseInChoosing('property-damage');
    const offered = ok(await asHandler.event(first.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    expect(offered.body.state).toBe('compensate.offered');
    await acceptAndIssue(first.id);

    const budget = ok(await asLead.get('/api/v1/budget')).body;
    expect(budget).toMatchObject({ budget: rub(80_000), issued: rub(50_000), spent: rub(50_000), remaining: rub(30_000) });

    // 500 ₽ is within the handler's 1000 ₽ limit and the case's 10 000 ₽, but only 300 ₽ of the month remains.
    const second = await caseInChoosing('property-damage', {}, { id: 'cust-2' });
    const waiting = ok(await asHandler.event(second.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    expect(waiting.body.state).toBe('compensate.awaitingApproval');
    const inbox = ok(await asLead.get('/api/v1/approvals')).body.items;
    expect(inbox).toHaveLength(1);
    expect(inbox[0].caseId).toBe(second.id);
    expect(inbox[0].reasons).toEqual(['above the team’s monthly budget']);

    // Within what remains it goes straight out.
    ok(await asLead.post(`/api/v1/approvals/${inbox[0].id}/decision`, { decision: 'reject', comment: 'Бюджет месяца исчерпан' }));
    const small = ok(await asHandler.event(second.id, { type: 'OFFER', kind: 'credit', value: rub(30_000) }));
    expect(small.body.state).toBe('compensate.offered');
  });
});

describe('handler limits', () => {
  it('an admin changing a handler limit changes whether the same offer needs approval', async () => {
    expect((await asLead.patch(`/api/v1/users/${handler.id}`, { limit: rub(20_000) })).status).toBe(403);
    expect((await asHandler.patch(`/api/v1/users/${handler.id}`, { limit: rub(10_000_000) })).status).toBe(403);
    expect((await asAdmin.patch('/api/v1/users/usr_nobody', { limit: rub(20_000) })).status).toBe(404);

    const lowered = ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { limit: rub(20_000) }));
    expect(lowered.body).toMatchObject({ id: handler.id, role: 'handler', limit: rub(20_000) });
    expect(ok(await asHandler.get('/api/v1/me')).body).toMatchObject({ id: handler.id, role: 'handler', limit: rub(20_000) });
    const listed = ok(await asLead.get('/api/v1/users')).body.items.find((u: { id: string }) => u.id === handler.id);
    expect(listed.limit).toEqual(rub(20_000));

    const c = await caseInChoosing('property-damage');
    const { offerId } = await offerAwaitingApproval(c.id, asHandler, rub(50_000));
    expect(ok(await asLead.get('/api/v1/approvals')).body.items[0].reasons).toEqual(['above the personal limit']);
    ok(await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'reject', comment: 'Лимит понижен' }));

    ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { limit: rub(100_000) }));
    const straight = ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    expect(straight.body.state).toBe('compensate.offered');
    ok(await asHandler.event(c.id, { type: 'CUSTOMER_DECLINED', reason: 'Хочет ремонт' }));

    // No limit at all: everything a handler offers goes to a lead.
    ok(await asAdmin.patch(`/api/v1/users/${handler.id}`, { limit: null }));
    await offerAwaitingApproval(c.id, asHandler, rub(100));
    expect(ok(await asLead.get('/api/v1/approvals')).body.items[0].reasons).toEqual(['no personal limit']);
  });
});

describe('recovery and the compensation report', () => {
  it('charges 30% of the job back to a provider 45 minutes late, and reports issued, recovered and net', async () => {
    // A VIP customer doubles the late-arrival budget to 2000 ₽; a lead (no personal limit) offers it all.
    const c = await caseInChoosing('late-arrival', { executorId: 'exec-7' }, { tier: 'vip' });
    expect(c.budget).toEqual(rub(200_000));
    const offered = ok(await asLead.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(200_000) }));
    expect(offered.body.state).toBe('compensate.offered');

    // Nothing issued yet: nothing to recover.
    // Charging the executor is a lead's decision.
    expect((await asLead.event(c.id, { type: 'RECORD_RECOVERY', executorId: 'exec-7', jobValue: rub(400_000), lateMinutes: 45 })).status).toBe(409);
    await acceptAndIssue(c.id);

    const recovered = ok(await asLead.event(c.id, { type: 'RECORD_RECOVERY', executorId: 'exec-7', jobValue: rub(400_000), lateMinutes: 45 }));
    const row = (recovered.body.ledger as LedgerRow[]).find((l) => l.entry === 'recovered');
    expect(row).toMatchObject({ value: rub(120_000), executorId: 'exec-7' });
    expect(recovered.body.recovered).toEqual(rub(120_000));
    // Recovery does not change what the case spent on the customer.
    expect(recovered.body.spent).toEqual(rub(200_000));

    expect((await asHandler.get('/api/v1/reports/compensation')).status).toBe(403);
    const report = ok(await asLead.get('/api/v1/reports/compensation')).body;
    const line = report.items.find((i: { scenario: string }) => i.scenario === 'late-arrival');
    expect(line).toMatchObject({ currency: 'RUB', issuedCount: 1, issued: rub(200_000), recovered: rub(120_000), reverted: rub(0) });
    expect(line.net.minor).toBe(line.issued.minor - line.recovered.minor);
    expect(line.net).toEqual(rub(80_000));

    const csv = await asLead.get('/api/v1/reports/compensation', { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(typeof csv.body).toBe('string');
    const lines = (csv.body as string).trim().split(/\r?\n/);
    const header = lines[0]?.split(',') ?? [];
    expect(header).toEqual(expect.arrayContaining(['scenario', 'currency', 'issued', 'recovered', 'net']));
    const cells = lines.slice(1).map((l) => l.split(','));
    const csvRow = cells.find((r) => r[header.indexOf('scenario')] === 'late-arrival');
    expect(csvRow).toBeDefined();
    // Amounts in major units of the row's currency.
    const cell = (name: string) => csvRow?.[header.indexOf(name)];
    expect(cell('currency')).toBe('RUB');
    expect(cell('issued')).toBe('2000.00');
    expect(cell('recovered')).toBe('1200.00');
    expect(cell('net')).toBe('800.00');

    // A period with no compensation: no items, and the CSV still starts with its header row.
    const empty = ok(await asLead.get('/api/v1/reports/compensation?from=2026-01-01&to=2026-02-01')).body;
    expect(empty.items).toEqual([]);
    const emptyCsv = await asLead.get('/api/v1/reports/compensation?from=2026-01-01&to=2026-02-01', { accept: 'text/csv' });
    expect(emptyCsv.status).toBe(200);
    expect((emptyCsv.body as string).trim().split(/\r?\n/)).toEqual([lines[0]]);
  });

  it('charges 10% for lateness up to 30 minutes', async () => {
    const c = await caseInChoosing('late-arrival');
    ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    await acceptAndIssue(c.id);
    const r = ok(await asLead.event(c.id, { type: 'RECORD_RECOVERY', executorId: 'exec-9', jobValue: rub(400_000), lateMinutes: 20 }));
    expect((r.body.ledger as LedgerRow[]).find((l) => l.entry === 'recovered')?.value).toEqual(rub(40_000));
  });
});

describe('reverting an issued compensation', () => {
  it('is for leads, records a reverted entry, gives the money back to the budget, and happens once', async () => {
    const c = await caseInChoosing('property-damage');
    const offered = ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'refund', value: rub(50_000) }));
    const offerId: string = offered.body.offer.id;
    await acceptAndIssue(c.id);

    expect((await asHandler.event(c.id, { type: 'REVERT', reason: 'Платёж вернулся' })).status).toBe(403);
    const reverted = ok(await asLead.event(c.id, { type: 'REVERT', reason: 'Платёж вернулся' }));
    const rows = entriesOf(reverted.body, offerId).filter((l) => l.entry === 'reverted');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: rub(50_000), by: { id: lead.id }, note: 'Платёж вернулся' });
    expect(reverted.body.spent).toEqual(rub(0));
    expect(reverted.body.remaining).toEqual(rub(1_000_000));

    const second = await asLead.event(c.id, { type: 'REVERT', reason: 'Ещё раз' });
    expect(second.status).toBe(409);
    expect((await ledgerOfCase(server.engine.store.db, c.id)).filter((l) => l.entry === 'reverted')).toHaveLength(1);
    expect((await getCase(asLead, c.id)).spent).toEqual(rub(0));

    const budget = ok(await asLead.get('/api/v1/budget')).body;
    expect(budget).toMatchObject({ issued: rub(50_000), reverted: rub(50_000), spent: rub(0) });
    const line = ok(await asLead.get('/api/v1/reports/compensation')).body.items.find((i: { scenario: string }) => i.scenario === 'property-damage');
    expect(line).toMatchObject({ issued: rub(50_000), reverted: rub(50_000), net: rub(0) });
  });
});

describe('promises not yet paid out', () => {
  it('count against the team budget as committed, so two offers cannot together overspend the month', async () => {
    ok(await asAdmin.put('/api/v1/budget', rub(80_000)));
    const a = await caseInChoosing('property-damage');
    expect(ok(await asHandler.event(a.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) })).body.state).toBe('compensate.offered');
    expect(ok(await asLead.get('/api/v1/budget')).body).toMatchObject({ spent: rub(0), committed: rub(50_000), remaining: rub(30_000) });

    const b = await caseInChoosing('property-damage', {}, { id: 'cust-2' });
    const second = ok(await asHandler.event(b.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    expect(second.body.state).toBe('compensate.awaitingApproval');

    // Issuing moves the amount from committed to spent; remaining stays the same.
    await acceptAndIssue(a.id);
    expect(ok(await asLead.get('/api/v1/budget')).body).toMatchObject({ spent: rub(50_000), committed: rub(0), remaining: rub(30_000) });
  });

  it('are withdrawn on the record when compensation is skipped', async () => {
    const c = await caseInChoosing('property-damage');
    const offered = ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    const offerId: string = offered.body.offer.id;
    const skipped = ok(await asHandler.event(c.id, { type: 'SKIP_COMPENSATION', reason: 'Клиент отказался от компенсации' }));
    expect(skipped.body.state).toBe('followUp');
    expect(kinds(entriesOf(skipped.body, offerId))).toEqual(['offered', 'approved', 'withdrawn']);
    expect(skipped.body.committed).toEqual(rub(0));
    expect(skipped.body.offer).toBeNull();
  });
});

describe('a lead with a personal limit', () => {
  it('cannot approve above it; a lead without one can', async () => {
    const capped = await addUser(server.engine, 'Лидия Лимитова', 'lead', rub(200_000));
    const c = await caseInChoosing('property-damage');
    const { offerId } = await offerAwaitingApproval(c.id);
    const refused = await client(server.url, capped.token).post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', comment: 'Одобряю' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('approval limit');
    expect((await getCase(asLead, c.id)).state).toBe('compensate.awaitingApproval');
    // Within the capped lead's limit it may approve a smaller amount.
    const approved = ok(await client(server.url, capped.token).post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(150_000), comment: '1500 ₽' }));
    expect(approved.body.offer.approved).toEqual(rub(150_000));
  });
});

describe('recovery from the executor', () => {
  it('is recorded once per payout and never above what was paid out', async () => {
    const c = await caseInChoosing('late-arrival');
    ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    await acceptAndIssue(c.id);
    const tooMuch = await asLead.event(c.id, { type: 'RECORD_RECOVERY', executorId: 'exec-1', amount: rub(60_000) });
    expect(tooMuch.status).toBe(400);
    ok(await asLead.event(c.id, { type: 'RECORD_RECOVERY', executorId: 'exec-1', amount: rub(20_000) }));
    const again = await asLead.event(c.id, { type: 'RECORD_RECOVERY', executorId: 'exec-1', amount: rub(20_000) });
    expect(again.status).toBe(409);
    expect((await ledgerOfCase(server.engine.store.db, c.id)).filter((l) => l.entry === 'recovered')).toHaveLength(1);
  });
});

describe('what an approval and an offer may say', () => {
  it('an approval may lower the amount requested but never raise it', async () => {
    const c = await caseInChoosing('property-damage');
    const { offerId } = await offerAwaitingApproval(c.id);
    const raised = await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(500_001), comment: 'больше' });
    expect(raised.status).toBe(400);
    expect((await getCase(asLead, c.id)).state).toBe('compensate.awaitingApproval');
    const huge = await asLead.post(`/api/v1/approvals/${offerId}/decision`, { decision: 'approve', value: rub(9_007_199_254_740_991), comment: 'огромная сумма' });
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0].path).toBe('value.minor');
  });

  it("a discount deeper than the playbook suggests needs a lead, whatever value the handler puts on it", async () => {
    const c = await caseInChoosing('late-arrival');
    const deep = ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'discount', percent: 100, value: rub(1) }));
    expect(deep.body.state).toBe('compensate.awaitingApproval');
    const inbox = ok(await asLead.get('/api/v1/approvals')).body.items;
    expect(inbox[0].reasons).toEqual(['discount above 20%']);
  });
});
