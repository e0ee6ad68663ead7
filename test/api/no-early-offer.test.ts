/**
 * No message names an offer before the compensate step makes one: the apology and the explanation
 * speak of putting things right, never of the playbook's suggested discount or credit, so they
 * cannot contradict what is offered (or approved) later. Real HTTP, real SQLite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalog } from '../../workflows/scenarios/index.js';
import type { Running } from '../../src/server.js';
import { outboxOfCase } from '../../src/store/outbox.js';
import { addUser, client, customer, FakeClock, recordingDeliverer, rub, startTestServer, ok, type TestUser } from '../helpers.js';

type Client = ReturnType<typeof client>;

let server: Running;
let lead: TestUser;
let asLead: Client;
let asHandler: Client;

beforeEach(async () => {
  server = await startTestServer({ clock: new FakeClock(new Date('2026-11-25T08:00:00.000Z')), deliver: recordingDeliverer() });
  lead = await addUser(server.engine, 'Ольга', 'lead');
  const handler = await addUser(server.engine, 'Анна', 'handler', rub(100_000));
  asLead = client(server.url, lead.token);
  asHandler = client(server.url, handler.token);
});

afterEach(async () => {
  await server.close();
});

/** A percentage or any amount of money: what a concrete offer would show. */
const OFFER_LIKE = /%|₽|RUB|EUR|USD|€|\$/;

const VARIANTS = [
  { variant: 'email', channel: 'email', contacts: {} },
  { variant: 'chat', channel: 'chat', contacts: {} },
  // A phone conversation is confirmed by SMS when the customer has a phone number.
  { variant: 'sms', channel: 'phone', contacts: { email: undefined, phone: '+79990001122' } },
] as const;

async function customerMessages(id: string) {
  const out = (await outboxOfCase(server.engine.store.db, id)).filter((m) => m.topic === 'customer');
  return out.map((m) => m.payload as { purpose: string; channel: string; locale: string; subject?: string; body: string; html?: string });
}

const allText = (m: { subject?: string; body: string; html?: string }) => [m.subject, m.body, m.html].filter(Boolean).join('\n');

async function openLate(locale: 'ru' | 'en', channel: string, contacts: Record<string, unknown>) {
  const body = { customer: customer({ name: locale === 'ru' ? 'Мария' : 'Mary', locale, ...contacts }), channel, description: 'Клинер опоздал на 40 минут', scenario: 'late-arrival' };
  return ok(await asHandler.post('/api/v1/cases', body), 201).body as { id: string };
}

describe('the messages before compensation', () => {
  it('suggests a discount in the late-arrival playbook, so there is something that could leak', () => {
    expect(catalog.get('late-arrival')?.offers[0]).toMatchObject({ kind: 'discount', percent: 15 });
  });

  for (const locale of ['ru', 'en'] as const) {
    for (const { variant, channel, contacts } of VARIANTS) {
      it(`name no offer in the ${locale} ${variant} apology and explanation, and the offer message names the value offered`, async () => {
        const c = await openLate(locale, channel, contacts);
        ok(await asHandler.event(c.id, { type: 'APOLOGIZE', channel }));
        ok(await asHandler.event(c.id, { type: 'EXPLAIN', cause: locale === 'ru' ? 'Исполнитель не учёл пробки' : 'The provider did not allow for traffic', prevention: locale === 'ru' ? 'Выезд с запасом' : 'We now leave earlier' }));
        const before = await customerMessages(c.id);
        expect(before.map((m) => [m.purpose, m.channel, m.locale])).toEqual([
          ['apology', variant, locale],
          ['explanation', variant, locale],
        ]);
        for (const m of before) expect(allText(m), `${locale}/${m.purpose}.${variant}`).not.toMatch(OFFER_LIKE);

        ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(80_000) }));
        const offer = (await customerMessages(c.id)).at(-1);
        expect(offer).toMatchObject({ purpose: 'offer', channel: variant, locale });
        expect(offer?.body).toContain(locale === 'ru' ? '800 ₽' : 'RUB 800');
        expect(offer?.body).not.toMatch(/15\s?%/);
      });
    }
  }

  it('follows the tour: the SMS apology after a call promises nothing, and the approval names the 3 000 ₽ the lead approved', async () => {
    const c = await openLate('ru', 'phone', { phone: '+79990001122' });
    const apologized = ok(await asHandler.event(c.id, { type: 'APOLOGIZE', channel: 'phone' })).body;
    expect(apologized.state).toBe('explain');
    const [apology] = await customerMessages(c.id);
    expect(apology).toMatchObject({ purpose: 'apology', channel: 'sms', locale: 'ru' });
    expect(apology?.body).toContain('Мария, простите нас');
    expect(apology?.body).not.toMatch(OFFER_LIKE);
    expect(apology?.body).not.toMatch(/скидк|бонус|предлож/i);

    ok(await asHandler.event(c.id, { type: 'EXPLAIN', cause: 'Исполнитель не учёл пробки', prevention: 'Выезд с запасом 30 минут' }));
    expect(ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(500_000) })).body.state).toBe('compensate.awaitingApproval');
    const approvals = ok(await asLead.get('/api/v1/approvals')).body.items;
    ok(await asLead.post(`/api/v1/approvals/${approvals[0].id}/decision`, { decision: 'approve', value: rub(300_000), comment: '3000 ₽ is fair' }));
    const messages = await customerMessages(c.id);
    expect(messages.map((m) => m.purpose)).toEqual(['apology', 'explanation', 'approval']);
    expect(messages[1]?.body).not.toMatch(OFFER_LIKE);
    expect(messages[2]?.body).toContain('3 000 ₽ бонусами');
  });

  for (const locale of ['ru', 'en'] as const) {
    for (const { variant, channel, contacts } of VARIANTS) {
      it(`quotes only the approved amount in the ${locale} ${variant} approval, never the request that waited for the lead`, async () => {
        const c = await openLate(locale, channel, contacts);
        ok(await asHandler.event(c.id, { type: 'APOLOGIZE', channel: 'phone' }));
        ok(await asHandler.event(c.id, { type: 'EXPLAIN', cause: 'Исполнитель не учёл пробки', prevention: 'Выезд с запасом 30 минут' }));
        expect(ok(await asHandler.event(c.id, { type: 'OFFER', kind: 'credit', value: rub(500_000) })).body.state).toBe('compensate.awaitingApproval');
        const approvals = ok(await asLead.get('/api/v1/approvals')).body.items;
        ok(await asLead.post(`/api/v1/approvals/${approvals[0].id}/decision`, { decision: 'approve', value: rub(300_000), comment: 'fair' }));
        const approval = (await customerMessages(c.id)).find((m) => m.purpose === 'approval');
        expect(approval?.channel).toBe(variant === 'sms' ? 'sms' : variant);
        // The handler's 5 000 ₽ waited for the lead and no message named it: the approval must not either.
        expect(allText(approval ?? { body: '' })).toMatch(/3[\s\u00a0\u202f]000|3,000/);
        expect(allText(approval ?? { body: '' })).not.toMatch(/5[\s\u00a0\u202f]000|5,000/);
      });
    }
  }
});

describe('previewing the apology', () => {
  it('names no suggested offer in either language or channel', async () => {
    for (const locale of ['ru', 'en'] as const) {
      const c = await openLate(locale, 'email', {});
      for (const v of VARIANTS) {
        const r = ok(await asHandler.post(`/api/v1/cases/${c.id}/messages/preview`, { template: 'apology', channel: v.variant }));
        expect(allText(r.body), `${locale}/${v.variant}`).not.toMatch(OFFER_LIKE);
      }
    }
  });
});
