import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/domain/events.js';
import { openApiDocument } from '../../src/http/openapi.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, rub, startTestServer, testConfig, type TestUser } from '../helpers.js';

/**
 * Thousands of malformed, deep, oversized and type-confused requests across every documented route.
 * Seeded (FUZZ_SEED replays a run) and bounded in time (FUZZ_MS); asserts no 5xx, every error is
 * problem+json, and a refused request leaves every table exactly as it was.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 25_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4000);

let running: Running;
let people: TestUser[];
let caseIds: string[];

/** Every row of every table, hashed: a refused request must not move it. */
async function fingerprint(): Promise<{ tables: Map<string, string> }> {
  const db = running.engine.store.read;
  // The report read models (report_*) are derived data: a report brings them up to date before it answers.
  const names =
    running.engine.store.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'report\\_%' order by 1`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'report_%' order by name`.execute(db);
  const tables = new Map<string, string>();
  for (const { name } of names.rows) {
    const rows = await sql`select * from ${sql.table(name)} order by 1`.execute(db);
    tables.set(name, createHash('sha256').update(JSON.stringify(rows.rows)).digest('hex'));
  }
  return { tables };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function changedTables(before: { tables: Map<string, string> }, after: { tables: Map<string, string> }): string[] {
  return [...after.tables].filter(([t, h]) => before.tables.get(t) !== h).map(([t]) => t);
}

const weird = fc.constantFrom('', ' ', 'null', '%', '%ZZ', '..', '%2e%2e', '💥', 'a'.repeat(5000), '\u0000', '<script>', "'; drop table cases; --", '-1', '1e400', 'NaN', '[]', '{}');
const anyText = fc.oneof(weird, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

/** A JSON value nested `depth` levels, arrays or objects. */
const deep = fc.record({ depth: fc.oneof(fc.integer({ min: 20, max: 40 }), fc.integer({ min: 1000, max: 20_000 })), kind: fc.constantFrom('[', '{') }).map(({ depth, kind }) =>
  kind === '[' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
);

const money = fc.oneof(fc.record({ minor: fc.oneof(fc.integer(), fc.double(), fc.constant(1e300), fc.string()), currency: fc.oneof(fc.constantFrom('RUB', 'EUR', 'USD', 'XXX'), anyText) }), fc.jsonValue());
const fieldValue = fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), money, fc.array(anyText, { maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }));
const FIELDS = ['type', 'text', 'channel', 'cause', 'prevention', 'summary', 'reason', 'kind', 'value', 'percent', 'note', 'ownerId', 'orderId', 'comment', 'decision', 'limit', 'minor', 'currency', 'customer', 'description', 'scenario', 'tone', 'executorId', 'amount', 'jobValue', 'rating', '__proto__', 'constructor'];

/** Bodies that look almost right: real field names and event types with confused values. */
const nearMiss = fc.record({
  type: fc.oneof(fc.constantFrom(...EVENT_TYPES), anyText),
  fields: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), anyText), fieldValue, { maxKeys: 6 }),
}).map(({ type, fields }) => JSON.stringify({ type, ...fields }));

const openCaseMiss = fc.record({ customer: fc.oneof(fc.constant(customer()), fc.record({ ...Object.fromEntries(Object.keys(customer()).map((k) => [k, fieldValue])) }, { requiredKeys: [] })), channel: fc.oneof(fc.constant('phone'), anyText), description: fc.oneof(anyText, fc.integer()), extra: fc.option(fieldValue) }, { requiredKeys: [] }).map((b) => JSON.stringify(b));

