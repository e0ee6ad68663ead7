/**
 * Charging the executor is a lead's decision: a handler proposes it (journaled, leads alerted),
 * a lead records it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { ledgerOfCase } from '../../src/store/ledger.js';
import { outboxOfCase } from '../../src/store/outbox.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type Reply, ok } from '../helpers.js';

type Client = ReturnType<typeof client>;

let server: Running;
let asLead: Client;
let asHandler: Client;
let asOtherHandler: Client;

beforeEach(async () => {
  server = await startTestServer({ clock: new FakeClock() });
  asLead = client(server.url, (await addUser(server.engine, 'Лена Лидова', 'lead')).token);
  asHandler = client(server.url, (await addUser(server.engine, 'Ханна', 'handler', rub(100_000))).token);
  asOtherHandler = client(server.url, (await addUser(server.engine, 'Хельга', 'handler', rub(100_000))).token);
});

afterEach(async () => {
  await server.close();
});

async function caseWithIssuedCredit(): Promise<string> {
  const opened = ok(await asHandler.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали на 40 минут', scenario: 'late-arrival', executorId: 'exec-7' }), 201);
  const id: string = opened.body.id;
  ok(await asHandler.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' }));
  ok(await asHandler.event(id, { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Запас времени', text: 'Мы виноваты.' }));
  expect((await asHandler.event(id, { type: 'PROPOSE_RECOVERY', executorId: 'exec-7', amount: rub(10_000) })).status).toBe(409);
  ok(await asHandler.event(id, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
  ok(await asHandler.event(id, { type: 'CUSTOMER_ACCEPTED' }));
  ok(await asHandler.event(id, { type: 'ISSUE' }));
  return id;
}

describe('recovery from the executor', () => {
  it('refuses RECORD_RECOVERY from a handler with 403 and records nothing', async () => {
    const id = await caseWithIssuedCredit();
    const r = await asHandler.event(id, { type: 'RECORD_RECOVERY', executorId: 'exec-7', amount: rub(10_000) });
    expect(r.status).toBe(403);
    expect((await ledgerOfCase(server.engine.store.db, id)).some((l) => l.entry === 'recovered')).toBe(false);
    const view = ok(await asHandler.get(`/api/v1/cases/${id}`)).body;
    const allowed = (view.allowedEvents as Array<{ type: string }>).map((e) => e.type);
    expect(allowed).toContain('PROPOSE_RECOVERY');
    expect(allowed).not.toContain('RECORD_RECOVERY');
  });

  it('lets the owner handler propose it: journaled, the leads alerted, no money recorded', async () => {
    const id = await caseWithIssuedCredit();
    const proposed = ok(await asHandler.event(id, { type: 'PROPOSE_RECOVERY', executorId: 'exec-7', jobValue: rub(100_000), lateMinutes: 40, note: 'опоздал' }));
    expect(proposed.body.recovered).toEqual(rub(0));

    const timeline = ok(await asHandler.get(`/api/v1/cases/${id}/timeline`)).body.items as Array<{ type: string; payload: Record<string, unknown> }>;
    // The scenario rule is applied already, so the lead sees the amount proposed.
    expect(timeline.at(-1)).toMatchObject({ type: 'PROPOSE_RECOVERY', payload: { executorId: 'exec-7', amount: rub(30_000), note: 'опоздал' } });
    const alerts = (await outboxOfCase(server.engine.store.db, id)).filter((m) => m.topic === 'slack').map((m) => m.payload as { kind: string; reason: string });
    expect(alerts.at(-1)?.kind).toBe('recoveryProposed');
    expect(alerts.at(-1)?.reason).toContain('exec-7');
    expect((await ledgerOfCase(server.engine.store.db, id)).some((l) => l.entry === 'recovered')).toBe(false);

    // Another handler may not propose on a case that is not theirs; the lead decides.
    expect((await asOtherHandler.event(id, { type: 'PROPOSE_RECOVERY', executorId: 'exec-7', amount: rub(1) })).status).toBe(404);
    const recorded = ok(await asLead.event(id, { type: 'RECORD_RECOVERY', executorId: 'exec-7', amount: rub(30_000) }));
    expect(recorded.body.recovered).toEqual(rub(30_000));
  });

  it('refuses a proposal above what was paid out', async () => {
    const id = await caseWithIssuedCredit();
    expect((await asHandler.event(id, { type: 'PROPOSE_RECOVERY', executorId: 'exec-7', amount: rub(60_000) })).status).toBe(400);
  });
});
