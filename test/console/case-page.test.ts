import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { client, customer, ok, rub, startTestServer } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
let anna: Person;
let lead: Person;
let caseId: string;
let browser: ReturnType<typeof formClient>;

const api = () => client(running.url, anna.token);
const state = async () => (await api().get(`/api/v1/cases/${caseId}`)).body;
/** Post one of the case page's action forms as the browser would, with the version the page showed. */
const act = async (event: string, fields: Record<string, string>, version?: number) => {
  const page = await browser.get(`/cases/${caseId}`, { 'accept-language': 'en' });
  const shown = Number(/name="_version" value="(\d+)"/.exec(page.html)?.[1]);
  return browser.post(`/cases/${caseId}/events`, { _event: event, _version: String(version ?? shown), ...fields });
};

beforeAll(async () => {
  running = await startTestServer({ worker: false });
  anna = await addPerson(running.engine, 'Anna', 'handler', rub(100_000));
  lead = await addPerson(running.engine, 'Olga', 'lead');
});
beforeEach(async () => {
  const opened = await api().post('/api/v1/cases', { customer: customer(), orderId: 'ord-1', channel: 'email', description: 'Late by 40 minutes', scenario: 'late-arrival' });
  caseId = ok(opened, 201).body.id;
  browser = formClient(running.url);
  await browser.signIn(anna.email, anna.password);
  await browser.post('/language', { locale: 'en', next: '/queue' });
});
afterAll(async () => running.close());

