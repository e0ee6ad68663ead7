/**
 * Input a stranger sent the API that it took, or answered unclearly: half surrogate pairs and bytes
 * that are not UTF-8, hidden characters in names and ids, bodies that are JSON but not objects, a
 * token in the query string, unknown query parameters, a version too large to be one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DiscountOffer } from '../../src/domain/offers.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type Reply, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
let lead: TestUser;
let admin: TestUser;

beforeAll(async () => {
  running = await startTestServer({ clock: new FakeClock() });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(100_000));
  lead = await addUser(running.engine, 'Ольга Лидова', 'lead');
  admin = await addUser(running.engine, 'Ада Админ', 'admin');
});
afterAll(async () => running.close());

const newCase = (over: Record<string, unknown> = {}, customerOver: Record<string, unknown> = {}) => ({
  customer: customer(customerOver),
  channel: 'phone',
  description: 'Клинер опоздал на час',
  scenario: 'late-arrival',
  ...over,
});

function expect400(res: Reply, path: string, message?: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
  if (message) expect(res.body.errors[0].message).toMatch(message);
}

const caseCount = async () => (await client(running.url, lead.token).get('/api/v1/cases?limit=200')).body.items.length as number;

describe('text that is not text', () => {
  it('refuses half a surrogate pair in a name, and stores nothing', async () => {
    const before = await caseCount();
    const body = JSON.stringify(newCase()).replace('"name":"', '"name":"A\\ud800B');
    expect400(await client(running.url, handler.token).post('/api/v1/cases', body), 'customer.name', /surrogate/);
    // A whole pair (an emoji) is one character and welcome.
    const emoji = await client(running.url, handler.token).post('/api/v1/cases', newCase({}, { name: 'Мария 🙂' }));
    expect(emoji.status, JSON.stringify(emoji.body)).toBe(201);
    expect(await caseCount()).toBe(before + 1);
  });

  it('refuses bytes that are not UTF-8 instead of storing replacement characters', async () => {
    const before = await caseCount();
    const json = Buffer.from(JSON.stringify(newCase({}, { name: 'XX' })));
    const at = json.indexOf('XX');
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    const res = await fetch(`${running.url}/api/v1/cases`, { method: 'POST', headers: { authorization: `Bearer ${handler.token}`, 'content-type': 'application/json' }, body: json });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/UTF-8/);
    expect(await caseCount()).toBe(before);
  });

  it('refuses control and text-direction characters in names and ids, blank ones, and phones that are not numbers', async () => {
    const api = client(running.url, handler.token);
    const before = await caseCount();
    expect400(await api.post('/api/v1/cases', newCase({}, { name: 'A\u0007\u001bB' })), 'customer.name', /control/);
    expect400(await api.post('/api/v1/cases', newCase({}, { id: 'c-\u202e82' })), 'customer.id', /direction/);
    expect400(await api.post('/api/v1/cases', newCase({}, { name: '   ' })), 'customer.name', /blank/);
    expect400(await api.post('/api/v1/cases', newCase({}, { id: '  ' })), 'customer.id', /blank/);
    expect400(await api.post('/api/v1/cases', newCase({}, { phone: 'abc 🙂' })), 'customer.phone', /phone/);
    expect400(await api.post('/api/v1/cases', newCase({}, { phone: '+1 2' })), 'customer.phone', /digits/);
    expect400(await api.post('/api/v1/cases', newCase({ orderId: 'ord\u0000' })), 'orderId', /NUL/);
    expect(await caseCount()).toBe(before);
    // What people really write still passes.
    const fine = await api.post('/api/v1/cases', newCase({}, { name: 'Анна-Мария О’Нил', phone: '+7 (999) 123-45-67' }));
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
  });

  it('refuses invisible look-alike characters in names, reordering ones in free text, and the same in people’s names', async () => {
    const api = client(running.url, handler.token);
    expect400(await api.post('/api/v1/cases', newCase({}, { name: 'Ann\ufeffa' })), 'customer.name', /control/);
    expect400(await api.post('/api/v1/cases', newCase({}, { name: 'Ann\u200ba' })), 'customer.name', /control/);
    expect400(await api.post('/api/v1/cases', newCase({ description: 'evil\u202etxt.exe' })), 'description', /direction/);
    const people = client(running.url, admin.token);
    expect400(await people.post('/api/v1/users', { name: 'Esc\u001b[31mRED\u0007', role: 'handler' }), 'name', /control/);
    expect400(await people.post('/api/v1/users', { name: 'Ann\u202ea', role: 'handler' }), 'name', /direction/);
    // Lines, tabs, joiners and right-to-left marks are text.
    const fine = await api.post('/api/v1/cases', newCase({ description: 'Клинер опоздал.\n\tВторой раз.' }, { name: '👨\u200d👩\u200d👧 שלום\u200f' }));
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    const maria = await people.post('/api/v1/users', { name: '  Мария Иванова  ', role: 'handler' });
    expect(maria.status, JSON.stringify(maria.body)).toBe(201);
    expect(maria.body.name).toBe('Мария Иванова');
  });

  it('takes the longest text the status page forms allow, in any script, without a 413', async () => {
    const longest = encodeURIComponent('😀'.repeat(2000));
    for (const [path, field] of [['rating', 'rating=good&comment'], ['answer', 'formToken=x&version=1&reason']] as const) {
      const res = await fetch(`${running.url}/status/st_nope/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `${field}=${longest}` });
      // Read, then refused as an unknown page: not cut off as too large.
      expect(res.status, path).toBe(404);
    }
  });

  it('names a blank description once, as blank', async () => {
    expect400(await client(running.url, handler.token).post('/api/v1/cases', newCase({ description: '   ' })), 'description', /blank/);
  });

  it('refuses NUL in the status page rating form, before anything is looked up', async () => {
    const res = await fetch(`${running.url}/status/st_nope/rating`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rating=good&comment=a%00b' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('comment');
  });
});

describe('bodies that are JSON but not an object', () => {
  for (const [body, got] of [['null', 'null'], ['42', 'a number'], ['"hi"', 'a string'], ['[{"type":"ESCALATE"}]', 'an array']] as const) {
    it(`answers ${body} with what a body must be`, async () => {
      const res = await client(running.url, handler.token).post('/api/v1/cases', body, { 'content-type': 'application/json' });
      expect400(res, '(body)');
      expect(res.body.detail).toBe(`the body must be a JSON object, not ${got}`);
    });
  }
});

describe('the URL', () => {
  it('never repeats the query string, where a pasted token may sit', async () => {
    const res = await client(running.url).get('/api/v1/cases?access_token=amd_secretvalue123');
    expect(res.status).toBe(401);
    expect(res.body.instance).toBe('/api/v1/cases');
    expect(JSON.stringify(res.body)).not.toContain('amd_secretvalue123');
  });

  it('names an unknown query parameter as itself, not as a body field', async () => {
    expect400(await client(running.url, lead.token).get('/api/v1/cases?foo=bar'), 'foo', /unknown/);
    const approvals = await client(running.url, lead.token).get('/api/v1/approvals?foo=bar&limit=-5');
    expect(approvals.status).toBe(400);
    expect(approvals.body.errors.map((e: { path: string }) => e.path)).toEqual(['foo', 'limit']);
    expect400(await client(running.url, handler.token).get('/api/v1/me?x=1'), 'x');
    expect((await client(running.url, lead.token).get('/api/v1/approvals')).status).toBe(200);
  });

  it('says a repeated query parameter is repeated', async () => {
    expect400(await client(running.url, lead.token).get('/api/v1/cases?limit=200&limit=1'), 'limit', /once/);
  });

  it('refuses an audit cursor it never gave out', async () => {
    expect400(await client(running.url, admin.token).get('/api/v1/audit?after=garbage'), 'after', /nextCursor/);
  });

  it('refuses an If-Match too large to be a version', async () => {
    const opened = await client(running.url, handler.token).post('/api/v1/cases', newCase());
    const res = await client(running.url, handler.token).event(opened.body.id, { type: 'ESCALATE', reason: 'x' }, { 'if-match': '"99999999999999999999999"' });
    expect400(res, 'If-Match');
  });
});

describe('titles and published schemas say what the server checks', () => {
  it('does not tell a form endpoint to send JSON', async () => {
    const res = await fetch(`${running.url}/status/st_nope/rating`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rating":"good"}' });
    const body = (await res.json()) as { title: string; detail: string };
    expect(body.title).not.toMatch(/JSON/);
  });

  it('publishes the floor of a discount’s estimated cost as the server enforces it', () => {
    const schema = z.toJSONSchema(DiscountOffer, { io: 'input' }) as unknown as { properties: { value: { properties: { minor: { minimum: number } } } } };
    expect(schema.properties.value.properties.minor.minimum).toBe(0);
    expect(DiscountOffer.safeParse({ kind: 'discount', percent: 10, value: { minor: -1, currency: 'RUB' } }).success).toBe(false);
  });
});

it('keeps every case readable by a strict JSON parser', async () => {
  const res = await fetch(`${running.url}/api/v1/cases?limit=200`, { headers: { authorization: `Bearer ${lead.token}` } });
  const text = await res.text();
  expect(() => JSON.parse(text)).not.toThrow();
  expect(text).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
});

describe('a method the path does not serve', () => {
  it('answers 405 with Allow, not 404, and changes nothing', async () => {
    const opened = await client(running.url, handler.token).post('/api/v1/cases', newCase());
    for (const method of ['DELETE', 'PUT']) {
      const res = await fetch(`${running.url}/api/v1/cases/${opened.body.id}`, { method, headers: { authorization: `Bearer ${handler.token}` } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await client(running.url, handler.token).get(`/api/v1/cases/${opened.body.id}`)).body.version).toBe(1);
    // A path the API does not have at all is still 404.
    expect((await fetch(`${running.url}/api/v1/nothing-here`, { method: 'DELETE', headers: { authorization: `Bearer ${handler.token}` } })).status).toBe(404);
  });
});
