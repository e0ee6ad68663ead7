import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, HOUR, rub, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let clock: FakeClock;
let handler: TestUser;
let otherHandler: TestUser;
let lead: TestUser;

beforeEach(async () => {
  clock = new FakeClock();
  running = await startTestServer({ clock });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(100_000));
  otherHandler = await addUser(running.engine, 'Пётр Петров', 'handler', rub(100_000));
  lead = await addUser(running.engine, 'Ольга Лидова', 'lead');
});

afterEach(async () => {
  await running.close();
});

const lateCase = (over: Record<string, unknown> = {}) => ({
  customer: customer(),
  orderId: 'ord-1',
  channel: 'phone',
  description: 'Клинер опоздал на час',
  scenario: 'late-arrival',
  ...over,
});

async function open(user: TestUser, over: Record<string, unknown> = {}) {
  const res = await client(running.url, user.token).post('/api/v1/cases', lateCase(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('opening a case over HTTP', () => {
  it('gives a case opened by a handler to that handler, in apologize, with deadlines, allowed events and a checklist', async () => {
    const res = await client(running.url, handler.token).post('/api/v1/cases', lateCase());
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/v1/cases/${res.body.id}`);
    const c = res.body;
    expect(c).toMatchObject({
      version: 1,
      state: 'apologize',
      status: 'open',
      outcome: 'pending',
      tone: 'constructive',
      channel: 'phone',
      orderId: 'ord-1',
      owner: { id: handler.id, name: 'Анна Смирнова' },
      scenario: { id: 'late-arrival' },
      budget: rub(100_000),
      spent: rub(0),
      remaining: rub(100_000),
    });
    expect(c.ref).toMatch(/^AM-\d{6}$/);
    expect(c.deadlines).toEqual(
      expect.arrayContaining([
        { step: 'apologize', dueAt: new Date(clock.current.getTime() + 2 * HOUR).toISOString() },
        { step: 'overall', dueAt: expect.any(String) },
      ]),
    );
    expect(c.allowedEvents.map((e: { type: string }) => e.type)).toContain('APOLOGIZE');
    const apologize = c.allowedEvents.find((e: { type: string }) => e.type === 'APOLOGIZE');
    expect(apologize.schema).toMatchObject({ type: 'object', properties: { channel: expect.any(Object), text: expect.any(Object) } });
    expect(c.allowedEvents.map((e: { type: string }) => e.type)).not.toContain('DEADLINE_MISSED');
    expect(c.checklist.step).toBe('apologize');
    expect(c.checklist.items.map((i: { id: string }) => i.id)).toEqual(['call-back', 'admit']);
    expect(c.statusUrl).toMatch(new RegExp(`^${running.url}/status/[A-Za-z0-9_-]{20,}$`));

    const again = await client(running.url, handler.token).get(`/api/v1/cases/${c.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: c.id, version: 1, state: 'apologize' });
  });

  it('leaves a case opened with ownerId null in triage for anyone to take', async () => {
    const c = await open(lead, { ownerId: null });
    expect(c).toMatchObject({ state: 'triage', owner: null });
    expect(c.allowedEvents.map((e: { type: string }) => e.type)).toContain('ASSIGN');
  });
});

describe('walking a case to resolved and won back', () => {
  it('walks apologize → explain → offer → accept → issue → follow up → resolved, then wins the customer back', async () => {
    const api = client(running.url, handler.token);
    const c = await open(handler);
    const steps: Array<[Record<string, unknown>, string]> = [
      [{ type: 'APOLOGIZE', channel: 'phone', text: 'Простите, что заставили ждать' }, 'explain'],
      [{ type: 'EXPLAIN', cause: 'Клинер застрял в пробке', prevention: 'Выезжаем с запасом', text: 'Мы опоздали по нашей вине' }, 'compensate.choosing'],
      [{ type: 'OFFER', kind: 'credit', value: rub(50_000), note: 'бонусы' }, 'compensate.offered'],
      [{ type: 'CUSTOMER_ACCEPTED' }, 'compensate.accepted'],
      [{ type: 'ISSUE' }, 'followUp'],
      [{ type: 'FOLLOW_UP', text: 'Всё ли теперь хорошо?', rating: 'good' }, 'resolved'],
    ];
    let version = 1;
    for (const [event, state] of steps) {
      clock.advance(10 * 60_000);
      const res = await api.event(c.id, event, { 'if-match': `"${version}"` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version += 1;
      expect(res.body).toMatchObject({ version, state });
      expect(res.headers.get('etag')).toBe(`"${version}"`);
    }

    const resolved = (await api.get(`/api/v1/cases/${c.id}`)).body;
    expect(resolved).toMatchObject({ status: 'resolved', outcome: 'pending', spent: rub(50_000), remaining: rub(50_000) });
    expect(resolved.ledger.map((l: { entry: string }) => l.entry)).toEqual(['offered', 'approved', 'accepted', 'issued']);
    expect(resolved.resolvedAt).toEqual(expect.any(String));

    // Handlers do not record win-back; a lead (or intake) does.
    expect((await api.event(c.id, { type: 'ORDER_PLACED', orderId: 'ord-2' })).status).toBe(403);
    const won = await client(running.url, lead.token).event(c.id, { type: 'ORDER_PLACED', orderId: 'ord-2' });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ version: version + 1, state: 'wonBack', status: 'closed', outcome: 'wonBack', allowedEvents: [] });

    const timeline = await api.get(`/api/v1/cases/${c.id}/timeline`);
    expect(timeline.status).toBe(200);
    const items = timeline.body.items as Array<{ version: number; type: string; by: { id: string; name: string }; to: string }>;
    expect(items.map((i) => i.version)).toEqual(Array.from({ length: version + 1 }, (_, i) => i + 1));
    expect(items.map((i) => i.type)).toEqual(['OPENED', 'APOLOGIZE', 'EXPLAIN', 'OFFER', 'CUSTOMER_ACCEPTED', 'ISSUE', 'FOLLOW_UP', 'ORDER_PLACED']);
    expect(items.slice(0, -1).every((i) => i.by.id === handler.id && i.by.name === 'Анна Смирнова')).toBe(true);
    expect(items.at(-1)).toMatchObject({ by: { id: lead.id, name: 'Ольга Лидова' }, to: 'wonBack' });
  });
});

describe('listing cases', () => {
  it('filters by status, owner=me and scenario', async () => {
    const mine = await open(handler);
    await open(handler, { scenario: 'billing-error', description: 'Списали дважды' });
    await open(otherHandler);
    const lateNone = await open(lead, { ownerId: null });

    const h = client(running.url, handler.token);
    await h.event(mine.id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' });
    await h.event(mine.id, { type: 'EXPLAIN', cause: 'пробка', prevention: 'раньше', text: 'Мы опоздали' });
    await h.event(mine.id, { type: 'SKIP_COMPENSATION', reason: 'клиент отказался' });
    expect((await h.event(mine.id, { type: 'FOLLOW_UP', text: 'Всё хорошо?' })).body.status).toBe('resolved');

    const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((i) => i.id);
    const me = await h.get('/api/v1/cases?owner=me');
    expect(me.status).toBe(200);
    expect(me.body.items).toHaveLength(2);
    expect(me.body.items.every((i: { owner: { id: string } }) => i.owner.id === handler.id)).toBe(true);

    const resolved = await h.get('/api/v1/cases?status=resolved');
    expect(ids(resolved)).toEqual([mine.id]);

    // A lead sees every case; the handler sees their own and the unassigned one.
    const l = client(running.url, lead.token);
    expect((await l.get('/api/v1/cases?scenario=late-arrival')).body.items).toHaveLength(3);
    expect((await l.get('/api/v1/cases?scenario=billing-error')).body.items).toHaveLength(1);
    expect(ids(await l.get('/api/v1/cases?owner=none'))).toEqual([lateNone.id]);
    expect((await h.get('/api/v1/cases?scenario=late-arrival')).body.items).toHaveLength(2);
    expect((await h.get('/api/v1/cases?status=open&scenario=late-arrival')).body.items.map((i: { id: string }) => i.id)).toEqual([lateNone.id]);
  });

  it('pages through five cases two at a time with a cursor, newest first, without repeats or gaps', async () => {
    const opened: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      opened.push((await open(handler, { description: `Опоздание номер ${i}` })).id);
    }
    const api = client(running.url, handler.token);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await api.get(
        `/api/v1/cases?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      pageSizes.push(res.body.items.length);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...opened].reverse());
  });

  it('pages without repeats or gaps when cases were opened at the same instant', async () => {
    const opened = new Set<string>();
    for (let i = 0; i < 5; i++) opened.add((await open(handler, { description: `Опоздание ${i}` })).id);
    const api = client(running.url, lead.token);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await api.get(
        `/api/v1/cases?limit=2&owner=${handler.id}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(opened);
  });

  it('refuses a cursor it did not give out', async () => {
    const res = await client(running.url, handler.token).get('/api/v1/cases?cursor=not-a-cursor');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the customer status page', () => {
  it('shows a Russian customer their case in Russian, without a login', async () => {
    const c = await open(handler);
    const path = new URL(c.statusUrl).pathname;
    const res = await fetch(`${running.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain(`Ваше обращение ${c.ref}`);
    expect(html).toContain('Мы работаем над вашим обращением.');
    expect(html).toContain('Мария Иванова');
    expect(html).not.toContain(c.id);
  });

  it('shows an English customer the page in English', async () => {
    const c = await open(handler, { customer: customer({ id: 'cust-en', name: 'John Smith', locale: 'en', timeZone: 'Europe/London' }) });
    const html = await (await fetch(`${running.url}${new URL(c.statusUrl).pathname}`)).text();
    expect(html).toContain('We are working on your request.');
    // The handler's first name is shown as they write it (here in Cyrillic); every other word is English.
    expect(html.replace(/Looking after your request: [^<.]*\./, '')).not.toMatch(/[а-яё]/i);
  });

  it('answers 404 for an unknown status token', async () => {
    const res = await fetch(`${running.url}/status/nope-not-a-token`);
    expect(res.status).toBe(404);
  });
});

describe('scenarios and me', () => {
  it('lists the playbooks and returns one by id', async () => {
    const api = client(running.url, handler.token);
    const list = await api.get('/api/v1/scenarios');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(13);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['late-arrival', 'rude-staff', 'not-a-defect']));

    const one = await api.get('/api/v1/scenarios/late-arrival');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 'late-arrival', title: { ru: 'Опоздание исполнителя', en: 'Late arrival' }, deadlines: { apologize: 'PT2H' } });
    expect(one.body.checklists.apologize.length).toBeGreaterThan(0);

    const missing = await api.get('/api/v1/scenarios/no-such-scenario');
    expect(missing.status).toBe(404);
  });

  it('tells the caller who their token belongs to', async () => {
    const me = await client(running.url, handler.token).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: handler.id, name: 'Анна Смирнова', role: 'handler', limit: rub(100_000) });
    const leadMe = await client(running.url, lead.token).get('/api/v1/me');
    expect(leadMe.body).toEqual({ id: lead.id, name: 'Ольга Лидова', role: 'lead', limit: null });
  });
});
