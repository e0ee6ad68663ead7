import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { addUser, client, customer, rub, startTestServer, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;

beforeEach(async () => {
  running = await startTestServer();
  handler = await addUser(running.engine, 'Анна Смирнова', 'handler', rub(100_000));
});

afterEach(async () => {
  await running.close();
});

async function openWith(body: Record<string, unknown>) {
  const res = await client(running.url, handler.token).post('/api/v1/cases', { customer: customer(), channel: 'phone', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('opening a case without naming its scenario', () => {
  it('chooses the playbook from the description', async () => {
    const c = await openWith({ description: 'С карты списали дважды за одну уборку' });
    expect(c).toMatchObject({ scenario: { id: 'double-charge' }, tone: 'constructive', state: 'apologize' });
  });

  it('opens a hostile comment with no concrete problem as a conflict that starts with a personal call', async () => {
    const c = await openWith({ description: 'Вы все идиоты, ничего не умеете!!!' });
    expect(c).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', state: 'personalCall' });
  });

  it('opens a short polite text with no sign of anger under the generic playbook, not as a conflict', async () => {
    const texts = { en: ['hello', 'ok', 'Test complaint', 'second', 'Здравствуйте'], ru: ['Здравствуйте'] };
    for (const locale of ['en', 'ru'] as const) {
      for (const description of texts[locale]) {
        const c = await openWith({ customer: customer({ locale }), description });
        expect(c, `${locale}: ${description}`).toMatchObject({ scenario: { id: 'other' }, tone: 'constructive', severity: 'medium', state: 'apologize' });
      }
    }
  });

  it('still opens short outrage with no concrete problem as a conflict', async () => {
    expect(await openWith({ description: 'Ужас!' })).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', state: 'personalCall' });
    expect(await openWith({ customer: customer({ locale: 'en' }), description: 'worst ever' })).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', state: 'personalCall' });
  });

  it('opens an unrecognised complaint under the generic playbook', async () => {
    const c = await openWith({ description: 'Курьер припарковался на газоне у дома и оставил следы колёс' });
    expect(c).toMatchObject({ scenario: { id: 'other' }, tone: 'constructive' });
  });

  it('keeps the tone the caller gave over the classifier', async () => {
    const c = await openWith({ description: 'Дебилы, опять опоздали', tone: 'constructive' });
    expect(c).toMatchObject({ scenario: { id: 'late-arrival' }, tone: 'constructive', state: 'apologize' });
  });
});
