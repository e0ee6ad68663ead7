/** Admin pages of the console: people and the team budget, every change through admin.ts (audited). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { listAudit } from '../../src/store/audit.js';
import { findUserByEmail } from '../../src/store/users.js';
import { client, startTestServer, testConfig } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
let admin: Person;
let lead: Person;
let handler: Person;

beforeAll(async () => {
  running = await startTestServer({ worker: false, config: testConfig({ locale: 'en' }) });
  admin = await addPerson(running.engine, 'Ada Admin', 'admin');
  lead = await addPerson(running.engine, 'Olga Lead', 'lead');
  handler = await addPerson(running.engine, 'Hank Handler', 'handler');
});
afterAll(async () => running.close());

async function asAdmin() {
  const browser = formClient(running.url);
  await browser.signIn(admin.email, admin.password);
  await browser.post('/language', { locale: 'en', next: '/admin/people' });
  await browser.get('/admin/people');
  return browser;
}

const secretOf = (html: string) => /<code class="secret" data-secret>([^<]+)<\/code>/.exec(html)?.[1];

describe('people, for admins', () => {
  it('creates a handler with e-mail, password, role and limit, shows their token once, and they sign in', async () => {
    const browser = await asAdmin();
    const res = await browser.post('/admin/people', { name: 'Nina New', email: 'Nina@Example.com', password: 'nina-secret-1', role: 'handler', limit: '1 500,50' });
    expect(res.status).toBe(201);
    expect(res.html).toContain('Nina New was added');
    const token = secretOf(res.html);
    expect(token).toMatch(/^amd_/);
    const me = await client(running.url, token).get('/api/v1/me');
    expect(me.body).toMatchObject({ name: 'Nina New', role: 'handler', limit: { minor: 150_050, currency: 'RUB' } });
    // Shown once: the list never shows it again.
    expect((await browser.get('/admin/people')).html).not.toContain(token!);
    const nina = formClient(running.url);
    await nina.signIn('nina@example.com', 'nina-secret-1');
    expect((await nina.get('/queue')).html).toContain('Nina New');
    const audit = await listAudit(running.engine.store.read, { limit: 100 });
    expect(audit.some((a) => a.action === 'user.create' && a.actorId === admin.id)).toBe(true);
  });

  it('refuses a bad form with the reason and creates nobody', async () => {
    const browser = await asAdmin();
    const short = await browser.post('/admin/people', { name: 'Shorty', email: 'shorty@example.com', password: 'short', role: 'handler', limit: '' });
    expect(short.status).toBe(400);
    expect(short.html).toContain('Check the form');
    expect(short.html).toContain('value="shorty@example.com"');
    const badLimit = await browser.post('/admin/people', { name: 'Shorty', email: 'shorty@example.com', password: 'long-enough', role: 'handler', limit: '-5' });
    expect(badLimit.status).toBe(400);
    const taken = await browser.post('/admin/people', { name: 'Again', email: handler.email, password: 'long-enough', role: 'handler', limit: '' });
    expect(taken.status).toBe(409);
    expect(await findUserByEmail(running.engine.store.read, 'shorty@example.com')).toBeUndefined();
  });

  it('sets a limit, resets a password (signing the person out) and deactivates, each audited', async () => {
    const person = await addPerson(running.engine, 'Pavel', 'handler');
    const pavel = formClient(running.url);
    await pavel.signIn(person.email, person.password);
    const browser = await asAdmin();
    const limit = await browser.post(`/admin/people/${person.id}/limit`, { limit: '2000' });
    expect(limit.status).toBe(303);
    expect((await browser.get(limit.location!)).html).toContain('The limit of Pavel is saved.');
    expect((await client(running.url, person.token).get('/api/v1/me')).body.limit).toEqual({ minor: 200_000, currency: 'RUB' });

    await browser.get('/admin/people');
    expect((await browser.post(`/admin/people/${person.id}/password`, { password: 'brand-new-pass' })).status).toBe(303);
    expect((await pavel.get('/queue')).status).toBe(303);
    await expect(formClient(running.url).signIn(person.email, person.password)).rejects.toThrow();
    await formClient(running.url).signIn(person.email, 'brand-new-pass');

    await browser.get('/admin/people');
    expect((await browser.post(`/admin/people/${person.id}/active`, { active: 'false' })).status).toBe(303);
    await expect(formClient(running.url).signIn(person.email, 'brand-new-pass')).rejects.toThrow();
    expect((await client(running.url, person.token).get('/api/v1/me')).status).toBe(401);

    const actions = (await listAudit(running.engine.store.read, { limit: 100 })).filter((a) => a.subject === person.id).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.limit', 'user.password', 'user.deactivate']));
    const passwordEntry = (await listAudit(running.engine.store.read, { limit: 100 })).find((a) => a.action === 'user.password');
    expect(JSON.stringify(passwordEntry)).not.toContain('brand-new-pass');
    expect(JSON.stringify(passwordEntry)).not.toContain('scrypt');
  });

  it('issues an API token shown once', async () => {
    const browser = await asAdmin();
    const res = await browser.post(`/admin/people/${handler.id}/token`);
    expect(res.status).toBe(201);
    const token = secretOf(res.html);
    expect((await client(running.url, token).get('/api/v1/me')).body.id).toBe(handler.id);
  });

  it('does not let an admin deactivate themself', async () => {
    const browser = await asAdmin();
    const res = await browser.post(`/admin/people/${admin.id}/active`, { active: 'false' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('You cannot deactivate yourself.');
  });
});

describe('the team budget, for admins', () => {
  it('sets the monthly budget (audited) and shows it', async () => {
    const browser = await asAdmin();
    await browser.get('/admin/budget');
    const res = await browser.post('/admin/budget', { amount: '300 000' });
    expect(res.status).toBe(303);
    const page = await browser.get(res.location!);
    expect(page.html).toContain('The monthly budget is now');
    expect((await client(running.url, lead.token).get('/api/v1/budget')).body.budget).toEqual({ minor: 30_000_000, currency: 'RUB' });
    expect((await listAudit(running.engine.store.read, { limit: 100 })).some((a) => a.action === 'budget.set' && a.actorId === admin.id)).toBe(true);
    expect((await browser.post('/admin/budget', { amount: 'lots' })).status).toBe(400);
  });
});

describe('who may open the admin pages', () => {
  const routes: Array<[string, string]> = [
    ['GET', '/admin/people'],
    ['POST', '/admin/people'],
    ['POST', '/admin/people/x/limit'],
    ['POST', '/admin/people/x/password'],
    ['POST', '/admin/people/x/active'],
    ['POST', '/admin/people/x/token'],
    ['GET', '/admin/budget'],
    ['POST', '/admin/budget'],
  ];

  it('refuses leads and handlers with 403, signed-out visitors with sign-in, and a forged form', async () => {
    for (const who of [lead, handler]) {
      const browser = formClient(running.url);
      await browser.signIn(who.email, who.password);
      for (const [method, path] of routes) {
        const res = method === 'GET' ? await browser.get(path) : await browser.post(path.replace('/x/', `/${handler.id}/`), { amount: '1', active: 'false', password: 'whatever-long', limit: '1' });
        expect(res.status, `${who.name} ${method} ${path}`).toBe(403);
      }
    }
    const nobody = formClient(running.url);
    for (const [method, path] of routes) {
      const res = method === 'GET' ? await nobody.get(path) : await nobody.postRaw(path, { _csrf: 'x' });
      expect(res.status, `${method} ${path}`).toBe(method === 'GET' ? 303 : 401);
    }
    const browser = await asAdmin();
    expect((await browser.postRaw('/admin/budget', { _csrf: 'forged', amount: '1' })).status).toBe(403);
  });
});
