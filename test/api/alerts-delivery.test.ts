import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpDeliverer } from '../../src/alerts/deliver.js';
import type { Config } from '../../src/config.js';
import type { Running } from '../../src/server.js';
import { outboxOfCase } from '../../src/store/outbox.js';
import { addUser, client, customer, FakeClock, HOUR, startTestServer, testConfig } from '../helpers.js';
import { FarEnd, INTAKE_SECRET, signedPost } from '../far-end.js';

const EVENTS_KEY = Buffer.from('a-team-webhook-signing-key-32by').toString('base64');

const hostile = (orderId: string) => ({
  orderId,
  customer: customer({ id: `cust-${orderId}`, name: 'Борис <!channel>' }),
  overall: 1,
  aspects: { politeness: 1 },
  comment: 'ВЫ ВСЕ ИДИОТЫ!!! <!here> смотрите <https://evil.example|ваш кабинет>',
  ratedAt: '2026-11-25T08:30:00.000Z',
});

describe('alerts and case events delivered through the outbox', () => {
  let slack: FarEnd;
  let events: FarEnd;
  let messages: FarEnd;
  let clock: FakeClock;
  let config: Config;
  let running: Running;
  const start = () =>
    startTestServer({ clock, config, deliver: httpDeliverer(config, { minIntervalMs: 20, timeoutMs: 2000, clock: clock.now }) });
  const rate = (orderId: string) => signedPost(running.url, '/api/v1/intake/ratings', hostile(orderId), { now: clock.now() });
  const slackIds = () => slack.bodies().map((b) => JSON.stringify(b.blocks).match(/amends:([^"]+)/)?.[1]);

  beforeEach(async () => {
    slack = await new FarEnd().start();
    events = await new FarEnd().start();
    messages = await new FarEnd().start();
    clock = new FakeClock();
    config = testConfig({
      intakeSecret: INTAKE_SECRET,
      slackWebhookUrl: slack.url,
      eventsWebhookUrl: events.url,
      messagesWebhookUrl: messages.url,
      eventsWebhookSecret: `whsec_${EVENTS_KEY}`,
      publicUrl: 'https://amends.example',
    });
    running = await start();
  });
  afterEach(async () => {
    await running.close();
    await slack.stop();
    await events.stop();
    await messages.stop();
  });

  it('sends one Block Kit message to Slack for a hostile comment, escaped, with the case link and its lead', async () => {
    const lead = await addUser(running.engine, 'Лидия', 'lead');
    await addUser(running.engine, 'Хэнк', 'handler');
    const res = await rate('ord-1');
    expect(res.body.case).toMatchObject({ tone: 'conflict', ownerId: lead.id, state: 'personalCall' });
    await running.worker?.tick();
    await running.worker?.tick();
    expect(slack.received).toHaveLength(1);
    const msg = slack.bodies()[0];
    expect(msg.text).toContain(res.body.case.ref);
    const blocks = JSON.stringify(msg.blocks);
    expect(blocks).toContain(`<https://amends.example/cases/${res.body.case.id}|${res.body.case.ref}>`);
    expect(blocks).toContain('Конфликт');
    expect(blocks).toContain('Лидия');
    expect(blocks).toContain('Грубость');
    expect(blocks).toContain('ВЫ ВСЕ ИДИОТЫ');
    for (const forbidden of ['<!channel>', '<!here>', '<https://evil.example']) {
      expect(blocks).not.toContain(forbidden);
      expect(msg.text).not.toContain(forbidden);
    }
    expect(slack.received[0]?.headers['idempotency-key']).toBe(slackIds()[0]);
  });

  it('signs case events per Standard Webhooks, one per journal entry', async () => {
    await addUser(running.engine, 'Хэнк', 'handler');
    const res = await rate('ord-2');
    await running.worker?.tick();
    expect(events.received).toHaveLength(1);
    const [hit] = events.received;
    const id = hit?.headers['webhook-id'] as string;
    const ts = hit?.headers['webhook-timestamp'] as string;
    const expected = createHmac('sha256', Buffer.from(EVENTS_KEY, 'base64')).update(`${id}.${ts}.${hit?.body}`).digest('base64');
    expect(hit?.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(id).toBe(`${res.body.case.id}:1:event`);
    expect(JSON.parse(hit?.body ?? '')).toMatchObject({ type: 'case.opened', data: { caseId: res.body.case.id, event: 'OPENED', to: 'personalCall' } });
  });

  it('delivers every alert once after a Slack outage and a restart, none twice', async () => {
    await addUser(running.engine, 'Хэнк', 'handler');
    await slack.stop(); // connection refused
    const opened = [await rate('ord-a'), await rate('ord-b'), await rate('ord-c')];
    await running.worker?.tick();
    expect(slack.hits).toHaveLength(0);

    await slack.start(); // back on the same port, but failing
    slack.answer = () => ({ status: 503 });
    clock.advance(HOUR);
    await running.worker?.tick();
    expect(slack.received).toHaveLength(0);
    expect(slack.hits.length).toBeGreaterThan(0);

    // The process restarts during the outage: the outbox is in the database.
    await running.close();
    slack.answer = () => ({ status: 200 });
    clock.advance(2 * HOUR);
    running = await start();
    await running.worker?.tick();
    await running.worker?.tick();
    clock.advance(2 * HOUR);
    await running.worker?.tick();

    // Each case raised its conflict alert, and (hours later) a missed personal-call deadline.
    const ids = slackIds();
    const rows = (await Promise.all(opened.map((o) => outboxOfCase(running.engine.store.db, o.body.case.id)))).flat().filter((r) => r.topic === 'slack');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    expect([...ids].sort()).toEqual(rows.map((r) => r.id).sort());
    await running.worker?.tick();
    expect(slackIds()).toHaveLength(rows.length);
  });

  it('honours a 429 Retry-After: nothing more is sent before it, then the alert goes out', async () => {
    await addUser(running.engine, 'Хэнк', 'handler');
    let limited = true;
    slack.answer = () => (limited ? { status: 429, headers: { 'retry-after': '30' } } : { status: 200 });
    await rate('ord-r1');
    await rate('ord-r2');
    await running.worker?.tick();
    expect(slack.hits).toHaveLength(1);
    limited = false;
    clock.advance(20_000);
    await running.worker?.tick();
    expect(slack.hits).toHaveLength(1);
    clock.advance(11_000);
    await running.worker?.tick();
    expect(slack.received).toHaveLength(2);
    expect(new Set(slackIds()).size).toBe(2);
  });

  it('keeps customer messages flowing while Slack is down, and postpones the Slack backlog together', async () => {
    const handler = await addUser(running.engine, 'Хэнк', 'handler');
    await slack.stop();
    await rate('ord-s1');
    await rate('ord-s2');
    const late = await signedPost(running.url, '/api/v1/intake/ratings', { ...hostile('ord-s3'), comment: 'Опоздали', aspects: { punctuality: 2 } }, { now: clock.now() });
    await client(running.url, handler.token).event(late.body.case.id, { type: 'APOLOGIZE', channel: 'email', text: 'Простите за опоздание' });
    await running.worker?.tick();
    // Conflict cases also sent their "we will call you" notes; the apology went out in the handler's words.
    expect(messages.bodies().filter((b) => b.purpose === 'apology')).toMatchObject([{ purpose: 'apology', body: 'Простите за опоздание' }]);
    expect(messages.bodies().filter((b) => b.purpose === 'callNote').length).toBeGreaterThan(0);
    const pending = (await running.engine.store.db.selectFrom('outbox').select(['next_attempt_at']).where('topic', '=', 'slack').where('status', '=', 'pending').execute()).map((r) => r.next_attempt_at);
    expect(pending).toHaveLength(2);
    expect(pending.every((at) => at > clock.now().toISOString())).toBe(true);
  });

  it('still alerts the leads once when the process died between opening a waiting case and its alert', async () => {
    const handler = await addUser(running.engine, 'Ночной', 'handler');
    await running.engine.store.db.updateTable('users').set({ working_hours: JSON.stringify({ sun: ['09:00', '10:00'] }) }).where('id', '=', handler.id).execute();
    const res = await signedPost(running.url, '/api/v1/intake/ratings', { ...hostile('ord-c'), comment: 'Опоздали', aspects: { punctuality: 2 } }, { now: clock.now() });
    await running.engine.store.db.deleteFrom('outbox').where('id', '=', `${res.body.case.id}:1:duty`).execute();
    await running.worker?.tick();
    await running.worker?.tick();
    expect(slack.bodies().map((b) => b.text)).toEqual([expect.stringContaining('Никого нет на смене')]);
  });

  it('alerts the leads when nobody is on duty and leaves the case in triage', async () => {
    const handler = await addUser(running.engine, 'Ночной', 'handler');
    await running.engine.store.db.updateTable('users').set({ time_zone: 'Europe/Moscow', working_hours: JSON.stringify({ mon: ['09:00', '10:00'] }) }).where('id', '=', handler.id).execute();
    const res = await signedPost(running.url, '/api/v1/intake/ratings', { ...hostile('ord-n'), comment: 'Уборщица опоздала', aspects: { punctuality: 2 } }, { now: clock.now() });
    expect(res.body.case).toMatchObject({ ownerId: null, state: 'triage' });
    await running.worker?.tick();
    expect(slack.received).toHaveLength(1);
    expect(JSON.stringify(slack.bodies()[0])).toContain('Никого нет на смене');

    // Monday 09:00 in Moscow: the handler's shift begins and the waiting case is theirs.
    clock.set('2026-11-30T06:00:00Z');
    await running.worker?.tick();
    const c = await running.engine.store.db.selectFrom('cases').select(['owner_id', 'state']).where('id', '=', res.body.case.id).executeTakeFirst();
    expect(c).toEqual({ owner_id: handler.id, state: 'apologize' });
  });
});
