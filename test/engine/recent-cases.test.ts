/**
 * Each process remembers the cases it wrote last and starts the next event from there. Another
 * process writing the case in between must be seen: the next event starts from that write.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/dispatch.js';
import type { Engine } from '../../src/engine/engine.js';
import { openCase } from '../../src/engine/open-case.js';
import { createEngine } from '../../src/server.js';
import { loadCase } from '../../src/store/cases.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { readJournal } from '../../src/store/journal.js';
import { addUser, customer, FakeClock, testConfig } from '../helpers.js';

const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.store.close();
});

describe('the cases a process wrote last', () => {
  it('are read again from the database once another process has written them', async () => {
    const config = testConfig();
    const clock = new FakeClock();
    const a = await createEngine(config, clock.now);
    engines.push(a);
    await migrateToLatest(a.store.db);
    const b = await createEngine(config, clock.now);
    engines.push(b);
    const handler = await addUser(a, 'Анна', 'handler');
    const { record } = await openCase(a, { customer: customer(), channel: 'phone', description: 'Опоздали на час', scenario: 'late-arrival' }, handler.actor);
    await dispatch(a, record.id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' }, handler.actor);
    // The other process moves the case on; the first one still remembers it at the apology.
    await dispatch(b, record.id, { type: 'ESCALATE', reason: 'клиент снова написал' }, handler.actor);
    const r = await dispatch(
      a,
      record.id,
      { type: 'EXPLAIN', cause: 'Два заказа стояли слишком близко.', prevention: 'Теперь между заказами час.', text: 'Вот что случилось.' },
      handler.actor,
    );
    expect(r?.record.version).toBe(4);
    expect(r?.record.escalated).toBe(true);
    const stored = await loadCase(a.store.db, record.id);
    expect(stored?.escalated).toBe(true);
    expect(stored?.state).toBe(r?.record.state);
    expect((await readJournal(a.store.db, record.id)).map((e) => [e.version, e.type])).toEqual([
      [1, 'OPENED'],
      [2, 'APOLOGIZE'],
      [3, 'ESCALATE'],
      [4, 'EXPLAIN'],
    ]);
  });
});
