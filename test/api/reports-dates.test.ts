/** The compensation report: inclusive days in the team's zone, amounts as money objects, CSV in major units. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type Reply, ok } from '../helpers.js';

let server: Running;
let clock: FakeClock;
let asLead: ReturnType<typeof client>;

/** Pay out `minor` on a late-arrival case at the clock's current time. */
async function issue(minor: number, custId: string): Promise<void> {
  const opened = ok(await asLead.post('/api/v1/cases', { customer: customer({ id: custId }), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' }), 201);
  const id: string = opened.body.id;
  ok(await asLead.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите.' }));
  ok(await asLead.event(id, { type: 'EXPLAIN', cause: 'Пробки', prevention: 'Запас', text: 'Мы виноваты.' }));
  ok(await asLead.event(id, { type: 'OFFER', kind: 'credit', value: rub(minor) }));
  ok(await asLead.event(id, { type: 'CUSTOMER_ACCEPTED' }));
  ok(await asLead.event(id, { type: 'ISSUE' }));
}

beforeAll(async () => {
  clock = new FakeClock();
  // The team works in Moscow (UTC+3): the 30th there runs 2026-11-29T21:00Z … 2026-11-30T21:00Z.
  server = await startTestServer({ clock });
  asLead = client(server.url, (await addUser(server.engine, 'Лена Лидова', 'lead')).token);
  clock.set('2026-11-29T20:30:00.000Z'); // the 29th, 23:30 in Moscow
  await issue(10_000, 'c-29');
  clock.set('2026-11-30T20:30:00.000Z'); // the 30th, 23:30 in Moscow
  await issue(30_000, 'c-30');
  clock.set('2026-11-30T21:30:00.000Z'); // already 1 December in Moscow
  await issue(70_000, 'c-dec');
});

afterAll(async () => {
  await server.close();
});

const issuedIn = async (query: string) => {
  const items = ok(await asLead.get(`/api/v1/reports/compensation?${query}`)).body.items as Array<{ issued: { minor: number } }>;
  return items.reduce((sum, i) => sum + i.issued.minor, 0);
};

describe('report periods', () => {
  it('includes the whole last day named by `to`, in the team time zone', async () => {
    expect(await issuedIn('from=2026-11-01&to=2026-11-30')).toBe(40_000);
    expect(await issuedIn('from=2026-11-30&to=2026-11-30')).toBe(30_000);
    expect(await issuedIn('from=2026-12-01&to=2026-12-01')).toBe(70_000);
    expect(await issuedIn('from=2026-11-01&to=2026-11-29')).toBe(10_000);
  });

  it('takes date-times exactly, `to` exclusive', async () => {
    expect(await issuedIn('from=2026-11-30T00:00:00Z&to=2026-11-30T20:30:00Z')).toBe(0);
    expect(await issuedIn('from=2026-11-30T00:00:00Z&to=2026-11-30T20:30:00.001Z')).toBe(30_000);
  });

  it('refuses a period that ends before it starts', async () => {
    expect((await asLead.get('/api/v1/reports/compensation?from=2026-11-30&to=2026-11-29')).status).toBe(400);
  });
});

describe('report amounts', () => {
  it('are {minor, currency} objects in JSON', async () => {
    const body = ok(await asLead.get('/api/v1/reports/compensation?from=2026-11-01&to=2026-11-30')).body;
    expect(body.items).toEqual([
      { scenario: 'late-arrival', currency: 'RUB', offers: 2, approvalRequests: 0, issuedCount: 2, issued: rub(40_000), reverted: rub(0), recovered: rub(0), net: rub(40_000) },
    ]);
  });

  it('are major units with a currency column in CSV', async () => {
    const csv = await asLead.get('/api/v1/reports/compensation?from=2026-11-01&to=2026-11-30', { accept: 'text/csv' });
    expect((csv.body as string).trim().split(/\r?\n/)).toEqual([
      'scenario,currency,offers,approvalRequests,issuedCount,issued,reverted,recovered,net',
      'late-arrival,RUB,2,0,2,400.00,0.00,0.00,400.00',
    ]);
  });
});
