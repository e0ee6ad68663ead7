import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openCase } from '../../src/engine/open-case.js';
import { fireDueTimers } from '../../src/engine/worker.js';
import { createEngine } from '../../src/server.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { addUser, customer, DAY, FakeClock, rub, testConfig } from '../helpers.js';

describe('the deadline sweep', () => {
  let engine: Engine;
  afterEach(() => engine.store.close());

  it('finishes, and leaves the timers for the next sweep, when more timers fail than one batch holds', async () => {
    const clock = new FakeClock();
    engine = await createEngine(testConfig(), clock.now);
    await migrateToLatest(engine.store.db);
    const handler = await addUser(engine, 'Анна', 'handler', rub(100_000));
    // 2 timers a case (apologize, overall): 600 timers, more than the sweep's batch of 500.
    for (let i = 0; i < 300; i++) {
      await openCase(engine, { customer: customer({ id: `c-${i}` }), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' }, handler.actor);
    }
    // A deploy renamed the playbook: every fire now fails with a plain error, not a refusal.
    engine.catalog = new Map([...engine.catalog].filter(([id]) => id !== 'late-arrival'));
    clock.advance(30 * DAY);

    const fired = await fireDueTimers(engine);

    expect(fired).toBe(0);
    const pending = await engine.store.db.selectFrom('timers').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
    expect(Number(pending?.n)).toBe(600);
  });
});
