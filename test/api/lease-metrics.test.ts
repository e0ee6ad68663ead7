/** /metrics shows what the worker did with leases: claims per queue, expired-lease reclaims, CAS retries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/store/db.js';
import { claimDuePending } from '../../src/store/outbox.js';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, DAY, FakeClock, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;
const clock = new FakeClock();

beforeAll(async () => {
  running = await startTestServer({ clock });
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', { minor: 100_000, currency: 'RUB' });
});
afterAll(async () => running.close());

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics of leases', () => {
  it('counts claimed timers and messages, the ones taken over from a dead worker, and CAS retries', async () => {
    const api = client(running.url, handler.token);
    const opened = await api.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Клинер опоздал', scenario: 'late-arrival' });
    await api.event(opened.body.id, { type: 'APOLOGIZE', channel: 'email', text: 'Простите нас, пожалуйста.' });
    const store = running.engine.store;
    const messages = await store.db.selectFrom('outbox').select('id').execute();
    // A worker elsewhere claimed the messages and died.
    const now = clock.now().toISOString();
    await inTransaction(store, (trx) => claimDuePending(trx, store.dialect, now, 100, { by: 'dead', until: new Date(clock.now().getTime() + 1000).toISOString() }));
    clock.advance(DAY);
    const timers = await store.db.selectFrom('timers').select('id').where('status', '=', 'pending').where('due_at', '<=', clock.now().toISOString()).execute();
    await running.worker?.tick();

    const text = (await client(running.url).get('/metrics')).body as string;
    expect(sample(text, 'amends_lease_claims_total{queue="timers"}')).toBe(timers.length);
    expect(sample(text, 'amends_lease_claims_total{queue="outbox"}')).toBeGreaterThanOrEqual(messages.length);
    expect(sample(text, 'amends_lease_reclaims_total{queue="outbox"}')).toBe(messages.length);
    expect(sample(text, 'amends_lease_reclaims_total{queue="timers"}')).toBe(0);
    expect(sample(text, 'amends_cas_retries_total')).toBe(0);
    expect(sample(text, 'amends_leases_lost_total')).toBe(0);
  });
});
