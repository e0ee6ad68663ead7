import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { Running } from '../../src/server.js';
import { readJournal } from '../../src/store/journal.js';
import { outboxOfCase } from '../../src/store/outbox.js';
import { addUser, client, customer, FakeClock, HOUR, recordingDeliverer, rub, startTestServer, testConfig, type TestUser } from '../helpers.js';

const servers: Running[] = [];

afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.close();
});

async function serve(config: Config, clock: FakeClock, deliver = recordingDeliverer()): Promise<{ running: Running; deliver: typeof deliver }> {
  const running = await startTestServer({ config, clock, deliver });
  servers.push(running);
  return { running, deliver };
}

/** Close one server and forget it, as a process that stopped would. */
async function stop(running: Running): Promise<void> {
  servers.splice(servers.indexOf(running), 1);
  await running.close();
}

async function openLateArrival(running: Running, user: TestUser): Promise<string> {
  const res = await client(running.url, user.token).post('/api/v1/cases', {
    customer: customer(),
    channel: 'phone',
    description: 'Клинер опоздал на час',
    scenario: 'late-arrival',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** A server on a fresh database with a handler who opened a late-arrival case: the prologue of most tests here. */
async function caseOpened(limit = rub(100_000)) {
  const clock = new FakeClock();
  const config = testConfig();
  const first = await serve(config, clock);
  const handler = await addUser(first.running.engine, 'Анна Смирнова', 'handler', limit);
  const caseId = await openLateArrival(first.running, handler);
  return { clock, config, first, handler, caseId };
}

type Sent = ReturnType<typeof recordingDeliverer>['sent'];
const slackAlerts = (sent: Sent, caseId: string) => sent.filter((m) => m.topic === 'slack' && m.payload.caseId === caseId).map((m) => m.payload);

describe('deadlines across a restart', () => {
  it('escalates a case whose apologize deadline passed while the server was down, exactly once', async () => {
    const { clock, config, first, handler, caseId } = await caseOpened();
    await stop(first.running);

    clock.advance(3 * HOUR);
    const { running, deliver } = await serve(config, clock);
    await running.worker!.tick();

    const api = client(running.url, handler.token);
    const c = (await api.get(`/api/v1/cases/${caseId}`)).body;
    expect(c).toMatchObject({ state: 'apologize', status: 'open', escalated: true, breaching: true, breaches: ['apologize'], version: 2 });

    const missed = (await api.get(`/api/v1/cases/${caseId}/timeline`)).body.items.filter((i: { type: string }) => i.type === 'DEADLINE_MISSED');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ version: 2, by: { id: 'system', role: 'system', name: 'Amends' }, payload: { step: 'apologize' } });

    expect(slackAlerts(deliver.sent, caseId)).toEqual([expect.objectContaining({ kind: 'deadlineMissed', step: 'apologize' })]);
    expect((await outboxOfCase(running.engine.store.db, caseId)).map((m) => m.status)).toEqual(['delivered']);

    // Breaching cases are what a lead filters on.
    const lead = await addUser(running.engine, 'Ольга Лидова', 'lead');
    const breaching = await client(running.url, lead.token).get('/api/v1/cases?breaching=true');
    expect(breaching.body.items.map((i: { id: string }) => i.id)).toEqual([caseId]);

    await running.worker!.tick();
    clock.advance(HOUR);
    await running.worker!.tick();
    expect((await readJournal(running.engine.store.db, caseId)).map((e) => e.type)).toEqual(['OPENED', 'DEADLINE_MISSED']);
    expect(slackAlerts(deliver.sent, caseId)).toHaveLength(1);
  });

  it('does not fire the same timer again after a second restart', async () => {
    const { clock, config, first, handler, caseId } = await caseOpened();
    await stop(first.running);

    clock.advance(3 * HOUR);
    const second = await serve(config, clock);
    await second.running.worker!.tick();
    expect(slackAlerts(second.deliver.sent, caseId)).toHaveLength(1);
    await stop(second.running);

    const third = await serve(config, clock);
    await third.running.worker!.tick();
    expect(third.deliver.sent).toEqual([]);
    expect((await readJournal(third.running.engine.store.db, caseId)).filter((e) => e.type === 'DEADLINE_MISSED')).toHaveLength(1);
  });

  it('leaves a case alone when its deadline has not yet passed at restart', async () => {
    const { clock, config, first, handler, caseId } = await caseOpened();
    await stop(first.running);

    clock.advance(HOUR + 59 * 60_000);
    const { running, deliver } = await serve(config, clock);
    await running.worker!.tick();
    const c = (await client(running.url, handler.token).get(`/api/v1/cases/${caseId}`)).body;
    expect(c).toMatchObject({ version: 1, escalated: false, breaching: false, breaches: [] });
    expect(deliver.sent).toEqual([]);
  });

  it('does not escalate a step that was done in time, even when its old deadline passes later', async () => {
    const { clock, config, first, handler, caseId } = await caseOpened();
    clock.advance(HOUR);
    const apologized = await client(first.running.url, handler.token).event(caseId, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' });
    expect(apologized.status).toBe(200);
    await stop(first.running);

    clock.advance(3 * HOUR);
    const { running } = await serve(config, clock);
    await running.worker!.tick();
    const c = (await client(running.url, handler.token).get(`/api/v1/cases/${caseId}`)).body;
    expect(c).toMatchObject({ state: 'explain', version: 2, breaching: false, breaches: [] });
    expect(c.deadlines.map((d: { step: string }) => d.step).sort()).toEqual(['explain', 'overall']);
  });

  it('delivers after a restart an alert that was committed but not yet sent when the server stopped', async () => {
    const clock = new FakeClock();
    const config = testConfig();
    const first = await serve(config, clock);
    const handler = await addUser(first.running.engine, 'Анна Смирнова', 'handler', rub(100_000));
    const res = await client(first.running.url, handler.token).post('/api/v1/cases', {
      customer: customer(),
      channel: 'phone',
      description: 'Исполнитель нагрубил',
      scenario: 'rude-staff',
    });
    expect(res.body.state).toBe('personalCall');
    const caseId: string = res.body.id;
    await stop(first.running);
    expect(first.deliver.sent).toEqual([]);

    const { running, deliver } = await serve(config, clock);
    await running.worker!.tick();
    expect(slackAlerts(deliver.sent, caseId)).toEqual([expect.objectContaining({ kind: 'conflict' })]);
    expect(deliver.sent[0]?.id).toBe(`${caseId}:1:0`);
    // The customer's "we will call you" note went out in the same sweep; a second sweep sends nothing again.
    expect(deliver.sent.filter((m) => m.topic === 'customer').map((m) => m.payload.purpose)).toEqual(['callNote']);
    await running.worker!.tick();
    expect(deliver.sent).toHaveLength(2);
  });

  it('alerts the leads when an approval request waits past its PT4H deadline across a restart', async () => {
    const { clock, config, first, handler, caseId } = await caseOpened(rub(10_000));
    const api = client(first.running.url, handler.token);
    expect((await api.event(caseId, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' })).status).toBe(200);
    expect((await api.event(caseId, { type: 'EXPLAIN', cause: 'пробка', prevention: 'выезжаем раньше', text: 'Мы опоздали' })).status).toBe(200);
    const offered = await api.event(caseId, { type: 'OFFER', kind: 'credit', value: rub(50_000) });
    expect(offered.body.state).toBe('compensate.awaitingApproval');
    await first.running.worker!.tick();
    expect(slackAlerts(first.deliver.sent, caseId)).toEqual([expect.objectContaining({ kind: 'approvalRequested' })]);
    await stop(first.running);

    clock.advance(5 * HOUR);
    const { running, deliver } = await serve(config, clock);
    await running.worker!.tick();

    const alerts = slackAlerts(deliver.sent, caseId);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'deadlineMissed', step: 'approval' })]);
    const lead = await addUser(running.engine, 'Ольга Лидова', 'lead');
    const c = (await client(running.url, lead.token).get(`/api/v1/cases/${caseId}`)).body;
    expect(c).toMatchObject({ state: 'compensate.awaitingApproval', escalated: true, breaching: true, breaches: ['approval'] });

    // The lead can still decide once the alert has gone out.
    const approvals = await client(running.url, lead.token).get('/api/v1/approvals');
    expect(approvals.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseId]);

    await running.worker!.tick();
    expect(slackAlerts(deliver.sent, caseId)).toHaveLength(1);
  });
});
