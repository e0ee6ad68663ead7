import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../src/domain/customer.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
let lead: TestUser;
const clock = new FakeClock(new Date('2026-11-25T09:00:00.000Z'));

beforeAll(async () => {
  running = await startTestServer({ clock, worker: false });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', { minor: 100_000, currency: 'RUB' });
  lead = await addUser(running.engine, 'Ольга Лидова', 'lead');
});
afterAll(async () => running.close());

const english = (over: Partial<Customer> = {}) => customer({ id: 'cust-en', name: 'John Smith', locale: 'en', timeZone: 'Europe/London', ...over });

async function open(c: Customer): Promise<{ id: string; page: () => Promise<string> }> {
  const res = await client(running.url, handler.token).post('/api/v1/cases', { customer: c, channel: 'phone', description: 'The cleaner was late', scenario: 'late-arrival' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const path = new URL(res.body.statusUrl).pathname;
  return { id: res.body.id, page: async () => (await fetch(`${running.url}${path}`)).text() };
}

async function send(caseId: string, events: Array<Record<string, unknown>>, by = handler) {
  for (const e of events) {
    const res = await client(running.url, by.token).event(caseId, e);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

const skipToResolved = [
  { type: 'APOLOGIZE', channel: 'phone', text: 'We are sorry.' },
  { type: 'EXPLAIN', cause: 'It works this way', prevention: 'Clearer description', text: 'Here is why.' },
  { type: 'SKIP_COMPENSATION', reason: 'not a defect, explained' },
  { type: 'FOLLOW_UP', text: 'Is all well?' },
];

describe('the customer status page', () => {
  it("shows when the current step is due, not the whole case's deadline", async () => {
    const c = await open(english());
    const html = await c.page();
    // Apologize is due in two hours (11:00 in London); the overall deadline is a week away.
    expect(html).toContain('We will get back to you by <strong>Nov 25, 2026, 11:00 AM</strong> (Europe/London)');
    expect(html).not.toContain('Dec 2, 2026');
    await send(c.id, [skipToResolved[0]!]);
    expect(await c.page()).toContain('by <strong>Nov 26, 2026, 9:00 AM</strong>');
  });

  it('shows compensation that was skipped as not needed, not as done', async () => {
    const c = await open(english({ id: 'cust-skip' }));
    await send(c.id, skipToResolved.slice(0, 3));
    const html = await c.page();
    expect(html).toContain('<li class="skipped">Making up for it — not needed</li>');
    expect(html).not.toContain('<li class="done">Making up for it</li>');
    expect(html).toContain('<li class="done">Explaining what happened and what changes</li>');
  });

  it('does not tell the customer of a closed, lost case that it is being put right', async () => {
    const en = await open(english({ id: 'cust-lost-en' }));
    const ru = await open(customer({ id: 'cust-lost-ru' }));
    for (const c of [en, ru]) {
      await send(c.id, skipToResolved);
      await send(c.id, [{ type: 'CLOSE_LOST', reason: 'the customer left' }], lead);
    }
    const enHtml = await en.page();
    expect(enHtml).not.toContain('putting it right');
    expect(enHtml).not.toContain('We will get back to you');
    expect(enHtml).toContain('Your request is closed.');
    const ruHtml = await ru.page();
    expect(ruHtml).not.toContain('мы всё исправим');
    expect(ruHtml).not.toContain('Мы свяжемся с вами');
    expect(ruHtml).toContain('Обращение закрыто.');
  });

  it('thanks a resolved customer instead of promising to put it right', async () => {
    const c = await open(english({ id: 'cust-resolved' }));
    await send(c.id, skipToResolved);
    const html = await c.page();
    expect(html).not.toContain('putting it right');
    expect(html).toContain('Your request is resolved.');
    expect(html).not.toContain('We will get back to you');
  });

  it('answers a browser following an unknown link with a small 404 page in both languages', async () => {
    const res = await fetch(`${running.url}/status/nope-not-a-token`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Обращение не найдено');
    expect(html).toContain('Request not found');
    expect(html).not.toMatch(/<script/i);
  });

  it('answers an API client asking for an unknown token with a problem', async () => {
    const res = await fetch(`${running.url}/status/nope-not-a-token`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
