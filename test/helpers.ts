import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Deliver } from '../src/alerts/deliver.js';
import { loadConfig, type Config } from '../src/config.js';
import type { Actor, Role } from '../src/domain/roles.js';
import type { Money } from '../src/domain/money.js';
import type { Customer } from '../src/domain/customer.js';
import type { Engine } from '../src/engine/engine.js';
import { createLogger } from '../src/log.js';
import { start, type Running } from '../src/server.js';
import { insertUser, issueToken } from '../src/store/users.js';
import { contractChecker } from './contract-checker.js';
import { freshPostgresUrl } from './pg/fresh-database.js';

/** Which database the suite runs on: the postgres project of vitest.config.ts sets AMENDS_TEST_DIALECT. */
export const testDialect: 'sqlite' | 'postgres' = process.env.AMENDS_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh database: on SQLite a new file in its own temp folder (real file, real WAL, real fsync);
 * in the postgres project a new database on the suite's embedded server, copied from the migrated
 * template.
 */
export function tempDbUrl(): string {
  if (testDialect === 'postgres') return freshPostgresUrl();
  return `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'amends-test-')), 'amends.sqlite')}`;
}

/** The only fake in the suite besides webhook receivers: time. */
export class FakeClock {
  constructor(public current = new Date('2026-11-25T09:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function testConfig(over: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: tempDbUrl() }), workerIntervalMs: 3_600_000, ...over };
}

/** Deliveries recorded in memory: stands in for the far end of Slack and the messaging webhook. */
export function recordingDeliverer(): Deliver & { sent: Array<{ id: string; topic: string; payload: Record<string, unknown> }> } {
  const sent: Array<{ id: string; topic: string; payload: Record<string, unknown> }> = [];
  const deliver = (async (m) => {
    sent.push({ id: m.id, topic: m.topic, payload: m.payload });
    return { status: 'delivered' as const };
  }) as Deliver & { sent: typeof sent };
  deliver.sent = sent;
  return deliver;
}

/**
 * Serve Amends on a loopback port over a real SQLite file. The worker loop runs, but with a long
 * interval: tests call `running.worker.tick()` to sweep when they want it.
 */
export async function startTestServer(opts: { config?: Config; clock?: FakeClock; deliver?: Deliver; worker?: boolean } = {}): Promise<Running> {
  const config = opts.config ?? testConfig();
  return start({
    config,
    clock: opts.clock?.now,
    deliver: opts.deliver ?? recordingDeliverer(),
    worker: opts.worker,
    log: createLogger('silent'),
  });
}

export interface TestUser {
  id: string;
  token: string;
  actor: Actor;
}

export async function addUser(engine: Engine, name: string, role: Role, limit: Money | null = null): Promise<TestUser> {
  const now = engine.clock().toISOString();
  const user = await insertUser(engine.store.db, { name, role, limit }, now);
  const token = await issueToken(engine.store.db, user.id, now);
  return { id: user.id, token, actor: { kind: 'user', id: user.id, name, role, limit } };
}

export interface Reply {
  status: number;
  headers: Headers;
  // Tests read arbitrary JSON; the shape is what the assertions check.
  body: any;
}

/**
 * Every exchange of the shared client is checked against /openapi.json (see test/contract-checker.ts),
 * so each API suite is a contract test too; a mismatch fails the call that made it.
 * `AMENDS_CONTRACT=0` turns the check off; `{ contract: false }` does for one client that sends
 * deliberately odd requests the document cannot describe.
 */
function checkContract(method: string, url: string, body: unknown, res: Response, parsed: unknown, enabled = true): void {
  const checker = enabled ? contractChecker() : undefined;
  if (!checker) return;
  let requestBody = body;
  if (typeof body === 'string') {
    try {
      requestBody = JSON.parse(body);
    } catch {
      requestBody = body;
    }
  }
  const violations = checker.check(method, new URL(url), requestBody, res.status, res.headers, parsed);
  if (violations.length > 0) throw new Error(`contract violation:\n  ${violations.join('\n  ')}`);
}

/** The reply if it has the expected status; otherwise fail with the body, which says why. */
export function ok(r: Reply, status = 200): Reply {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/** A tiny HTTP client over fetch for one user. */
export function client(baseUrl: string, token?: string, opts: { contract?: boolean } = {}) {
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (HTML, CSV): keep the text
    }
    checkContract(method, `${baseUrl}${p}`, body, res, parsed, opts.contract);
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    get: (p: string, headers?: Record<string, string>) => call('GET', p, undefined, headers),
    post: (p: string, body?: unknown, headers?: Record<string, string>) => call('POST', p, body, headers),
    put: (p: string, body?: unknown, headers?: Record<string, string>) => call('PUT', p, body, headers),
    patch: (p: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', p, body, headers),
    delete: (p: string, headers?: Record<string, string>) => call('DELETE', p, undefined, headers),
    event: (caseId: string, event: Record<string, unknown>, headers?: Record<string, string>) => call('POST', `/api/v1/cases/${caseId}/events`, event, headers),
  };
}

export const customer = (over: Partial<Customer> = {}): Customer => ({
  id: 'cust-1',
  name: 'Мария Иванова',
  email: 'maria@example.com',
  locale: 'ru',
  timeZone: 'Europe/Moscow',
  tier: 'free',
  ...over,
});

export const rub = (minor: number): Money => ({ minor, currency: 'RUB' });
