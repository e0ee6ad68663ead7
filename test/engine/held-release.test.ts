import { afterEach, describe, expect, it } from 'vitest';
import type { Deliver } from '../../src/alerts/deliver.js';
import type { Config } from '../../src/config.js';
import type { Running } from '../../src/server.js';
import { outboxOfCase } from '../../src/store/outbox.js';
import { addUser, client, customer, FakeClock, HOUR, recordingDeliverer, rub, startTestServer, testConfig } from '../helpers.js';

const servers: Running[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.close();
});

/** No webhook yet: the real deliverer holds every message. */
const noWebhook: Deliver = async (m) => ({ status: 'held', why: `no webhook configured for ${m.topic} messages` });

async function serve(config: Config, clock: FakeClock, deliver: Deliver): Promise<Running> {
  const running = await startTestServer({ config, clock, deliver });
  servers.push(running);
  return running;
}

describe('releasing held messages when webhooks are configured', () => {
  it('sends what still fits each case and expires the rest, counting them', async () => {
    const clock = new FakeClock();
    const config = testConfig();
    const first = await serve(config, clock, noWebhook);
    const handler = await addUser(first.engine, 'Анна Смирнова', 'handler', rub(100_000));
    const lead = await addUser(first.engine, 'Ольга Лидова', 'lead');
    const api = client(first.url, handler.token);
    const asLead = client(first.url, lead.token);
    const ok = async (p: Promise<{ status: number; body: unknown }>) => expect((await p).status, JSON.stringify((await p).body)).toBeLessThan(300);
    const open = async (over: Record<string, unknown> = {}) => (await api.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival', ...over })).body.id as string;

    // A case walked to the end and closed as lost, every message to the customer held.
    const closed = await open();
    await ok(api.event(closed, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' }));
    await ok(api.event(closed, { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Выезд раньше', text: 'Объясняем' }));
    await ok(api.event(closed, { type: 'OFFER', kind: 'credit', value: rub(50_000) }));
    await ok(api.event(closed, { type: 'CUSTOMER_ACCEPTED' }));
    await ok(api.event(closed, { type: 'ISSUE' }));
    await ok(api.event(closed, { type: 'FOLLOW_UP', text: 'Всё ли хорошо?' }));
    await ok(asLead.event(closed, { type: 'CLOSE_LOST', reason: 'ушёл к конкурентам' }));

    // An offer above the handler's limit, approved by a lead minutes later: the request is moot, the offer is not.
    const approved = await open({ customer: customer({ id: 'cust-2' }) });
    await ok(api.event(approved, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' }));
    await ok(api.event(approved, { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Выезд раньше', text: 'Объясняем' }));
    await ok(api.event(approved, { type: 'OFFER', kind: 'credit', value: rub(300_000) }));
    clock.advance(5 * 60_000);
    await ok(asLead.event(approved, { type: 'APPROVE_OFFER', value: rub(200_000), comment: 'Справедливо' }));

    // A conflict case whose call was logged: its conflict alert is moot.
    const conflict = await open({ customer: customer({ id: 'cust-3' }), tone: 'conflict' });
    await ok(api.event(conflict, { type: 'CALL_LOGGED', summary: 'Поговорили, клиент успокоился' }));

    await first.worker!.tick();
    const statuses = async (running: Running, id: string) => (await outboxOfCase(running.engine.store.db, id)).map((m) => m.status);
    expect(await statuses(first, closed)).toEqual(['held', 'held', 'held', 'held']);
    servers.splice(servers.indexOf(first), 1);
    await first.close();

    clock.advance(HOUR);
    const deliver = recordingDeliverer();
    const second = await serve({ ...config, slackWebhookUrl: 'https://hooks.example/slack', messagesWebhookUrl: 'https://gateway.example/messages' }, clock, deliver);
    await second.worker!.tick();

    const sent = (id: string) => deliver.sent.filter((m) => m.payload.caseId === id).map((m) => `${m.topic}:${String(m.payload.purpose ?? m.payload.kind)}`);
    expect(sent(closed)).toEqual([]);
    expect(await statuses(second, closed)).toEqual(['expired', 'expired', 'expired', 'expired']);
    // The customer still gets the approval outcome (and apology, explanation: the case is open, all fresh).
    expect(sent(approved).sort()).toEqual(['customer:apology', 'customer:approval', 'customer:explanation']);
    expect(sent(conflict)).toEqual([]);
    const outbox = await outboxOfCase(second.engine.store.db, approved);
    expect(outbox.find((m) => m.payload.kind === 'approvalRequested')).toMatchObject({ status: 'expired', lastError: 'expired: the offer no longer awaits approval' });

    const metrics = (await client(second.url).get('/metrics')).body as string;
    expect(metrics).toMatch(/^amends_outbox_messages\{status="expired"\} 7$/m);
    expect(metrics).toMatch(/^amends_outbox_messages\{status="held"\} 0$/m);
  });
});
