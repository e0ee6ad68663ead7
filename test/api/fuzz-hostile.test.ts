import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, startTestServer, testConfig, type Reply, type TestUser } from '../helpers.js';

function expectProblem(res: Reply, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
}

/** Send bytes as they are, bypassing every client library's own checks, and read the raw answer. */
function rawRequest(url: string, bytes: string | Buffer): Promise<{ status: number; headers: string; body: string }> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const answer = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body };
    };
    socket.on('data', (c) => {
      chunks.push(c);
      // The server may keep reading an unread body; the answer is complete once Content-Length is in.
      const a = answer();
      const length = Number(/content-length: (\d+)/i.exec(a.headers)?.[1] ?? NaN);
      if (Buffer.byteLength(a.body) >= length) {
        socket.destroy();
        resolve(a);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer()));
  });
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('hostile input', () => {
  let running: Running;
  let handler: TestUser;
  let caseId: string;
  beforeAll(async () => {
    running = await startTestServer({ worker: false });
    handler = await addUser(running.engine, 'Анна', 'handler', { minor: 100_000, currency: 'RUB' });
    const opened = await client(running.url, handler.token).post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' });
    caseId = opened.body.id;
  });
  afterAll(() => running.close());

  it('refuses a 5,000-level nested event with an Idempotency-Key as 400, not a stack overflow', async () => {
    const api = client(running.url, handler.token);
    const res = await api.post(`/api/v1/cases/${caseId}/events`, nested(5000), { 'idempotency-key': 'deep-1' });
    expectProblem(res, 400);
    expect(JSON.stringify(res.body.errors)).toContain('nest');
    expect((await api.get(`/api/v1/cases/${caseId}`)).body.version).toBe(1);
  });

  it('refuses deep nesting on every route, inside an otherwise valid body too', async () => {
    const api = client(running.url, handler.token);
    const deepNote = JSON.parse(`{"a":${nested(40)}}`);
    expectProblem(await api.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'x', extra: deepNote }, { 'idempotency-key': 'deep-2' }), 400);
    expectProblem(await api.patch('/api/v1/users/nobody', nested(100_000)), 400);
    expectProblem(await api.put('/api/v1/budget', `${'{"a":'.repeat(50)}1${'}'.repeat(50)}`), 400);
  });

  it('accepts a body nested to the limit and judges it on its fields', async () => {
    const res = await client(running.url, handler.token).event(caseId, { type: 'APOLOGIZE', channel: 'phone', text: JSON.parse(nested(31)) });
    expectProblem(res, 400);
    expect(JSON.stringify(res.body.errors)).toContain('text');
  });

  it('validates an event before hashing its Idempotency-Key, so a bad body never occupies the key', async () => {
    const api = client(running.url, handler.token);
    const bad = await api.event(caseId, { type: 'APOLOGIZE', channel: 'pigeon', text: 'Простите' }, { 'idempotency-key': 'k-1' });
    expectProblem(bad, 400);
    const good = await api.event(caseId, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' }, { 'idempotency-key': 'k-1' });
    expect(good.status).toBe(200);
    const again = await api.event(caseId, { type: 'APOLOGIZE', channel: 'phone', text: '  Простите ' }, { 'idempotency-key': 'k-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers problem+json to requests that Node’s HTTP parser refuses', async () => {
    const badHeader = await rawRequest(running.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n');
    expect(badHeader.status).toBe(400);
    expect(badHeader.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(badHeader.body)).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });

    const absurdLength = await rawRequest(running.url, 'POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n{}');
    expect(absurdLength.status).toBe(400);
    expect(JSON.parse(absurdLength.body)).toMatchObject({ status: 400, detail: expect.stringContaining('Content-Length') });

    const hugeButValid = await rawRequest(running.url, `POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${handler.token}\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\nConnection: close\r\n\r\n{}`);
    expect(hugeButValid.status).toBe(413);
    expect(hugeButValid.headers).toMatch(/content-type: application\/problem\+json/i);

    const noHost = await rawRequest(running.url, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(noHost.status).toBe(400);
    expect(JSON.parse(noHost.body)).toMatchObject({ status: 400, detail: expect.stringContaining('Host') });

    const hugeHeaders = await rawRequest(running.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    expect(hugeHeaders.status).toBe(431);
    expect(JSON.parse(hugeHeaders.body)).toMatchObject({ status: 431, type: expect.any(String) });
  });

  it('answers a body longer than the limit with 413 problem+json', async () => {
    const res = await client(running.url, handler.token).post('/api/v1/cases', JSON.stringify({ description: 'x'.repeat(300_000) }));
    expectProblem(res, 413);
  });
});

describe('failed authentication limits', () => {
  let running: Running;
  let clock: FakeClock;
  let handler: TestUser;
  beforeAll(async () => {
    clock = new FakeClock();
    running = await startTestServer({ worker: false, clock, config: testConfig({ authFailuresPerMinute: 5 }) });
    handler = await addUser(running.engine, 'Анна', 'handler', null);
  });
  afterAll(() => running.close());

  it('answers 429 with Retry-After once a token has failed too often, while valid tokens keep working', async () => {
    const wrong = client(running.url, 'amd_wrong-token');
    for (let i = 0; i < 5; i++) expectProblem(await wrong.get('/api/v1/me'), 401);
    const limited = await wrong.get('/api/v1/me');
    expectProblem(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // The same address with a good token is not limited: only failures count.
    for (let i = 0; i < 8; i++) expect((await client(running.url, handler.token).get('/api/v1/me')).status).toBe(200);
    // The address is over the limit too, so another made-up token or none at all is refused as well.
    expectProblem(await client(running.url, 'amd_other').get('/api/v1/me'), 429);
    expectProblem(await client(running.url).get('/api/v1/cases'), 429);
    clock.advance(61_000);
    expectProblem(await wrong.get('/api/v1/me'), 401);
  });
});
