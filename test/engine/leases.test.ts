/**
 * Timers and outbox messages are claimed with a lease in a transaction of their own, then worked on
 * after commit. Several workers (in one process here; in several processes in
 * test/api/multi-process.test.ts) never take the same row while its lease runs, and a row whose
 * worker died is taken over once the lease has expired. Runs on SQLite and on Postgres.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deliver } from '../../src/alerts/deliver.js';
import { dispatch } from '../../src/engine/dispatch.js';
import { deliverOutbox, fireDueTimers } from '../../src/engine/worker.js';
import { workerStats } from '../../src/engine/worker-stats.js';
import { inTransaction } from '../../src/store/db.js';
import { claimDuePending } from '../../src/store/outbox.js';
import { claimDueTimers } from '../../src/store/timers.js';
import { openCase } from '../../src/engine/open-case.js';
import { customer, DAY, recordingDeliverer } from '../helpers.js';
import { world, type World } from './fixture.js';

const LEASE_MS = 60_000;
let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());

async function outboxRows(): Promise<Array<{ id: string; status: string }>> {
  return w.engine.store.db.selectFrom('outbox').select(['id', 'status']).orderBy('id').execute();
}

/** A late-arrival case of the handler: an apology deadline and an overall one. */
async function openOne(customerId = 'c-1'): Promise<string> {
  const { record } = await openCase(w.engine, { customer: customer({ id: customerId }), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival' }, w.handler.actor);
  return record.id;
}

/** Cases with messages waiting in the outbox (the apology goes to the customer). */
async function casesWithMessages(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const id = await openOne(`c-${i}`);
    await dispatch(w.engine, id, { type: 'APOLOGIZE', channel: 'email', text: 'Простите нас, пожалуйста.' }, w.handler.actor);
  }
}

/** A worker that claims and then dies: its lease is written, its work never done. */
async function dieAfterClaiming(what: 'timers' | 'outbox'): Promise<number> {
  const now = w.engine.clock().toISOString();
  const lease = { by: 'dead-worker', until: new Date(w.engine.clock().getTime() + LEASE_MS).toISOString() };
  return inTransaction(w.engine.store, async (trx) =>
    what === 'timers'
      ? (await claimDueTimers(trx, w.engine.store.dialect, now, 500, lease)).timers.length
      : (await claimDuePending(trx, w.engine.store.dialect, now, 500, lease)).messages.length,
  );
}

describe('outbox leases', () => {
  it('let two workers sweeping at the same moment send each message once', async () => {
    await casesWithMessages(6);
    const rows = await outboxRows();
    expect(rows.length).toBeGreaterThan(5);
    const deliver = recordingDeliverer();
    const [a, b] = await Promise.all([
      deliverOutbox(w.engine, deliver, undefined, { workerId: 'a', leaseMs: LEASE_MS }),
      deliverOutbox(w.engine, deliver, undefined, { workerId: 'b', leaseMs: LEASE_MS }),
    ]);
    expect(a + b).toBe(rows.length);
    expect(deliver.sent.map((m) => m.id).sort()).toEqual(rows.map((r) => r.id));
    expect((await outboxRows()).every((r) => r.status === 'delivered')).toBe(true);
  });

  it('leave a message claimed by a worker that died alone until its lease expires, then send it once', async () => {
    await casesWithMessages(2);
    const claimed = await dieAfterClaiming('outbox');
    expect(claimed).toBe((await outboxRows()).length);
    const deliver = recordingDeliverer();

    expect(await deliverOutbox(w.engine, deliver, undefined, { workerId: 'b', leaseMs: LEASE_MS })).toBe(0);
    w.clock.advance(LEASE_MS);
    expect(await deliverOutbox(w.engine, deliver, undefined, { workerId: 'b', leaseMs: LEASE_MS })).toBe(claimed);
    expect(await deliverOutbox(w.engine, deliver, undefined, { workerId: 'c', leaseMs: LEASE_MS })).toBe(0);

    expect(deliver.sent).toHaveLength(claimed);
    expect(workerStats(w.engine).reclaims.outbox).toBe(claimed);
  });

  it('does not mark a message delivered by a worker whose lease another took over meanwhile', async () => {
    await casesWithMessages(1);
    const [row] = await outboxRows();
    let arrived!: () => void;
    const slowArrived = new Promise<void>((r) => (arrived = r));
    let finish!: () => void;
    const slowReceiver = new Promise<void>((r) => (finish = r));
    const sent: string[] = [];
    const slow: Deliver = async (m) => {
      sent.push(`slow:${m.id}`);
      arrived();
      await slowReceiver;
      return { status: 'delivered' };
    };
    const fast: Deliver = async (m) => {
      sent.push(`fast:${m.id}`);
      return { status: 'delivered' };
    };
    const stalled = deliverOutbox(w.engine, slow, undefined, { workerId: 'slow', leaseMs: LEASE_MS });
    await slowArrived;
    // The slow worker stalls past its lease: another worker takes the message and sends it.
    w.clock.advance(LEASE_MS);
    expect(await deliverOutbox(w.engine, fast, undefined, { workerId: 'fast', leaseMs: LEASE_MS })).toBe(1);
    finish();
    expect(await stalled).toBe(0);

    expect(sent).toEqual([`slow:${row?.id}`, `fast:${row?.id}`]);
    expect(workerStats(w.engine).leasesLost).toBe(1);
    const [after] = await outboxRows();
    expect(after?.status).toBe('delivered');
    const holder = await w.engine.store.db.selectFrom('outbox').select(['leased_by', 'attempts']).executeTakeFirstOrThrow();
    expect(holder.attempts).toBe(0);
  });
});

describe('timer leases', () => {
  it('let two workers sweeping at the same moment fire each due timer once', async () => {
    for (let i = 0; i < 5; i++) await openOne(`c-${i}`);
    w.clock.advance(30 * DAY);
    const due = await w.engine.store.db.selectFrom('timers').select('id').where('status', '=', 'pending').execute();
    const [a, b] = await Promise.all([
      fireDueTimers(w.engine, undefined, { workerId: 'a', leaseMs: LEASE_MS }),
      fireDueTimers(w.engine, undefined, { workerId: 'b', leaseMs: LEASE_MS }),
    ]);
    expect(a + b).toBe(due.length);
    const missed = await w.engine.store.db.selectFrom('journal').select('case_id').where('type', '=', 'DEADLINE_MISSED').execute();
    expect(missed).toHaveLength(due.length);
    expect(workerStats(w.engine).claims.timers).toBe(due.length);
  });

  it('leave a timer claimed by a worker that died alone until its lease expires, then fire it once', async () => {
    const id = await openOne();
    w.clock.advance(30 * DAY);
    const claimed = await dieAfterClaiming('timers');
    expect(claimed).toBeGreaterThan(0);

    expect(await fireDueTimers(w.engine, undefined, { workerId: 'b', leaseMs: LEASE_MS })).toBe(0);
    w.clock.advance(LEASE_MS);
    expect(await fireDueTimers(w.engine, undefined, { workerId: 'b', leaseMs: LEASE_MS })).toBe(claimed);
    expect(await fireDueTimers(w.engine, undefined, { workerId: 'c', leaseMs: LEASE_MS })).toBe(0);

    const missed = await w.engine.store.db.selectFrom('journal').select('version').where('case_id', '=', id).where('type', '=', 'DEADLINE_MISSED').execute();
    expect(missed).toHaveLength(claimed);
    expect(workerStats(w.engine).reclaims.timers).toBe(claimed);
  });
});
