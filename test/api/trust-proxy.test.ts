/** Behind a load balancer, AMENDS_TRUST_PROXY makes the client's address the one rate limits count. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Running } from '../../src/server.js';
import { startTestServer, testConfig } from '../helpers.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function failFrom(url: string, forwardedFor: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${url}/api/v1/cases`, { headers: { Authorization: `Bearer amd_wrong${i}${forwardedFor}`, 'X-Forwarded-For': forwardedFor } });
    statuses.push(r.status);
  }
  return statuses;
}

describe('AMENDS_TRUST_PROXY', () => {
  it('counts failed sign-ins per client behind a trusted proxy', async () => {
    running = await startTestServer({ config: testConfig({ authFailuresPerMinute: 3, trustProxy: 'loopback' }) });
    expect(await failFrom(running.url, '203.0.113.1', 4)).toEqual([401, 401, 401, 429]);
    // Another client behind the same proxy is not locked out by the first one's failures.
    expect(await failFrom(running.url, '203.0.113.2', 1)).toEqual([401]);
  });

  it('believes no X-Forwarded-For by default: a client cannot choose its own address', async () => {
    running = await startTestServer({ config: testConfig({ authFailuresPerMinute: 3 }) });
    expect(await failFrom(running.url, '203.0.113.1', 3)).toEqual([401, 401, 401]);
    expect(await failFrom(running.url, '203.0.113.2', 1)).toEqual([429]);
  });

  it('takes off, hops, names and CIDRs, and refuses anything else with its name', () => {
    const env = { PORT: '0' };
    expect(loadConfig(env).trustProxy).toBe(false);
    expect(loadConfig({ ...env, AMENDS_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...env, AMENDS_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' }).trustProxy).toBe('loopback, 10.0.0.0/8, fd00::/8');
    for (const bad of ['yes', '10.0.0.0/33', 'loopback,evil.example', '1.2.3']) expect(() => loadConfig({ ...env, AMENDS_TRUST_PROXY: bad })).toThrow(/AMENDS_TRUST_PROXY/);
  });
});
