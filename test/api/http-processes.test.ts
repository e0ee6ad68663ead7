/**
 * AMENDS_HTTP_PROCESSES: HTTP processes in front of the one writer (src/cluster). Real processes
 * forked by node:cluster on one loopback port, a real database: what a client sees must be what one
 * process answers — the same statuses and problem details, one journal entry per accepted event, a
 * replayed Idempotency-Key applied once — and /metrics must count every process's requests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../../src/cluster/primary.js';
import { createLogger } from '../../src/log.js';
import type { Running } from '../../src/server.js';
import { freePort } from '../crash/server-process.js';
import { addUser, client, customer, ok, rub, testConfig, testDialect, type TestUser } from '../helpers.js';

let running: Running;
let handler: TestUser;

/** The processes node:cluster forked from this one, by their parent pid in /proc. */
function frontPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(process.pid) && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('front-main');
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const open = (i: number) => ({ customer: customer({ id: `c-${i}` }), channel: 'phone', description: 'Клинер опоздал на два часа', scenario: 'late-arrival' });

beforeAll(async () => {
  running = await startCluster({ config: testConfig(), worker: false, log: createLogger('silent'), fronts: 2 });
  handler = await addUser(running.engine, 'Анна', 'handler', rub(100_000));
});

afterAll(async () => {
  await running?.close();
});

describe('two HTTP processes in front of one writer', () => {
  it('opens cases and applies events sent at once to both, each version once', async () => {
    expect(frontPids()).toHaveLength(2);
    const api = client(running.url, handler.token);
    const opened = await Promise.all(Array.from({ length: 12 }, (_, i) => api.post('/api/v1/cases', open(i))));
    for (const r of opened) ok(r, 201);
    const ids = opened.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(12);
    const applied = await Promise.all(ids.map((id) => api.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите, это наша ошибка.' })));
    for (const r of applied) expect([ok(r).body.version, r.body.state]).toEqual([2, 'explain']);
    // The answer is read after the write committed: a GET by another process agrees with it.
    const again = ok(await api.get(`/api/v1/cases/${ids[0]}`)).body;
    expect(again.version).toBe(2);
    const journal = await sql<{ n: number }>`select count(*) as n from journal where type = 'APOLOGIZE'`.execute(running.engine.store.db);
    expect(Number(journal.rows[0]?.n)).toBe(12);
  });

  it('answers refusals from the writer as one process does: 412, 409 and 404 with their details', async () => {
    const api = client(running.url, handler.token);
    const id = ok(await api.post('/api/v1/cases', open(100)), 201).body.id as string;
    const stale = await api.event(id, { type: 'APOLOGIZE', channel: 'phone', text: 'Простите' }, { 'if-match': '"7"' });
    expect([stale.status, stale.body.currentVersion, stale.headers.get('content-type')]).toEqual([412, 1, 'application/problem+json; charset=utf-8']);
    const early = await api.event(id, { type: 'ISSUE' });
    expect([early.status, early.body.state, early.body.allowedEvents]).toEqual([409, 'apologize', ['APOLOGIZE', 'ESCALATE']]);
    const missing = await api.event('cas_nope', { type: 'ESCALATE', reason: 'the customer called again' });
    expect(missing.status).toBe(404);
    const bad = await api.event(id, { type: 'OFFER', kind: 'credit', value: { minor: -5, currency: 'RUB' } });
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, 'value.minor']);
    const journal = await sql<{ n: number }>`select count(*) as n from journal where case_id = ${id}`.execute(running.engine.store.db);
    expect(Number(journal.rows[0]?.n)).toBe(1);
  });

  it('replays a repeated Idempotency-Key, whichever process receives it, and applies it once', async () => {
    const api = client(running.url, handler.token);
    const headers = { 'idempotency-key': 'open-twice' };
    const [a, b] = await Promise.all([api.post('/api/v1/cases', open(200), headers), api.post('/api/v1/cases', open(200), headers)]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.status, b.status].sort()).toEqual([200, 201].sort());
    const cases = await sql<{ n: number }>`select count(*) as n from cases where id = ${a.body.id as string}`.execute(running.engine.store.db);
    expect(Number(cases.rows[0]?.n)).toBe(1);
  });

  it('limits failed authentications across processes, not per process', async () => {
    // Each request on a connection of its own, so that both processes take some of them.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await fetch(`${running.url}/api/v1/cases`, { headers: { authorization: 'Bearer amd_wrong', connection: 'close' } })).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
  });

  it('counts every process on /metrics: the writer its commits, the fronts their requests', async () => {
    const api = client(running.url, handler.token);
    const count = (text: string, line: string) => Number(new RegExp(`^${line.replace(/[{}"/:]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    const before = (await fetch(`${running.url}/metrics`).then((r) => r.text()));
    for (let i = 0; i < 10; i++) ok(await api.get('/api/v1/scenarios'));
    const after = await fetch(`${running.url}/metrics`).then((r) => r.text());
    const route = 'amends_http_request_duration_seconds_count{method="GET",route="/api/v1/scenarios/",status="200"}';
    expect(count(after, route) - count(before, route)).toBe(10);
    // Counted only by the writer: the backlog in the database, and (SQLite) its group commits.
    expect(after).toMatch(/^amends_outbox_messages\{status="pending"\} \d+$/m);
    if (testDialect === 'sqlite') expect(count(after, 'amends_commit_groups_total')).toBeGreaterThan(0);
  });

  it('starts another HTTP process when one dies; a client that retries with its Idempotency-Key gets each case once', async () => {
    const [victim] = frontPids();
    process.kill(victim as number, 'SIGKILL');
    const api = client(running.url, handler.token);
    // A kept-alive connection the dead process held is reset: the client retries the same request.
    const retried = async (i: number) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await api.post('/api/v1/cases', open(300 + i), { 'idempotency-key': `after-kill-${i}` });
        } catch (err) {
          if (attempt >= 3) throw err;
        }
      }
    };
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(ok(await retried(i), 201).body.id as string);
    await until('a second HTTP process', () => frontPids().length === 2 && !frontPids().includes(victim as number));
    for (let i = 0; i < 5; i++) expect(ok(await retried(i)).body.id).toBe(ids[i]);
    const cases = await sql<{ n: number }>`select count(*) as n from cases where customer_id like 'c-30_'`.execute(running.engine.store.db);
    expect(Number(cases.rows[0]?.n)).toBe(5);
  });

  it('stops every HTTP process on close', async () => {
    // Its own port: cluster shares one socket per address and port within this process, port 0 included.
    const local = await startCluster({ config: testConfig({ port: await freePort() }), worker: false, log: createLogger('silent'), fronts: 1 });
    const before = frontPids().length;
    await local.close();
    await until('the HTTP process to exit', () => frontPids().length === before - 1);
    await expect(fetch(`${local.url}/healthz`)).rejects.toThrow();
  });
});