/** Well-formed requests, so refusals of the business rules (403, 409, 412, 422) are fuzzed too. */
const validBody = () =>
  fc.constantFrom(
    { type: 'ASSIGN', ownerId: people[0]?.id },
    { type: 'REASSIGN', ownerId: people[1]?.id },
    { type: 'CALL_LOGGED', summary: 'Поговорили' },
    { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' },
    { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Выезжаем раньше', text: 'Объясняем' },
    { type: 'OFFER', kind: 'credit', value: rub(5_000) },
    { type: 'OFFER', kind: 'refund', value: rub(50_000_000) },
    { type: 'OFFER', kind: 'discount', percent: 15, value: rub(1_000) },
    { type: 'APPROVE_OFFER', comment: 'Ок' },
    { type: 'REJECT_OFFER', comment: 'Нет' },
    { type: 'CUSTOMER_ACCEPTED' },
    { type: 'CUSTOMER_DECLINED', reason: 'Не надо' },
    { type: 'ISSUE' },
    { type: 'SKIP_COMPENSATION', reason: 'Не дефект' },
    { type: 'FOLLOW_UP', text: 'Всё хорошо?', rating: 'good' },
    { type: 'REOPEN', reason: 'Снова' },
    { type: 'ESCALATE', reason: 'Срочно' },
    { type: 'ORDER_PLACED', orderId: 'ord-2' },
    { type: 'CLOSE_LOST', reason: 'Ушёл' },
    { type: 'REVERT', reason: 'Ошибка' },
    { type: 'RECORD_RECOVERY', executorId: 'ex-1', amount: rub(100) },
    { type: 'DEADLINE_MISSED', step: 'apologize' },
    { decision: 'approve', comment: 'Ок' },
    { decision: 'reject', comment: 'Нет' },
    { limit: rub(10_000) },
    rub(1_000_000),
    { customer: customer(), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival', ownerId: people[1]?.id },
  ).map((b) => JSON.stringify(b));

const body = () => fc.oneof(
  { weight: 10, arbitrary: validBody() },
  { weight: 3, arbitrary: nearMiss },
  { weight: 2, arbitrary: openCaseMiss },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)) },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ text: 'x'.repeat(300_000) })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const PATHS = (openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
const ROUTES = Object.keys(PATHS);
/** Every documented operation, so most requests reach a handler instead of the 404 of an unknown route. */
const OPERATIONS = Object.entries(PATHS).flatMap(([route, ops]) =>
  Object.keys(ops).flatMap((method) => Array<{ route: string; method: string }>(method === 'get' ? 1 : 4).fill({ route, method: method.toUpperCase() })),
);
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
const QUERY_KEYS = ['status', 'owner', 'scenario', 'tone', 'state', 'customer', 'breaching', 'limit', 'cursor', 'after', 'from', 'to', 'currency'];

interface Fuzzed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function request(): fc.Arbitrary<Fuzzed> {
  const idValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...caseIds, ...people.map((p) => p.id), 'late-arrival') },
    { weight: 1, arbitrary: weird.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: weird },
  );
  const target = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...OPERATIONS) },
    { weight: 1, arbitrary: fc.record({ route: fc.constantFrom(...ROUTES, '/', '/api/v1', '/api/v1/nothing'), method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') }) },
  );
  const query = fc.oneof(fc.constant([] as Array<[string, string]>), fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), anyText, fc.constant('a[b]')), fc.oneof(anyText, fc.integer().map(String), fc.constant('2026-11-30'))), { minLength: 1, maxLength: 4 }));
  const auth = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...people.map((p) => `Bearer ${p.token}`)) },
    { weight: 1, arbitrary: fc.oneof(fc.constant(undefined), fc.constant('Bearer '), fc.constant('Basic Zm9vOmJhcg=='), anyText.map((t) => `Bearer ${t.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, '')}`)) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/merge-patch+json', 'multipart/form-data; boundary=x') },
  );
  const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '');
  return fc
    .record({
      target,
      id: idValue,
      extra: rarely(fc.constantFrom('/', '//', '/x', '?', '#', '/..')),
      query,
      auth,
      contentType,
      idempotencyKey: rarely(fc.oneof(fc.string({ maxLength: 12 }).map(ascii), fc.constant('k'.repeat(300)))),
      ifMatch: rarely(fc.oneof(fc.constantFrom('"1"', '*', 'W/"2"', '"x"', '99999999999999999999'), fc.string({ maxLength: 8 }).map(ascii))),
      prefer: rarely(fc.constantFrom('return=minimal', 'return=representation', 'garbage')),
      accept: rarely(fc.constantFrom('text/csv', 'application/json', 'text/html', '*/*', 'image/png')),
      body: body(),
    })
    .map((r) => {
      const method = r.target.method;
      const path = r.target.route.replace(/\{[^}]+\}/g, r.id) + (r.extra ?? '');
      const qs = r.query.length ? `?${r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
      const headers: Record<string, string> = {};
      if (r.auth !== undefined) headers.authorization = r.auth;
      if (r.contentType !== undefined && r.body !== undefined) headers['content-type'] = r.contentType;
      if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
      if (r.ifMatch !== null) headers['if-match'] = r.ifMatch;
      if (r.prefer !== null) headers.prefer = r.prefer;
      if (r.accept !== null) headers.accept = r.accept;
      const canHaveBody = method !== 'GET' && method !== 'HEAD';
      return { method, path: path + qs, headers, body: canHaveBody ? r.body : undefined };
    });
}

describe('fuzzing every route', () => {
  beforeAll(async () => {
    // Only failed authentications are limited; a high limit keeps the fuzzer's junk tokens answered 401.
    running = await startTestServer({ worker: false, config: testConfig({ authFailuresPerMinute: 1_000_000 }) });
    const handler = await addUser(running.engine, 'Анна', 'handler', rub(100_000));
    const lead = await addUser(running.engine, 'Ольга', 'lead');
    const admin = await addUser(running.engine, 'Иван', 'admin');
    people = [handler, lead, admin];
    const api = client(running.url, handler.token);
    caseIds = [];
    for (const scenario of ['late-arrival', 'property-damage']) {
      const opened = await api.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Опоздали', scenario });
      caseIds.push(opened.body.id);
    }
    await api.event(caseIds[0] as string, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' });
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  });
  afterAll(() => running.close());

  it('answers no malformed request with a 5xx, every error as problem+json, and refused requests change nothing', async () => {
    let before = await fingerprint();
    const deadline = Date.now() + BUDGET_MS;
    let sent = 0;
    let tFetch = 0;
    let tPrint = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request(), async (r) => {
        // The time bound is kept here rather than by fast-check's interrupt, which would abandon a
        // request in flight and let it change the database after the final comparison.
        if (Date.now() > deadline) return;
        sent++;
        const t0 = performance.now();
        const res = await fetch(`${running.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
        const text = await res.text();
        tFetch += performance.now() - t0;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const what = `${r.method} ${r.path.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
        expect(res.status, what).toBeLessThan(500);
        if (res.status >= 400) {
          const type = res.headers.get('content-type') ?? '';
          // The customer's status page may answer a browser with a small HTML page.
          const htmlStatusPage = r.path.startsWith('/status/') && type.startsWith('text/html');
          if (!htmlStatusPage) {
            expect(type, what).toMatch(/^application\/problem\+json/);
            if (r.method !== 'HEAD') expect(JSON.parse(text), what).toMatchObject({ status: res.status, type: expect.any(String), title: expect.any(String), detail: expect.any(String), instance: expect.any(String) });
          }
        }
        // Reads are checked in bulk: any change they made shows up at the next refused write.
        if (WRITES.has(r.method)) {
          const t1 = performance.now();
          const after = await fingerprint();
          tPrint += performance.now() - t1;
          if (res.status >= 400) expect(changedTables(before, after), `refused, yet changed: ${what}`).toEqual([]);
          before = after;
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(changedTables(before, await fingerprint()), 'changed by a read').toEqual([]);
    console.log(`fuzz: ${sent} requests (${Math.round(tFetch)} ms in HTTP, ${Math.round(tPrint)} ms comparing tables); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    // A count, not a rate: a loaded machine sends fewer in the same time, and that is no failure.
    expect(sent).toBeGreaterThan(100);
  }, BUDGET_MS + 60_000);

  it('answers raw, broken HTTP with problem+json or closes, never with a 5xx', async () => {
    const { port } = new URL(running.url);
    const line = fc.oneof(
      fc.constantFrom('GET / HTTP/1.1', 'POST /api/v1/cases HTTP/1.1', 'GET /healthz HTTP/9.9', 'BREW /pot HTCPCP/1.0', 'GET /\u0000 HTTP/1.1', ''),
      fc.string({ maxLength: 40 }),
    );
    const header = fc.oneof(
      fc.constantFrom('Host: x', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Content-Length: 1, 2', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'X: \u0001', `X-Big: ${'a'.repeat(20_000)}`, ': empty', 'Bad Header Name: 1'),
      fc.string({ maxLength: 30 }),
    );
    const raw = fc.record({ line, headers: fc.array(header, { maxLength: 4 }), body: fc.string({ maxLength: 30 }) }).map(({ line, headers, body }) => `${line}\r\n${headers.join('\r\n')}\r\n\r\n${body}`);
    await fc.assert(
      fc.asyncProperty(raw, async (bytes) => {
        const answer = await new Promise<string>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
          const chunks: Buffer[] = [];
          socket.setTimeout(3000, () => socket.destroy());
          socket.on('data', (c) => chunks.push(c));
          socket.on('error', () => resolve(Buffer.concat(chunks).toString('latin1')));
          socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
        });
        // Pipelined requests may get several answers; each one is checked.
        for (const m of answer.matchAll(/HTTP\/1\.1 (\d{3})[^\r]*\r\n((?:[^\r]+\r\n)*)/g)) {
          const status = Number(m[1]);
          expect(status, JSON.stringify(bytes.slice(0, 200))).toBeLessThan(500);
          if (status >= 400) expect(m[2], JSON.stringify(bytes.slice(0, 200))).toMatch(/content-type: (application\/problem\+json|text\/html)/i);
        }
      }),
      { seed: SEED, numRuns: 300, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false, endOnFailure: true },
    );
  }, 60_000);
});
