import { afterAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { getSetting } from '../../src/store/settings.js';
import { FakeClock, HOUR, startTestServer, testConfig } from '../helpers.js';
import { formClient } from './form-client.js';
import { addPerson } from './people.js';

const servers: Running[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('console sessions without configuration', () => {
  it('generates the signing key on first start, keeps it in the database, and sessions survive a restart', async () => {
    const config = testConfig({ sessionSecret: undefined });
    const first = await startTestServer({ config, worker: false });
    servers.push(first);
    const person = await addPerson(first.engine, 'Anna', 'handler');
    const browser = formClient(first.url);
    await browser.signIn(person.email, person.password);
    const secret = await getSetting<string>(first.engine.store.read, 'console_session_secret');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = browser.jar.get('amends_session') as string;
    await first.close();
    servers.pop();

    const second = await startTestServer({ config, worker: false });
    servers.push(second);
    const res = await fetch(`${second.url}/queue`, { redirect: 'manual', headers: { cookie: `amends_session=${cookie}` } });
    expect(res.status).toBe(200);
    expect(await getSetting<string>(second.engine.store.read, 'console_session_secret')).toBe(secret);
  });

  it('ends a session 12 hours after its last use, and each use pushes the end out', async () => {
    const clock = new FakeClock();
    const running = await startTestServer({ clock, worker: false });
    servers.push(running);
    const person = await addPerson(running.engine, 'Anna', 'handler');
    const idle = formClient(running.url);
    await idle.signIn(person.email, person.password);
    const busy = formClient(running.url);
    await busy.signIn(person.email, person.password);
    clock.advance(6 * HOUR);
    expect((await busy.get('/queue')).status).toBe(200);
    clock.advance(6 * HOUR + 60_000);
    expect((await idle.get('/queue')).status).toBe(303);
    expect((await busy.get('/queue')).status).toBe(200);
    clock.advance(12 * HOUR + 60_000);
    expect((await busy.get('/queue')).status).toBe(303);
  });

  it('answers a form with too many fields as the client’s fault, not a server error', async () => {
    const running = await startTestServer({ worker: false });
    servers.push(running);
    const body = Array.from({ length: 500 }, (_, i) => `f${i}=x`).join('&');
    const res = await fetch(`${running.url}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
