/** Every playbook's suggested offers, as the case view gives them, are accepted as OFFER. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { catalog } from '../../workflows/scenarios/index.js';
import { addUser, client, customer, FakeClock, startTestServer, type Reply, ok } from '../helpers.js';

let server: Running;
let asLead: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock() });
  asLead = client(server.url, (await addUser(server.engine, 'Лена Лидова', 'lead')).token);
});

afterAll(async () => {
  await server.close();
});

async function caseInChoosing(scenario: string, currency: string): Promise<{ id: string; suggestedOffers: Array<Record<string, unknown>> }> {
  const opened = ok(await asLead.post('/api/v1/cases', { customer: customer(), channel: 'email', description: 'Жалоба', scenario, currency }), 201);
  const id: string = opened.body.id;
  if (opened.body.state === 'personalCall') ok(await asLead.event(id, { type: 'CALL_LOGGED', summary: 'Поговорили' }));
  ok(await asLead.event(id, { type: 'APOLOGIZE', channel: 'email', text: 'Простите нас.' }));
  const explained = ok(await asLead.event(id, { type: 'EXPLAIN', cause: 'Наша ошибка', prevention: 'Исправим', text: 'Мы виноваты.' }));
  expect(explained.body.state).toBe('compensate.choosing');
  return explained.body;
}

describe('suggested offers', () => {
  for (const [id, scenario] of catalog) {
    it(`${id}: each suggestion is sent as given and accepted`, async () => {
      for (const currency of ['RUB', 'EUR']) {
        for (let i = 0; i < scenario.offers.length; i++) {
          const c = await caseInChoosing(id, currency);
          const suggestion = c.suggestedOffers[i] as Record<string, unknown>;
          if (suggestion.kind !== 'discount') expect(suggestion.value).toMatchObject({ currency });
          const sent = ok(await asLead.event(c.id, { type: 'OFFER', ...suggestion }));
          expect(sent.body.offer).toMatchObject({ kind: suggestion.kind });
          if (suggestion.kind === 'discount') expect(sent.body.offer).toMatchObject({ percent: suggestion.percent, value: { minor: 0, currency } });
        }
      }
    });
  }
});