describe('the case page', () => {
  it('shows the customer, the complaint, the statechart, the checklist, the budget and only the actions allowed now', async () => {
    const page = await browser.get(`/cases/${caseId}`, { 'accept-language': 'en' });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Late by 40 minutes');
    expect(page.html).toContain('ord-1');
    expect(page.html).toMatch(/class="step current"[^>]*><span>Apologize/);
    expect(page.html).toContain('class="step ahead"><span>Explain');
    expect(page.html).toContain('₽1,000.00');
    const forms = [...page.html.matchAll(/id="action-([A-Z_]+)"/g)].map((m) => m[1]);
    expect(forms).toContain('APOLOGIZE');
    expect(forms).not.toContain('EXPLAIN');
    expect(forms).not.toContain('APPROVE_OFFER');
    expect(page.html).not.toMatch(/<script(?![^>]*src="\/assets\/htmx\.min\.js")/);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
  });

  it('sends the apology as a plain form post and redirects back to the page, which says it is done', async () => {
    const res = await act('APOLOGIZE', { channel: '', text: '' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/cases/${caseId}?done=APOLOGIZE`);
    expect((await state()).state).toBe('explain');
    const page = await browser.get(res.location as string, { 'accept-language': 'en' });
    expect(page.html).toContain('Done: Apologize');
    expect(page.html).toContain('class="step done"><span>Apologize');
  });

  it('previews the handler’s own words with the lint findings inline, changing nothing', async () => {
    const res = await act('APOLOGIZE', { text: 'Мария, вы указали неверный адрес', _preview: '1' });
    expect(res.status).toBe(200);
    expect(res.html).toContain('class="notice warn lint"');
    expect(res.html).toContain('вы указали неверный');
    // What the handler typed stays in the composer.
    expect(res.html).toContain('>Мария, вы указали неверный адрес</textarea>');
    expect((await state()).version).toBe(1);
  });

  it('previews the message of the action asked about: skipping compensation shows the not-a-defect note quoting the reason', async () => {
    await act('APOLOGIZE', {});
    await act('EXPLAIN', { cause: 'Traffic', prevention: 'Leave earlier' });
    const res = await act('SKIP_COMPENSATION', { reason: 'Проверили: уборка заняла положенное время', _preview: '1' });
    expect(res.status).toBe(200);
    const form = res.html.slice(res.html.indexOf('id="action-SKIP_COMPENSATION"'));
    expect(form).toContain('class="preview-box"');
    expect(form.slice(0, form.indexOf('</form>'))).toContain('уборка заняла положенное время');
    expect((await state()).state).toBe('compensate.choosing');
  });

  it('refuses a message the lint flags, with the findings on the page, and changes nothing', async () => {
    const res = await act('APOLOGIZE', { text: 'Мария, вы указали неверный адрес' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('shifts blame');
    expect(res.html).toContain('field-error');
    expect((await state()).state).toBe('apologize');
  });

  it('shows validation errors next to their fields', async () => {
    await act('APOLOGIZE', {});
    const res = await act('EXPLAIN', { cause: '', prevention: 'Leave earlier' });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/What happened and why[\s\S]*?<textarea name="cause"[^>]*><\/textarea>\s*<span class="field-error" role="alert">Fill this in<\/span>/);
    // What was typed stays.
    expect(res.html).toContain('>Leave earlier</textarea>');
    expect((await state()).state).toBe('explain');
  });

  it('says a stale form is stale and shows where the case is now, instead of failing', async () => {
    const page = await browser.get(`/cases/${caseId}`);
    const version = Number(/name="_version" value="(\d+)"/.exec(page.html)?.[1]);
    ok(await api().event(caseId, { type: 'APOLOGIZE' }));
    const res = await browser.post(`/cases/${caseId}/events`, { _event: 'APOLOGIZE', _version: String(version) });
    expect(res.status).toBe(409);
    expect(res.html).toMatch(/The case changed while you were on the page: it is now at “Explain”|дело изменилось: теперь оно на шаге «Объяснить»/);
    expect(res.html).toContain('id="action-EXPLAIN"');
    expect((await state()).version).toBe(2);
  });

  it('refuses an action that is not allowed now, on the page', async () => {
    const res = await act('ISSUE', {});
    expect(res.status).toBe(409);
    expect(res.html).toContain('class="notice error"');
    expect((await state()).state).toBe('apologize');
  });

  it('turns an amount in major units into minor units; above the limit the offer waits for a lead', async () => {
    await act('APOLOGIZE', {});
    await act('EXPLAIN', { cause: 'Traffic', prevention: 'Leave earlier' });
    const res = await act('OFFER', { kind: 'credit', value: '1 500,50' });
    expect(res.status).toBe(303);
    const c = await state();
    expect(c.state).toBe('compensate.awaitingApproval');
    expect(c.offer.value).toEqual({ minor: 150_050, currency: 'RUB' });
  });

  it('refuses an amount that is not one, next to the field', async () => {
    await act('APOLOGIZE', {});
    await act('EXPLAIN', { cause: 'Traffic', prevention: 'Leave earlier' });
    const res = await act('OFFER', { kind: 'credit', value: '12.345' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Enter an amount');
    expect((await state()).state).toBe('compensate.choosing');
  });

  it('lets a lead decide in the inbox: a missing comment is refused inline, a rejection sends the case back to choosing', async () => {
    await act('APOLOGIZE', {});
    await act('EXPLAIN', { cause: 'Traffic', prevention: 'Leave earlier' });
    await act('OFFER', { kind: 'credit', value: '5000' });
    const offerId = (await state()).pendingApproval as string;
    const leadBrowser = formClient(running.url);
    await leadBrowser.signIn(lead.email, lead.password);
    const inbox = await leadBrowser.get('/approvals', { 'accept-language': 'en' });
    expect(inbox.html).toContain(`data-offer-id="${offerId}"`);
    expect(inbox.html).toContain('above the handler&#x27;s personal limit');
    const noComment = await leadBrowser.post(`/approvals/${offerId}/decision`, { decision: 'approve', value: '3000', comment: '' });
    expect(noComment.status).toBe(400);
    expect((await state()).state).toBe('compensate.awaitingApproval');
    const tooMuch = await leadBrowser.post(`/approvals/${offerId}/decision`, { decision: 'approve', value: '6000', comment: 'more' });
    expect(tooMuch.status).toBe(400);
    const rejected = await leadBrowser.post(`/approvals/${offerId}/decision`, { decision: 'reject', comment: 'Too much for 40 minutes' });
    expect(rejected.status).toBe(303);
    expect(rejected.location).toBe('/approvals?done=reject');
    expect((await state()).state).toBe('compensate.choosing');
    const again = await leadBrowser.post(`/approvals/${offerId}/decision`, { decision: 'reject', comment: 'again' });
    expect(again.status).toBe(409);
  });
});
