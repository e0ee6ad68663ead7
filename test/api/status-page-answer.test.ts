import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../src/domain/customer.js';
import { customerActor } from '../../src/domain/roles.js';
import { dispatch } from '../../src/engine/dispatch.js';
import { formToken } from '../../src/http/status-form.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));

beforeAll(async () => {
  running = await startTestServer({ clock, worker: false });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(100_000));
});
afterAll(async () => running.close());

const english = (id: string): Customer => customer({ id, name: 'John Smith', locale: 'en', timeZone: 'Europe/London' });

interface Opened {
  id: string;
  path: string;
  token: string;
}

async function open(c: Customer): Promise<Opened> {
  const res = await client(running.url, handler.token).post('/api/v1/cases', { customer: c, channel: 'phone', description: 'The cleaner was late', scenario: 'late-arrival' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const path = new URL(res.body.statusUrl).pathname;
  return { id: res.body.id, path, token: path.split('/').at(-1)! };
}

async function send(caseId: string, events: Array<Record<string, unknown>>) {
  for (const e of events) {
    const res = await client(running.url, handler.token).event(caseId, e);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

const toOffer = [
  { type: 'APOLOGIZE', channel: 'phone', text: 'We are sorry.' },
  { type: 'EXPLAIN', cause: 'The route was planned badly', prevention: 'Routes now keep a buffer', text: 'Here is why.' },
  { type: 'OFFER', kind: 'credit', value: rub(30_000), note: 'internal: customer threatened to post reviews' },
];

/** An open case whose offer waits for the customer. */
async function offered(customerId: string, c: Customer = english(customerId)): Promise<Opened> {
  const opened = await open(c);
  await send(opened.id, toOffer);
  return opened;
}

const page = async (o: Opened) => (await fetch(`${running.url}${o.path}`)).text();

/** The answer form as the page renders it: where it posts and its hidden fields. */
function formOf(html: string): { action: string; version: string; formToken: string } {
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  const token = /name="formToken" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !version || !token) throw new Error(`no answer form on the page:\n${html}`);
  return { action, version, formToken: token };
}

async function post(action: string, { action: _a, ...fields }: Record<string, string>) {
  const res = await fetch(`${running.url}${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

const caseOf = async (id: string) => (await client(running.url, handler.token).get(`/api/v1/cases/${id}`)).body;
const timelineOf = async (id: string) => (await client(running.url, handler.token).get(`/api/v1/cases/${id}/timeline`)).body.items as Array<Record<string, any>>;

describe("the customer's answer on the status page", () => {
  it('accepts the waiting offer as the customer, journaled as such, and shows it accepted', async () => {
    const c = await offered('cust-accept');
    const html = await page(c);
    expect(html).toContain('We would like to offer you RUB 300 of credit on your account.');
    const form = formOf(html);
    const res = await post(form.action, { ...form, answer: 'accept' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(c.path);
    expect((await caseOf(c.id)).state).toBe('compensate.accepted');
    const last = (await timelineOf(c.id)).at(-1)!;
    expect(last.type).toBe('CUSTOMER_ACCEPTED');
    expect(last.by).toEqual({ id: 'cust-accept', role: 'customer', name: 'John Smith' });
    const after = await page(c);
    expect(after).toContain('You accepted our offer: RUB 300 of credit on your account.');
    expect(after).not.toContain('<form');
  });

  it('takes a double click once and shows the answered page the second time, never an error', async () => {
    const c = await offered('cust-double');
    const form = formOf(await page(c));
    const [first, second] = [await post(form.action, { ...form, answer: 'accept' }), await post(form.action, { ...form, answer: 'accept' })];
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(c.path);
    expect((await timelineOf(c.id)).filter((e) => e.type === 'CUSTOMER_ACCEPTED')).toHaveLength(1);
  });

  it('declines with the reason the customer gave, and says another offer will come', async () => {
    const c = await offered('cust-decline');
    const form = formOf(await page(c));
    const res = await post(form.action, { ...form, answer: 'decline', reason: 'I would rather have a refund' });
    expect(res.status).toBe(303);
    const view = await caseOf(c.id);
    expect(view.state).toBe('compensate.choosing');
    const declined = view.ledger.find((l: { entry: string }) => l.entry === 'declined');
    expect(declined.note).toBe('I would rather have a refund');
    expect(declined.by).toEqual({ id: 'cust-decline', name: 'John Smith' });
    const last = (await timelineOf(c.id)).at(-1)!;
    expect(last).toMatchObject({ type: 'CUSTOMER_DECLINED', by: { role: 'customer' }, payload: { reason: 'I would rather have a refund' } });
    expect(await page(c)).toContain('You declined the offer.');
  });

  it('refuses a forged form token and changes nothing', async () => {
    const c = await offered('cust-forged');
    const form = formOf(await page(c));
    const before = await caseOf(c.id);
    const forged = await post(form.action, { ...form, formToken: 'A'.repeat(form.formToken.length), answer: 'accept' });
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('We could not verify this form, so nothing was changed.');
    // A token of another case's page does not open this one.
    const other = await offered('cust-forged-other');
    const foreign = await post(form.action, { ...formOf(await page(other)), answer: 'accept' });
    expect(foreign.status).toBe(403);
    // A version the token was not made for.
    const bumped = await post(form.action, { ...form, version: String(Number(form.version) + 1), answer: 'accept' });
    expect(bumped.status).toBe(403);
    const after = await caseOf(c.id);
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('compensate.offered');
  });

  it('refuses a stale form, changes nothing, and offers a fresh one', async () => {
    const c = await offered('cust-stale');
    const form = formOf(await page(c));
    await send(c.id, [{ type: 'ESCALATE', reason: 'the customer wrote to the founders' }]);
    const res = await post(form.action, { ...form, answer: 'accept' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('This page was out of date');
    expect((await caseOf(c.id)).state).toBe('compensate.offered');
    expect(Number(formOf(res.html).version)).toBe(Number(form.version) + 1);
  });

  it('refuses an answer politely when no offer waits', async () => {
    const c = await open(english('cust-no-offer'));
    expect(await page(c)).not.toContain('<form');
    // Even a form the server did sign for this version is refused: there is nothing to answer.
    const version = (await caseOf(c.id)).version as number;
    const token = await formToken(running.engine, c.token, version);
    const res = await post(`${c.path}/answer`, { version: String(version), formToken: token, answer: 'accept' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('There is no offer waiting for your answer right now.');
    const after = await caseOf(c.id);
    expect(after.version).toBe(version);
    expect(after.state).toBe('apologize');
  });

  it('answers a garbled form with a page, not a server error', async () => {
    const c = await offered('cust-garbled');
    const form = formOf(await page(c));
    const res = await post(form.action, { ...form, answer: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('We could not read that answer.');
    expect((await caseOf(c.id)).state).toBe('compensate.offered');
  });

  it('speaks Russian to a Russian customer', async () => {
    const c = await offered('cust-ru', customer({ id: 'cust-ru', timeZone: 'Asia/Vladivostok' }));
    const html = await page(c);
    expect(html).toContain('Предлагаем вам: 300 ₽ бонусами на ваш счёт.');
    expect(html).toContain('Принять предложение');
    const form = formOf(html);
    expect((await post(form.action, { ...form, answer: 'accept' })).status).toBe(303);
    expect(await page(c)).toContain('Вы приняли наше предложение: 300 ₽ бонусами на ваш счёт.');
  });

  it('shows nothing internal: no budget, no notes, no surname of the handler, no ids', async () => {
    const c = await offered('cust-internal');
    const view = await caseOf(c.id);
    const html = await page(c);
    expect(html).toContain('Looking after your request: Анна.');
    expect(html).not.toContain('Смирнова');
    expect(html).not.toContain(handler.id);
    expect(html).not.toContain(c.id);
    expect(html).not.toContain('internal: customer threatened');
    expect(html).not.toMatch(/budget|бюджет/i);
    expect(html).not.toContain(String(view.budget.minor / 100));
    expect(html).not.toContain('late-arrival');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('what a customer may do through the engine', () => {
  it('sends only the answer to an offer, and only on their own case', async () => {
    const mine = await offered('cust-engine');
    const other = await offered('cust-engine-other');
    const actor = customerActor(mine.id, { id: 'cust-engine', name: 'John Smith' });
    await expect(dispatch(running.engine, mine.id, { type: 'ISSUE' }, actor)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(dispatch(running.engine, mine.id, { type: 'ESCALATE', reason: 'x' }, actor)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(dispatch(running.engine, other.id, { type: 'CUSTOMER_ACCEPTED' }, actor)).rejects.toMatchObject({ kind: 'notFound' });
    expect((await caseOf(other.id)).state).toBe('compensate.offered');
    const done = await dispatch(running.engine, mine.id, { type: 'CUSTOMER_ACCEPTED' }, actor);
    expect(done?.record.state).toBe('compensate.accepted');
  });
});
