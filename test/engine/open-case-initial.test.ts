import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase } from '../../src/engine/open-case.js';
import type { Running } from '../../src/server.js';
import { loadCase } from '../../src/store/cases.js';
import { addUser, customer, startTestServer } from '../helpers.js';

describe('opening cases alike', () => {
  let running: Running;
  beforeEach(async () => {
    running = await startTestServer();
  });
  afterEach(async () => {
    await running.close();
  });

  it('gives each case its own snapshot, though the first step is computed once per tone and owner', async () => {
    const owner = await addUser(running.engine, 'Handler', 'handler');
    const open = async () =>
      (await openCase(running.engine, { customer: customer(), channel: 'web', description: 'Вы хамы', scenario: 'rude-staff', tone: 'conflict' }, owner.actor)).record;
    const first = await open();
    (first.snapshot as { context: { escalated: boolean } }).context.escalated = true;
    const second = await open();
    expect(second.state).toBe('personalCall');
    expect((second.snapshot as { context: { escalated: boolean; ownerId: string } }).context).toMatchObject({ escalated: false, ownerId: owner.id });
    expect(await loadCase(running.engine.store.db, second.id)).toMatchObject({ snapshot: JSON.parse(JSON.stringify(second.snapshot)), state: 'personalCall' });
  });

  it('gives each case a status token of the time and 144 random bits', async () => {
    const owner = await addUser(running.engine, 'Handler', 'handler');
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const { record } = await openCase(running.engine, { customer: customer(), channel: 'web', description: 'Опоздали', scenario: 'late-arrival' }, owner.actor);
      expect(record.statusToken).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{24}$/);
      tokens.add(record.statusToken);
    }
    expect(tokens.size).toBe(3);
  });
});
