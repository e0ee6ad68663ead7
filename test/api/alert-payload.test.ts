import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { outboxOfCase } from '../../src/store/outbox.js';
import { addUser, client, customer, FakeClock, rub, startTestServer, type TestUser } from '../helpers.js';

describe('alert payloads', () => {
  let running: Running;
  let handler: TestUser;
  let lead: TestUser;
  const alertsOf = async (caseId: string) =>
    (await outboxOfCase(running.engine.store.db, caseId)).filter((m) => m.topic === 'slack').map((m) => m.payload);

  beforeEach(async () => {
    running = await startTestServer({ clock: new FakeClock() });
    handler = await addUser(running.engine, 'Ханна', 'handler', rub(10_000));
    lead = await addUser(running.engine, 'Лена', 'lead');
  });
  afterEach(async () => {
    await running.close();
  });

  async function walkToChoosing() {
    const h = client(running.url, handler.token);
    const opened = await h.post('/api/v1/cases', { customer: customer(), channel: 'phone', description: 'Разбили вазу при уборке гостиной', scenario: 'property-damage' });
    const id = opened.body.id as string;
    await h.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас' });
    await h.event(id, { type: 'EXPLAIN', cause: 'неаккуратность', prevention: 'обучение', text: 'Мы обучим исполнителя' });
    return { h, id };
  }

  it('carries who owns the case, what it is about, what is due and the first words of the complaint', async () => {
    const { h, id } = await walkToChoosing();
    await h.event(id, { type: 'OFFER', kind: 'credit', value: rub(500_000) });
    const [alert] = await alertsOf(id);
    expect(alert).toMatchObject({
      kind: 'approvalRequested',
      caseId: id,
      scenarioTitle: { ru: 'Порча имущества', en: 'Property damage' },
      owner: { id: handler.id, name: 'Ханна' },
      customer: { name: 'Мария Иванова' },
      firstWords: 'Разбили вазу при уборке гостиной',
    });
    expect((alert?.due as Array<{ step: string }>).map((d) => d.step)).toContain('approval');
    expect(alert?.reasons).toBeDefined();
  });

  it('alerts the leads when a resolved case is reopened', async () => {
    const { h, id } = await walkToChoosing();
    await h.event(id, { type: 'SKIP_COMPENSATION', reason: 'клиент отказался' });
    await h.event(id, { type: 'FOLLOW_UP', text: 'Всё хорошо?' });
    const reopened = await client(running.url, lead.token).event(id, { type: 'REOPEN', reason: 'ваза всё ещё не возмещена' });
    expect(reopened.body.state).toBe('explain');
    const alerts = await alertsOf(id);
    expect(alerts.map((a) => a.kind)).toEqual(['reopened']);
    expect(alerts[0]).toMatchObject({ reason: 'ваза всё ещё не возмещена', owner: { name: 'Ханна' } });
  });
});
