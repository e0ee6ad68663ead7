import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, ok, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
const caseIds: string[] = [];

beforeAll(async () => {
  running = await startTestServer();
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', { minor: 100_000, currency: 'RUB' });
  const api = client(running.url, handler.token);
  for (let i = 0; i < 32; i++) {
    const opened = ok(await api.post('/api/v1/cases', { customer: customer({ id: `cust-${i}` }), channel: 'phone', description: 'Клинер опоздал', scenario: 'late-arrival' }), 201);
    caseIds.push(opened.body.id);
  }
});
afterAll(async () => running.close());

const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no ${series} in /metrics`);
  return Number(line.slice(series.length + 1));
};

describe('group commit over HTTP', () => {
  it('commits 32 concurrent events in fewer than 32 groups, each acknowledged after its commit', async () => {
    const api = client(running.url, handler.token);
    // Open 32 keep-alive connections first, so that the 32 events go out at once on ready sockets.
    await Promise.all(caseIds.map((id) => api.get(`/api/v1/cases/${id}`)));
    const before = (await api.get('/metrics')).body as string;
    const replies = await Promise.all(caseIds.map((id) => api.event(id, { type: 'ESCALATE', reason: 'the customer wrote again' })));
    for (const r of replies) expect(r.status).toBe(200);
    const after = (await api.get('/metrics')).body as string;
    const groups = sample(after, 'amends_commit_groups_total') - sample(before, 'amends_commit_groups_total');
    const carried = sample(after, 'amends_commit_group_size_sum') - sample(before, 'amends_commit_group_size_sum');
    // Every event was carried by a commit that finished before its reply…
    expect(carried).toBe(32);
    // …and requests that arrived together shared commits.
    expect(groups).toBeGreaterThan(0);
    expect(groups).toBeLessThan(32);
    // Each acknowledged event is in the database, read back on the read connection.
    for (const id of caseIds) expect(ok(await api.get(`/api/v1/cases/${id}`)).body.version).toBe(2);
  });
});
