/** The customer's own answer on the status page shows in the console's timeline under the customer's name. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerActor } from '../../src/domain/roles.js';
import { dispatch } from '../../src/engine/dispatch.js';
import type { Running } from '../../src/server.js';
import { client, customer, ok, rub, startTestServer, testConfig } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson } from './people.js';

let running: Running;
beforeAll(async () => {
  running = await startTestServer({ worker: false, config: testConfig({ locale: 'en' }) });
});
afterAll(async () => running.close());

it('names the customer, not their id, as who accepted the offer', async () => {
  const anna = await addPerson(running.engine, 'Anna', 'handler', rub(100_000));
  const c = ok(await client(running.url, anna.token).post('/api/v1/cases', { customer: customer({ id: 'cust-77', name: 'Мария Иванова' }), channel: 'phone', description: 'Опоздали', scenario: 'late-arrival' }), 201).body;
  for (const e of [
    { type: 'APOLOGIZE', channel: 'phone', text: 'Простите нас.' },
    { type: 'EXPLAIN', cause: 'Маршрут спланировали плохо', prevention: 'Теперь с запасом', text: 'Вот почему.' },
    { type: 'OFFER', kind: 'credit', value: rub(30_000) },
  ]) {
    ok(await client(running.url, anna.token).event(c.id, e));
  }
  await dispatch(running.engine, c.id, { type: 'CUSTOMER_ACCEPTED' }, customerActor(c.id, { id: 'cust-77', name: 'Мария Иванова' }));
  const browser = formClient(running.url);
  await browser.signIn(anna.email, anna.password);
  const html = (await browser.get(`/cases/${c.id}`)).html;
  const timeline = html.slice(html.indexOf('class="timeline"'));
  expect(timeline).toContain('Мария Иванова');
  expect(timeline).not.toContain('cust-77');
});
