/**
 * The three reports on a small history written through the API with a fake clock; every expected
 * figure below is computed by hand from that history (see the comments), in JSON and in CSV.
 *
 * November 2026 in Moscow (the team's zone):
 *  c5 late-arrival, Anna: opened 20 Oct (outside the cohort); 50 000 issued 1 Nov.
 *  c3 property-damage, Anna: opened 1 Nov 12:00Z; deadlines missed by 2 Nov 12:00Z; apology then (24 h).
 *  c1 late-arrival, Anna: opened 4 Nov 10:00Z; apology +30 min; 20 000 issued; resolved +4 h (good);
 *     won back 5 Nov; re-rated good with a comment on the status page (a thank-you).
 *  c2 late-arrival, Boris: opened 6 Nov 10:00Z; apology +2 h; 30 000 issued, 10 000 recovered;
 *     resolved +6 h (bad), reopened +8 h, resolved again +10 h (neutral).
 *  c4 other (no playbook matched), Boris: opened 10 Nov, untouched.
 *  c6 late-arrival, Anna: opened and 10 000 issued 1 Dec (outside the period).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, setBudget } from '../../src/engine/admin.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, HOUR, ok, rub, startTestServer, type TestUser } from '../helpers.js';

let server: Running;
let clock: FakeClock;
let lead: ReturnType<typeof client>;
let anna: TestUser;
let boris: TestUser;
const ids: Record<string, string> = {};
const NOV = 'from=2026-11-01&to=2026-11-30';

async function open(as: TestUser, key: string, scenario: string, description = 'Клинер опоздал'): Promise<ReturnType<typeof client>> {
  const h = client(server.url, as.token);
  ids[key] = ok(await h.post('/api/v1/cases', { customer: customer({ id: `cust-${key}` }), channel: 'phone', description, scenario }), 201).body.id;
  return h;
}
const apologize = (h: ReturnType<typeof client>, id: string) => h.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' }).then((r) => ok(r));
const explain = (h: ReturnType<typeof client>, id: string) => h.event(id, { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Запас времени', text: 'Мы виноваты.' }).then((r) => ok(r));
async function compensate(h: ReturnType<typeof client>, id: string, minor: number): Promise<void> {
  ok(await h.event(id, { type: 'OFFER', kind: 'credit', value: rub(minor) }));
  ok(await h.event(id, { type: 'CUSTOMER_ACCEPTED' }));
  ok(await h.event(id, { type: 'ISSUE' }));
}

beforeAll(async () => {
  clock = new FakeClock();
  server = await startTestServer({ clock });
  lead = client(server.url, (await addUser(server.engine, 'Лена Лидова', 'lead')).token);
  anna = await addUser(server.engine, 'Анна Смирнова', 'handler', rub(100_000));
  boris = await addUser(server.engine, 'Борис Петров', 'handler', rub(100_000));
  await setBudget(server.engine.store, CLI, rub(1_000_000), clock.now().toISOString());

  clock.set('2026-10-20T10:00:00.000Z');
  const a = await open(anna, 'c5', 'late-arrival');
  await apologize(a, ids.c5!);
  await explain(a, ids.c5!);
  clock.set('2026-11-01T10:00:00.000Z');
  await compensate(a, ids.c5!, 50_000);

  clock.set('2026-11-01T12:00:00.000Z');
  await open(anna, 'c3', 'property-damage', 'Разбили вазу');
  clock.set('2026-11-02T12:00:00.000Z');
  await server.worker?.tick();
  await apologize(a, ids.c3!);

  clock.set('2026-11-04T10:00:00.000Z');
  await open(anna, 'c1', 'late-arrival');
  clock.advance(HOUR / 2);
  await apologize(a, ids.c1!);
  await explain(a, ids.c1!);
  clock.advance(HOUR / 2);
  await compensate(a, ids.c1!, 20_000);
  clock.set('2026-11-04T14:00:00.000Z');
  ok(await a.event(ids.c1!, { type: 'FOLLOW_UP', text: 'Всё хорошо?', rating: 'good' }));
  clock.set('2026-11-05T10:00:00.000Z');
  ok(await lead.event(ids.c1!, { type: 'ORDER_PLACED', orderId: 'ord-again' }));
  clock.set('2026-11-05T11:00:00.000Z');
  const statusUrl: string = ok(await lead.get(`/api/v1/cases/${ids.c1}`)).body.statusUrl;
  const rated = await fetch(`${statusUrl}/rating`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ rating: 'good', comment: 'Спасибо, всё отлично!' }) });
  expect(rated.status).toBe(303);

  clock.set('2026-11-06T10:00:00.000Z');
  const b = await open(boris, 'c2', 'late-arrival');
  clock.advance(2 * HOUR);
  await apologize(b, ids.c2!);
  await explain(b, ids.c2!);
  clock.advance(HOUR);
  await compensate(b, ids.c2!, 30_000);
  ok(await lead.event(ids.c2!, { type: 'RECORD_RECOVERY', executorId: 'exec-1', amount: rub(10_000) }));
  clock.set('2026-11-06T16:00:00.000Z');
  ok(await b.event(ids.c2!, { type: 'FOLLOW_UP', text: 'Всё хорошо?', rating: 'bad' }));
  clock.set('2026-11-06T18:00:00.000Z');
  ok(await b.event(ids.c2!, { type: 'REOPEN', reason: 'Клиент недоволен' }));
  await explain(b, ids.c2!);
  clock.set('2026-11-06T19:00:00.000Z');
  ok(await b.event(ids.c2!, { type: 'SKIP_COMPENSATION', reason: 'Уже возместили', notify: false }));
  clock.set('2026-11-06T20:00:00.000Z');
  ok(await b.event(ids.c2!, { type: 'FOLLOW_UP', text: 'А теперь?', rating: 'neutral' }));

  clock.set('2026-11-10T10:00:00.000Z');
  await open(boris, 'c4', 'other', 'Курьер перепутал подъезд');

  clock.set('2026-12-01T10:00:00.000Z');
  const a6 = await open(anna, 'c6', 'late-arrival');
  await apologize(a6, ids.c6!);
  await explain(a6, ids.c6!);
  await compensate(a6, ids.c6!, 10_000);
});

afterAll(async () => {
  await server.close();
});

const csvLines = async (path: string) => {
  const r = await lead.get(path, { accept: 'text/csv' });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toContain('text/csv');
  return (r.body as string).trim().split(/\r?\n/);
};

describe('GET /api/v1/reports/scenarios', () => {
  it('gives per scenario the cohort of the period: share, nearest-rank median and p90, deadlines, money, reopen and win-back', async () => {
    const body = ok(await lead.get(`/api/v1/reports/scenarios?${NOV}`)).body;
    expect(body.totalCases).toBe(4);
    expect(body.items).toEqual([
      {
        scenario: 'late-arrival', currency: 'RUB', cases: 2, share: 0.5,
        // first responses 30 min and 2 h; resolutions 4 h and 10 h (the last one after the reopen)
        firstResponseMedianMs: 0.5 * HOUR, firstResponseP90Ms: 2 * HOUR, resolutionMedianMs: 4 * HOUR, resolutionP90Ms: 10 * HOUR,
        deadlineHitRate: 1, issued: rub(50_000), recovered: rub(10_000), net: rub(40_000), reopenRate: 0.5, wonBackRate: 0.5,
      },
      {
        scenario: 'other', currency: 'RUB', cases: 1, share: 0.25, firstResponseMedianMs: null, firstResponseP90Ms: null, resolutionMedianMs: null, resolutionP90Ms: null,
        deadlineHitRate: 1, issued: rub(0), recovered: rub(0), net: rub(0), reopenRate: 0, wonBackRate: 0,
      },
      {
        scenario: 'property-damage', currency: 'RUB', cases: 1, share: 0.25, firstResponseMedianMs: 24 * HOUR, firstResponseP90Ms: 24 * HOUR, resolutionMedianMs: null, resolutionP90Ms: null,
        deadlineHitRate: 0, issued: rub(0), recovered: rub(0), net: rub(0), reopenRate: 0, wonBackRate: 0,
      },
    ]);
    expect(body.unmatched).toEqual([{ caseId: ids.c4, openedAt: '2026-11-10T10:00:00.000Z', description: 'Курьер перепутал подъезд' }]);
  });

  it('answers the same figures as CSV, money in major units', async () => {
    expect(await csvLines(`/api/v1/reports/scenarios?${NOV}`)).toEqual([
      'scenario,currency,cases,share,firstResponseMedianMs,firstResponseP90Ms,resolutionMedianMs,resolutionP90Ms,deadlineHitRate,issued,recovered,net,reopenRate,wonBackRate',
      'late-arrival,RUB,2,0.5,1800000,7200000,14400000,36000000,1,500.00,100.00,400.00,0.5,0.5',
      'other,RUB,1,0.25,,,,,1,0.00,0.00,0.00,0,0',
      'property-damage,RUB,1,0.25,86400000,86400000,,,0,0.00,0.00,0.00,0,0',
    ]);
    expect(await csvLines(`/api/v1/reports/scenarios?${NOV}&view=unmatched`)).toEqual(['caseId,openedAt,description', `${ids.c4},2026-11-10T10:00:00.000Z,Курьер перепутал подъезд`]);
  });
});

describe('GET /api/v1/reports/handlers', () => {
  it('counts per owner the cases handled and resolved, deadlines kept, the latest ratings, compensation and thanks', async () => {
    const body = ok(await lead.get(`/api/v1/reports/handlers?${NOV}`)).body;
    expect(body.items).toEqual([
      // c3 (missed, open) and c1 (resolved, good, then re-rated good with a comment)
      { ownerId: anna.id, name: 'Анна Смирнова', currency: 'RUB', casesHandled: 2, resolved: 1, deadlineHitRate: 0.5, ratingsGood: 1, ratingsNeutral: 0, ratingsBad: 0, compensationIssued: rub(20_000), thanks: 1 },
      // c2 (bad, then neutral after the reopen) and c4 (untouched)
      { ownerId: boris.id, name: 'Борис Петров', currency: 'RUB', casesHandled: 2, resolved: 1, deadlineHitRate: 1, ratingsGood: 0, ratingsNeutral: 1, ratingsBad: 0, compensationIssued: rub(30_000), thanks: 0 },
    ]);
    expect(await csvLines(`/api/v1/reports/handlers?${NOV}`)).toEqual([
      'ownerId,name,currency,casesHandled,resolved,deadlineHitRate,ratingsGood,ratingsNeutral,ratingsBad,compensationIssued,thanks',
      `${anna.id},Анна Смирнова,RUB,2,1,0.5,1,0,0,200.00,1`,
      `${boris.id},Борис Петров,RUB,2,1,1,0,1,0,300.00,0`,
    ]);
  });
});

describe('GET /api/v1/reports/compensation', () => {
  it('sums the money of the period by scenario, month against the budget, kind, and per case, with won-back per 1000 spent', async () => {
    const body = ok(await lead.get(`/api/v1/reports/compensation?${NOV}`)).body;
    // 50 000 (c5) + 20 000 (c1) + 30 000 (c2) issued in November; 10 000 recovered (c2)
    expect(body.items).toEqual([{ scenario: 'late-arrival', currency: 'RUB', offers: 3, approvalRequests: 0, issuedCount: 3, issued: rub(100_000), reverted: rub(0), recovered: rub(10_000), net: rub(90_000) }]);
    expect(body.months).toEqual([
      { month: '2026-11', currency: 'RUB', issuedCount: 3, issued: rub(100_000), reverted: rub(0), recovered: rub(10_000), spent: rub(100_000), net: rub(90_000), budget: rub(1_000_000), budgetUsed: 0.1 },
    ]);
    expect(body.kinds).toEqual([{ kind: 'credit', currency: 'RUB', issuedCount: 3, issued: rub(100_000), reverted: rub(0), recovered: rub(10_000), net: rub(90_000) }]);
    // 90 000 / 3 per case; one compensated case (c1) won back for 900 ₽ net: 1 / 0.9 thousand
    expect(body.totals).toEqual([{ currency: 'RUB', issuedCount: 3, issued: rub(100_000), net: rub(90_000), averagePerCase: rub(30_000), wonBack: 1, wonBackPerThousand: 1.1111 }]);

    expect(await csvLines(`/api/v1/reports/compensation?${NOV}&view=months`)).toEqual([
      'month,currency,issuedCount,issued,reverted,recovered,spent,net,budget,budgetUsed',
      '2026-11,RUB,3,1000.00,0.00,100.00,1000.00,900.00,10000.00,0.1',
    ]);
    expect(await csvLines(`/api/v1/reports/compensation?${NOV}&view=totals`)).toEqual([
      'currency,issuedCount,issued,net,averagePerCase,wonBack,wonBackPerThousand',
      'RUB,3,1000.00,900.00,300.00,1,1.1111',
    ]);
  });

  it('covers a year month by month, December included', async () => {
    const months = ok(await lead.get('/api/v1/reports/compensation?from=2026-01-01&to=2026-12-31')).body.months;
    expect(months.map((m: { month: string; issued: { minor: number } }) => [m.month, m.issued.minor])).toEqual([
      ['2026-11', 100_000],
      ['2026-12', 10_000],
    ]);
  });
});

describe('who may read the reports', () => {
  it('answers a handler 403 for each of them', async () => {
    const h = client(server.url, anna.token);
    for (const r of ['scenarios', 'handlers', 'compensation']) expect((await h.get(`/api/v1/reports/${r}`)).status).toBe(403);
  });
});
