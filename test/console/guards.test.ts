import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../src/console/guards.js';
import type { Running } from '../../src/server.js';
import { client, customer, ok, startTestServer } from '../helpers.js';
import { csrfOf, formClient } from './form-client.js';
import { addPerson, type Person } from './people.js';

let running: Running;
let anna: Person;
let boris: Person;
let borisCase: string;
beforeAll(async () => {
  running = await startTestServer({ worker: false });
  anna = await addPerson(running.engine, 'Anna', 'handler');
  boris = await addPerson(running.engine, 'Boris', 'handler');
  const opened = await client(running.url, boris.token).post('/api/v1/cases', {
    customer: customer(),
    channel: 'email',
    description: 'Late again',
    scenario: 'late-arrival',
  });
  borisCase = ok(opened, 201).body.id;
});
afterAll(async () => running.close());

const concrete = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? borisCase : 'x'));

describe('console guards', () => {
  it('knows the console routes it guards (pages and actions)', () => {
    const paths = consoleRoutes().map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /queue', 'GET /cases/:id', 'POST /cases/:id/events', 'GET /approvals', 'POST /approvals/:id/decision', 'POST /sign-out']));
  });

  it('sends a signed-out visitor of every page to sign in, and refuses every action with 401', async () => {
    for (const route of consoleRoutes()) {
      const path = concrete(route.path);
      const res = await fetch(`${running.url}${path}`, {
        method: route.method,
        redirect: 'manual',
        headers: { accept: 'text/html', ...(route.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: route.method === 'POST' ? '_csrf=x' : undefined,
      });
      if (route.method === 'GET') {
        expect(res.status, `${route.method} ${path}`).toBe(303);
        expect(res.headers.get('location'), path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      } else {
        expect(res.status, `${route.method} ${path}`).toBe(401);
        expect(res.headers.get('content-type')).toContain('text/html');
      }
    }
  });

  it('refuses every action without the CSRF token of the session (403), and changes nothing', async () => {
    const browser = formClient(running.url);
    await browser.signIn(boris.email, boris.password);
    for (const route of consoleRoutes().filter((r) => r.method === 'POST')) {
      const res = await browser.postRaw(concrete(route.path), { _csrf: 'not-the-token', _event: 'ESCALATE', _version: '1', reason: 'x' });
      expect(res.status, route.path).toBe(403);
    }
    const c = await client(running.url, boris.token).get(`/api/v1/cases/${borisCase}`);
    expect(c.body.escalated).toBe(false);
  });

  it("answers a handler opening another handler's case with the same 404 as a case that does not exist", async () => {
    const browser = formClient(running.url);
    await browser.signIn(anna.email, anna.password);
    const other = await browser.get(`/cases/${borisCase}`);
    const missing = await browser.get('/cases/cas_nope');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    // The same page but for the address itself (the language switch returns to it).
    const page = (html: string, path: string) => html.replaceAll(path, '<path>');
    expect(page(other.html, `/cases/${borisCase}`)).toBe(page(missing.html, '/cases/cas_nope'));
    const queue = await browser.get('/queue');
    const act = await browser.postRaw(`/cases/${borisCase}/events`, { _csrf: csrfOf(queue.html), _event: 'ESCALATE', _version: '1', reason: 'mine now' });
    expect(act.status).toBe(404);
    expect((await client(running.url, boris.token).get(`/api/v1/cases/${borisCase}`)).body.escalated).toBe(false);
  });

  it('keeps the approvals inbox for leads: a handler gets 403', async () => {
    const browser = formClient(running.url);
    await browser.signIn(anna.email, anna.password);
    expect((await browser.get('/approvals')).status).toBe(403);
  });
});
