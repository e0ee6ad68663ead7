import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { client, customer, ok, rub, startTestServer } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
let anna: Person;
let olga: Person;
let handlerPage: ReturnType<typeof formClient>;
let leadPage: ReturnType<typeof formClient>;

beforeAll(async () => {
  running = await startTestServer({ worker: false });
  anna = await addPerson(running.engine, 'Anna', 'handler', rub(100_000));
  olga = await addPerson(running.engine, 'Olga', 'lead');
  handlerPage = formClient(running.url);
  await handlerPage.signIn(anna.email, anna.password);
  leadPage = formClient(running.url);
  await leadPage.signIn(olga.email, olga.password);
});
afterAll(async () => running.close());

/** Both roles open the case page in its current state: it renders, with its statechart. */
async function bothSee(caseId: string, state: string) {
  for (const [who, page] of [['handler', handlerPage], ['lead', leadPage]] as const) {
    const res = await page.get(`/cases/${caseId}`);
    expect(res.status, `${who} at ${state}`).toBe(200);
    expect(res.html, `${who} at ${state}`).toContain('class="steps"');
  }
}

const formsOn = async (page: ReturnType<typeof formClient>, caseId: string) => [...(await page.get(`/cases/${caseId}`)).html.matchAll(/id="action-([A-Z_]+)"/g)].map((m) => m[1]);

describe('the case page in every state', () => {
  it('renders from triage to won back, for a handler and a lead, offering each the actions they may take', async () => {
    const lead = client(running.url, olga.token);
    const handler = client(running.url, anna.token);
    const id = ok(await lead.post('/api/v1/cases', { customer: customer(), orderId: 'ord-9', channel: 'phone', description: 'Late', scenario: 'late-arrival', ownerId: null }), 201).body.id;
    await bothSee(id, 'triage');
    expect(await formsOn(handlerPage, id)).toContain('ASSIGN');
    // A handler takes an unassigned case with one click: the form names her.
    const take = await handlerPage.post(`/cases/${id}/events`, { _event: 'ASSIGN', _version: '1', ownerId: anna.id });
    expect(take.status).toBe(303);
    const walk: Array<[string, Record<string, unknown>, ReturnType<typeof client>]> = [
      ['apologize', { type: 'APOLOGIZE' }, handler],
      ['explain', { type: 'EXPLAIN', cause: 'Traffic', prevention: 'Leave earlier' }, handler],
      ['compensate.choosing', { type: 'OFFER', kind: 'credit', value: rub(300_000) }, handler],
      ['compensate.awaitingApproval', { type: 'APPROVE_OFFER', comment: 'ok', value: rub(200_000) }, lead],
      ['compensate.offered', { type: 'CUSTOMER_ACCEPTED' }, handler],
      ['compensate.accepted', { type: 'ISSUE' }, handler],
      ['followUp', { type: 'FOLLOW_UP', rating: 'good' }, handler],
      ['resolved', { type: 'ORDER_PLACED', orderId: 'ord-10' }, lead],
    ];
    for (const [state, event, who] of walk) {
      expect((await handler.get(`/api/v1/cases/${id}`)).body.state).toBe(state);
      await bothSee(id, state);
      if (state === 'compensate.awaitingApproval') {
        expect(await formsOn(handlerPage, id)).not.toContain('APPROVE_OFFER');
        expect(await formsOn(leadPage, id)).toContain('APPROVE_OFFER');
      }
      ok(await who.event(id, event));
    }
    await bothSee(id, 'wonBack');
    const last = await handlerPage.get(`/cases/${id}`);
    expect(last.html).not.toContain('id="action-');
    expect(last.html.match(/class="step done"/g)).toHaveLength(4);
  });

  it('shows a conflict case starting with the personal call, and a skipped compensation as skipped', async () => {
    const handler = client(running.url, anna.token);
    const id = ok(await handler.post('/api/v1/cases', { customer: customer({ id: 'c-9' }), channel: 'phone', description: 'You are all useless', scenario: 'hostile-unclear', tone: 'conflict' }), 201).body.id;
    await bothSee(id, 'personalCall');
    expect((await handlerPage.get(`/cases/${id}`)).html).toMatch(/class="step current"[^>]*><span>[^<]*(call|звонок)/i);
    expect(await formsOn(handlerPage, id)).toContain('CALL_LOGGED');
    ok(await handler.event(id, { type: 'CALL_LOGGED', summary: 'Talked it through' }));
    ok(await handler.event(id, { type: 'APOLOGIZE' }));
    ok(await handler.event(id, { type: 'EXPLAIN', cause: 'A misunderstanding', prevention: 'Clearer booking page' }));
    ok(await handler.event(id, { type: 'SKIP_COMPENSATION', reason: 'Nothing was damaged', notify: false }));
    await bothSee(id, 'followUp');
    expect((await handlerPage.get(`/cases/${id}`)).html).toMatch(/class="step skipped"><span>[^<]*(Compensate|Компенсировать)/);
  });
});
