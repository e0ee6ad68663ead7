import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server.js';
import { client, startTestServer } from '../helpers.js';

let running: Running;
beforeAll(async () => {
  running = await startTestServer({ worker: false });
});
afterAll(async () => running.close());

describe('GET /', () => {
  it('answers a browser with a small HTML page naming Amends and linking the contract and health', async () => {
    const res = await client(running.url).get('/', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Amends');
    expect(res.body).toContain('href="/openapi.json"');
    expect(res.body).toContain('href="/healthz"');
    expect(res.body).toContain('The console for handlers and leads: <a href="/sign-in">sign in</a>');
    expect(res.body).not.toMatch(/<script/i);
    // helmet's policy stays in force: no inline script could run here anyway.
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('speaks Russian to a reader who prefers it', async () => {
    const res = await client(running.url).get('/', { accept: 'text/html', 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<html lang="ru">');
    expect(res.body).toContain('Консоль для сотрудников поддержки');
  });

  it('answers a JSON client with the same links', async () => {
    const res = await client(running.url).get('/', { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Amends', links: { '/openapi.json': expect.any(String), '/healthz': expect.any(String) } });
  });
});
