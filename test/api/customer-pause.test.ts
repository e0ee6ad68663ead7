/** While an offer is with the customer the compensate step waits for them: its deadline stops and resumes on a decline. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { dueTimers, timersOfCase } from '../../src/store/timers.js';
import { addUser, client, customer, DAY, FakeClock, HOUR, rub, startTestServer, type Reply } from '../helpers.js';

let server: Running;
let clock: FakeClock;
let h: ReturnType<typeof client>;

beforeEach(async () => {
  clock = new FakeClock(); // Wednesday 25 November 2026, 12:00 in Moscow
  server = await startTestServer({ clock });
  // The case view is checked by the case suites; here only the deadlines matter.
  h = client(server.url, (await addUser(server.engine, 'Анна', 'handler', rub(100_000))).token, { contract: false });
});

afterEach(async () => {
  await server.close();
});

function ok(r: Reply, status = 200): Reply {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

async function choosing(scenario: string): Promise<string> {
  const id = ok(await h.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Жалоба', scenario }), 201).body.id;
  ok(await h.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' }));
  ok(await h.event(id, { type: 'EXPLAIN', cause: 'ошибка', prevention: 'проверяем', text: 'Мы ошиблись' }));
  return id;
}

const compensateTimers = async (id: string) =>
  (await timersOfCase(server.engine.store.db, id, ['pending', 'paused', 'fired'])).filter((t) => t.key === 'step:compensate');

describe('waiting for the customer', () => {
  it('stops the compensate deadline while the offer is with the customer and gives back the time left on a decline', async () => {
    const id = await choosing('late-arrival'); // compensate: P2D on the wall clock
    expect((await compensateTimers(id))[0]).toMatchObject({ status: 'pending', dueAt: '2026-11-27T09:00:00.000Z' });

    clock.advance(DAY);
    ok(await h.event(id, { type: 'OFFER', kind: 'credit', value: rub(50_000), note: 'бонусы' }));
    expect((await compensateTimers(id))[0]?.status).toBe('paused');

    // Three days with the customer: without the pause the step would be a day overdue.
    clock.advance(3 * DAY);
    expect((await dueTimers(server.engine.store, clock.now().toISOString(), 100)).map((t) => t.key)).not.toContain('step:compensate');

    ok(await h.event(id, { type: 'CUSTOMER_DECLINED', reason: 'не нужно' }));
    expect(await compensateTimers(id)).toEqual([expect.objectContaining({ status: 'pending', dueAt: new Date(clock.now().getTime() + DAY).toISOString() })]);
  });

  it('gives back working time for a business-hours playbook, counted from the decline', async () => {
    const id = await choosing('billing-error'); // compensate: one working day, 09:00–18:00 Moscow
    expect((await compensateTimers(id))[0]?.dueAt).toBe('2026-11-26T09:00:00.000Z');

    clock.advance(2 * HOUR); // 14:00: seven working hours left
    ok(await h.event(id, { type: 'OFFER', kind: 'credit', value: rub(50_000), note: 'бонусы' }));
    clock.set('2026-11-30T07:00:00.000Z'); // Monday 10:00 in Moscow
    ok(await h.event(id, { type: 'CUSTOMER_DECLINED', reason: 'хочу возврат' }));
    expect((await compensateTimers(id))[0]).toMatchObject({ status: 'pending', dueAt: '2026-11-30T14:00:00.000Z' });
  });

  it('restarts the clock when the customer accepts, so issuing stays on time', async () => {
    const id = await choosing('late-arrival');
    clock.advance(DAY);
    ok(await h.event(id, { type: 'OFFER', kind: 'credit', value: rub(50_000), note: 'бонусы' }));
    clock.advance(5 * DAY);
    ok(await h.event(id, { type: 'CUSTOMER_ACCEPTED' }));
    expect((await compensateTimers(id))[0]).toMatchObject({ status: 'pending', dueAt: new Date(clock.now().getTime() + DAY).toISOString() });
  });
});
