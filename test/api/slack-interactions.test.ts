import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpDeliverer } from '../../src/alerts/deliver.js';
import { signSlack } from '../../src/alerts/slack-signature.js';
import type { Config } from '../../src/config.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, testConfig, type TestUser } from '../helpers.js';
import { FarEnd } from '../far-end.js';
import { contractChecker } from '../contract-checker.js';

const SECRET = 'slack-signing-secret-for-tests';

/** Slack's far end: the incoming webhook, response_url and the Web API (views.open) on one local server. */
describe('leads decide from Slack', () => {
  let slack: FarEnd;
  let clock: FakeClock;
  let config: Config;
  let running: Running;
  let admin: TestUser;
  let handler: TestUser;
  let lead: TestUser;
  let lead2: TestUser;

  const responseUrl = () => `http://127.0.0.1:${slack.port}/response`;
  const alerts = () => slack.received.filter((r) => r.path === '/hook').map((r) => JSON.parse(r.body));
  const responses = () => slack.received.filter((r) => r.path === '/response').map((r) => JSON.parse(r.body));
  const tick = async () => {
    await running.worker?.tick();
    await running.worker?.tick();
  };

  /** POST an interaction as Slack does: form field `payload`, signed v0 over timestamp and raw body. */
  async function interact(payload: unknown, opts: { secret?: string; timestamp?: number } = {}) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = String(opts.timestamp ?? Math.floor(clock.now().getTime() / 1000));
    const res = await fetch(`${running.url}/api/v1/slack/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signSlack(opts.secret ?? SECRET, ts, body) },
      body,
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    // The form body is Slack's; the answer is checked against the document like every other call.
    const violations = contractChecker()?.check('POST', new URL(`${running.url}/api/v1/slack/interactions`), undefined, res.status, res.headers, parsed) ?? [];
    expect(violations).toEqual([]);
    return { status: res.status, text, body: parsed };
  }

  const click = (slackUser: string, actionId: string, value: string) => ({
    type: 'block_actions',
    user: { id: slackUser },
    trigger_id: 'trigger-1',
    response_url: responseUrl(),
    actions: [{ action_id: actionId, value }],
  });

  function buttonsOf(message: { blocks: Array<{ type: string; elements?: Array<{ action_id: string; value?: string }> }> }) {
    return message.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
  }

  async function caseAwaitingApproval(by: TestUser, amount = 500_000): Promise<string> {
    const c = client(running.url, by.token);
    const opened = await c.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Разбили вазу при уборке', scenario: 'property-damage' });
    const id = opened.body.id as string;
    await c.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' });
    await c.event(id, { type: 'EXPLAIN', cause: 'неаккуратность', prevention: 'обучение', text: 'Мы обучим исполнителя' });
    const offered = await c.event(id, { type: 'OFFER', kind: 'credit', value: rub(amount) });
    expect(offered.body.state).toBe('compensate.awaitingApproval');
    return id;
  }

  /** The approval alert of a case as Slack received it, and its Approve button's value. */
  async function approvalAlert(caseId: string) {
    await tick();
    const message = alerts().find((m) => JSON.stringify(m.blocks).includes(caseId) && JSON.stringify(m.blocks).includes('amends.approve'));
    expect(message).toBeDefined();
    const approve = buttonsOf(message).find((b) => b.action_id === 'amends.approve');
    return { message, value: approve?.value as string };
  }

  const caseOf = (id: string) => client(running.url, lead.token).get(`/api/v1/cases/${id}`);

  beforeEach(async () => {
    slack = new FarEnd();
    slack.answer = (r) => (r.path.startsWith('/api/views.open') ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' } : { status: 200 });
    await slack.start();
    clock = new FakeClock();
    config = testConfig({
      slackWebhookUrl: slack.url,
      slackSigningSecret: SECRET,
      slackBotToken: 'xoxb-test-token',
      slackApiUrl: `http://127.0.0.1:${slack.port}/api`,
      publicUrl: 'https://amends.example',
      locale: 'ru',
    });
    running = await startTestServer({ clock, config, deliver: httpDeliverer(config, { minIntervalMs: 0, timeoutMs: 2000, clock: clock.now }) });
    admin = await addUser(running.engine, 'Ада', 'admin');
    handler = await addUser(running.engine, 'Хэнк', 'handler', rub(100_000));
    lead = await addUser(running.engine, 'Ольга', 'lead');
    lead2 = await addUser(running.engine, 'Лев', 'lead');
    const a = client(running.url, admin.token);
    for (const [u, slackId] of [[lead, 'U0LEAD'], [lead2, 'U0LEAD2'], [handler, 'U0HAND']] as const) {
      const res = await a.patch(`/api/v1/users/${u.id}`, { slackUserId: slackId });
      expect(res.status).toBe(200);
      expect(res.body.slackUserId).toBe(slackId);
    }
    await a.put('/api/v1/budget', { minor: 5_000_000, currency: 'RUB' });
  });
  afterEach(async () => {
    await running.close();
    await slack.stop();
  });

  it('sends an approval alert with the amount, the reasons, both budgets and Approve / Change amount / Reject', async () => {
    const id = await caseAwaitingApproval(handler);
    const { message } = await approvalAlert(id);
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual(['amends.approve', 'amends.change', 'amends.reject', 'open-case', 'open-approvals']);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('5\u00a0000,00\u00a0₽');
    expect(text).toContain('выше личного лимита');
    expect(text).toContain('Остаток бюджета обращения');
    expect(text).toContain('Остаток бюджета команды на месяц');
    expect(text).toContain('50\u00a0000,00\u00a0₽');
  });

  it('approves a changed amount from the modal: the case moves on, journaled via slack, and the message shows who decided', async () => {
    const id = await caseAwaitingApproval(handler);
    const { value } = await approvalAlert(id);

    const opened = await interact(click('U0LEAD', 'amends.change', value));
    expect(opened.status).toBe(200);
    expect(opened.text).toBe('');
    const viewsOpen = slack.received.find((r) => r.path === '/api/views.open');
    expect(viewsOpen?.headers.authorization).toBe('Bearer xoxb-test-token');
    const { trigger_id, view } = JSON.parse(viewsOpen?.body ?? '{}');
    expect(trigger_id).toBe('trigger-1');
    expect(view.callback_id).toBe('amends.change');

    const submit = (amount: string) => ({
      type: 'view_submission',
      user: { id: 'U0LEAD' },
      view: { callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { amount: { amount: { value: amount } }, comment: { comment: { value: '3000 ₽ хватит' } } } } },
    });
    const bad = await interact(submit('три тысячи'));
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { amount: expect.any(String) } });
    expect((await caseOf(id)).body.state).toBe('compensate.awaitingApproval');

    const ok = await interact(submit('3000'));
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const after = await caseOf(id);
    expect(after.body.state).toBe('compensate.offered');
    const timeline = await client(running.url, lead.token).get(`/api/v1/cases/${id}/timeline`);
    const approval = timeline.body.items.find((e: { type: string }) => e.type === 'APPROVE_OFFER');
    expect(approval).toMatchObject({ by: { id: lead.id }, payload: { via: 'slack', value: rub(300_000), comment: '3000 ₽ хватит' } });

    await tick();
    const replaced = responses().find((r) => r.replace_original === true);
    expect(replaced).toBeDefined();
    const shown = JSON.stringify(replaced.blocks);
    expect(shown).toContain('Одобрено');
    expect(shown).toContain('3\u00a0000,00\u00a0₽');
    expect(shown).toContain('Ольга');
    expect(shown).toContain('25 нояб.');
    expect(buttonsOf(replaced).map((b) => b.action_id)).toEqual(['open-case']);
  });

  it('changes nothing for the same click again, a forged signature, a stale timestamp, a handler, an unmapped user or a lead on their own request', async () => {
    const id = await caseAwaitingApproval(handler);
    const { value } = await approvalAlert(id);
    const versionBefore = (await caseOf(id)).body.version;

    const forged = await interact(click('U0LEAD', 'amends.approve', value), { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await interact(click('U0LEAD', 'amends.approve', value), { timestamp: Math.floor(clock.now().getTime() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toMatch(/too old/);

    expect((await interact(click('U0HAND', 'amends.approve', value))).status).toBe(200);
    expect((await interact(click('U0NOBODY', 'amends.approve', value))).status).toBe(200);
    await tick();
    expect((await caseOf(id)).body.version).toBe(versionBefore);
    const notes = responses().filter((r) => r.response_type === 'ephemeral').map((r) => r.text as string);
    expect(notes[0]).toMatch(/Ничего не изменилось: APPROVE_OFFER needs a lead/);
    expect(notes[1]).toMatch(/не связан с сотрудником Amends/);

    expect((await interact(click('U0LEAD', 'amends.approve', value))).status).toBe(200);
    expect((await caseOf(id)).body.state).toBe('compensate.offered');
    const afterFirst = (await caseOf(id)).body.version;
    expect((await interact(click('U0LEAD', 'amends.approve', value))).status).toBe(200);
    expect((await interact(click('U0LEAD2', 'amends.reject', value))).status).toBe(200);
    await tick();
    expect((await caseOf(id)).body.version).toBe(afterFirst);
    const later = responses().filter((r) => r.response_type === 'ephemeral').map((r) => r.text as string).slice(2);
    expect(later).toHaveLength(2);
    for (const n of later) expect(n).toMatch(/Ничего не изменилось: .*(already decided|not allowed)/);
    // The reject modal was never opened for a request already decided.
    expect(slack.received.filter((r) => r.path === '/api/views.open')).toHaveLength(0);

    const own = await caseAwaitingApproval(lead2, 2_000_000);
    const ownAlert = await approvalAlert(own);
    const ownVersion = (await caseOf(own)).body.version;
    expect((await interact(click('U0LEAD2', 'amends.approve', ownAlert.value))).status).toBe(200);
    await tick();
    expect((await caseOf(own)).body.version).toBe(ownVersion);
    expect(responses().at(-1)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/nobody decides on their own approval request/) });
  });

  it("takes the personal call with I'll call: the lead owns the conflict case and its call deadline runs", async () => {
    const h = client(running.url, handler.token);
    const opened = await h.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Вы все идиоты, верните деньги', scenario: 'rude-staff', tone: 'conflict' });
    expect(opened.body.state).toBe('personalCall');
    await tick();
    const message = alerts().find((m) => JSON.stringify(m.blocks).includes('amends.take-call'));
    expect(message).toBeDefined();
    const take = buttonsOf(message).find((b) => b.action_id === 'amends.take-call');
    expect(take?.value).toBeDefined();

    expect((await interact(click('U0LEAD', 'amends.take-call', take?.value as string))).status).toBe(200);
    const after = await caseOf(opened.body.id);
    expect(after.body.owner).toMatchObject({ id: lead.id, name: 'Ольга' });
    expect(after.body.state).toBe('personalCall');
    expect(after.body.deadlines.map((d: { step: string }) => d.step)).toContain('personalCall');
    const timeline = await client(running.url, lead.token).get(`/api/v1/cases/${opened.body.id}/timeline`);
    expect(timeline.body.items.at(-1)).toMatchObject({ type: 'REASSIGN', payload: { ownerId: lead.id, via: 'slack' } });

    await tick();
    const replaced = responses().find((r) => r.replace_original === true);
    expect(JSON.stringify(replaced?.blocks)).toContain('Ольга');
    expect(JSON.stringify(replaced?.blocks)).toContain('звонит клиенту лично');
    expect((await interact(click('U0LEAD', 'amends.take-call', take?.value as string))).status).toBe(200);
    await tick();
    expect(responses().at(-1)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/уже ваш|already yours/) });
  });

  it('maps people by Slack user id through PATCH: a taken id answers 409, a malformed one 400, null unmaps, each change audited', async () => {
    const a = client(running.url, admin.token);
    const taken = await a.patch(`/api/v1/users/${lead2.id}`, { slackUserId: 'U0LEAD' });
    expect(taken.status).toBe(409);
    expect((await a.patch(`/api/v1/users/${lead2.id}`, { slackUserId: 'lead@example.com' })).status).toBe(400);
    expect((await client(running.url, lead.token).patch(`/api/v1/users/${lead2.id}`, { slackUserId: 'U0OTHER' })).status).toBe(403);
    const unmapped = await a.patch(`/api/v1/users/${lead.id}`, { slackUserId: null });
    expect(unmapped.body.slackUserId).toBeNull();
    const audit = await a.get(`/api/v1/audit?subject=${lead.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'user.slack').map((e: { after: unknown }) => e.after)).toEqual([
      { slackUserId: 'U0LEAD' },
      { slackUserId: null },
    ]);
  });

  it("takes a conflict case waiting in triage with I'll call: it is assigned and the personal-call deadline starts", async () => {
    const opened = await client(running.url, lead.token).post('/api/v1/cases', {
      customer: customer(), channel: 'phone', description: 'Вы все идиоты', scenario: 'rude-staff', tone: 'conflict', ownerId: null,
    });
    expect(opened.body.state).toBe('triage');
    const value = JSON.stringify({ c: opened.body.id, a: `${opened.body.id}:1:duty` });
    expect((await interact(click('U0LEAD2', 'amends.take-call', value))).status).toBe(200);
    const after = await caseOf(opened.body.id);
    expect(after.body).toMatchObject({ state: 'personalCall', owner: { id: lead2.id } });
    expect(after.body.deadlines.map((d: { step: string }) => d.step)).toContain('personalCall');
  });

  it('rejects from the Reject modal with the reason: the offer goes back to choosing and the message says who rejected why', async () => {
    const id = await caseAwaitingApproval(handler);
    const { message } = await approvalAlert(id);
    const reject = buttonsOf(message).find((b) => b.action_id === 'amends.reject');
    expect((await interact(click('U0LEAD', 'amends.reject', reject?.value as string))).status).toBe(200);
    const { view } = JSON.parse(slack.received.find((r) => r.path === '/api/views.open')?.body ?? '{}');
    expect(view.callback_id).toBe('amends.reject');
    const submitted = await interact({
      type: 'view_submission',
      user: { id: 'U0LEAD' },
      view: { callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { comment: { comment: { value: 'Слишком много <!channel>' } } } } },
    });
    expect(submitted.text).toBe('');
    expect((await caseOf(id)).body.state).toBe('compensate.choosing');
    const timeline = await client(running.url, lead.token).get(`/api/v1/cases/${id}/timeline`);
    expect(timeline.body.items.at(-1)).toMatchObject({ type: 'REJECT_OFFER', payload: { via: 'slack', comment: 'Слишком много <!channel>' } });
    await tick();
    const shown = JSON.stringify(responses().find((r) => r.replace_original === true)?.blocks);
    expect(shown).toContain('Отклонено');
    expect(shown).toContain('Ольга');
    expect(shown).not.toContain('<!channel>');
  });
});
