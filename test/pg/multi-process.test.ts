/**
 * Three server processes on one Postgres, all running workers, one of them killed with SIGKILL now and
 * then and started again, while clients drive the same cases through all three at once, offers race
 * for one small team budget, and timers come due by the dozen. Afterwards: every acknowledged event is
 * in the journal once, in order, with gap-free versions; every timer fired exactly once; every alert
 * and message reached the receiver, a second copy only of one whose sender was killed in between
 * (the receiver deduplicates on the Idempotency-Key); the team budget was never overspent.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTeamBudget } from '../../src/engine/budget.js';
import { openStore, type Store } from '../../src/store/db.js';
import { insertUser, issueToken } from '../../src/store/users.js';
import { freePort, ServerProcess } from '../crash/server-process.js';
import { startSink } from '../crash/sink.js';
import { tempDbUrl } from '../helpers.js';

/** SIGKILLs, one process at a time, each followed by a restart (a restart takes seconds on a loaded machine). */
const KILLS = 3;
const CLIENTS = 6;
const OFFER = 50_000;
/** Room for 12 offers of 500 ₽: the clients make more than that. */
const TEAM_BUDGET = 12 * OFFER;
const LEASE_MS = 8_000;
/** How long after its sender died a request may still reach the receiver (loopback, a loaded machine). */
const IN_FLIGHT_MS = 1_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let store: Store;
let url: string;
let sink: Awaited<ReturnType<typeof startSink>>;
const servers: ServerProcess[] = [];
let handlerToken = '';
let leadToken = '';

beforeAll(async () => {
  url = tempDbUrl();
  store = await openStore(url);
  const now = new Date().toISOString();
  const handler = await insertUser(store.db, { name: 'Handler', role: 'handler', limit: { minor: 100_000, currency: 'RUB' } }, now);
  const lead = await insertUser(store.db, { name: 'Lead', role: 'lead', limit: null }, now);
  handlerToken = await issueToken(store.db, handler.id, now);
  leadToken = await issueToken(store.db, lead.id, now);
  await setTeamBudget(store.db, { minor: TEAM_BUDGET, currency: 'RUB' }, now);
  sink = await startSink();
  for (let i = 0; i < 3; i++) {
    servers.push(
      new ServerProcess(await freePort(), {
        DATABASE_URL: url,
        AMENDS_PG_POOL_MAX: '4',
        AMENDS_SLACK_WEBHOOK_URL: sink.url,
        AMENDS_MESSAGES_WEBHOOK_URL: sink.url,
        AMENDS_WORKER_INTERVAL_MS: '50',
        AMENDS_SLACK_INTERVAL_MS: '0',
        AMENDS_LEASE_MS: String(LEASE_MS),
      }),
    );
  }
  await Promise.all(servers.map((s) => s.start()));
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sink?.close();
  await store?.close();
});

interface Reply {
  status: number;
  body: any;
}

/** Send to process `at` (any live one if it is down), retrying with the same Idempotency-Key until some process answers. */
async function send(at: number, method: string, path: string, body: unknown, token: string, key = randomUUID()): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const server = servers[(at + attempt) % servers.length] as ServerProcess;
    try {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      return { status: res.status, body: await res.json() };
    } catch {
      await sleep(20); // killed mid-request, or restarting: the next process, same key
    }
  }
}

describe('three processes on one Postgres, one killed now and then', () => {
  it('lose no acknowledged event, fire each timer once, deliver each alert once, never overspend the team budget', async () => {
    const acked = new Map<string, string[]>();
    let stop = false;
    let races = 0;

    /** The same event sent to all three processes at once: exactly one may be applied. */
    async function race(id: string, event: Record<string, unknown>, token = handlerToken): Promise<Reply> {
      const replies = await Promise.all([0, 1, 2].map((at) => send(at, 'POST', `/api/v1/cases/${id}/events`, event, token)));
      const applied = replies.filter((r) => r.status === 200);
      const refused = replies.filter((r) => r.status === 409);
      if (applied.length !== 1 || refused.length !== 2) {
        throw new Error(`${String(event.type)} on ${id}: ${replies.map((r) => `${r.status} ${r.body?.detail ?? ''}`).join(' | ')}`);
      }
      races++;
      acked.get(id)?.push(String(event.type));
      return applied[0] as Reply;
    }

    async function walk(n: number): Promise<void> {
      const opened = await send(n, 'POST', '/api/v1/cases', {
        customer: { id: `cust-${n}`, name: `Customer ${n}`, locale: n % 2 ? 'ru' : 'en', timeZone: 'Europe/Moscow', tier: 'free' },
        channel: 'phone', description: 'late by an hour', scenario: 'late-arrival', orderId: `ord-${n}`,
      }, handlerToken);
      // 200: a retry after a kill, replayed from the Idempotency-Key of an opening that had committed.
      if (opened.status !== 201 && opened.status !== 200) throw new Error(`open answered ${opened.status}: ${JSON.stringify(opened.body)}`);
      const id: string = opened.body.id;
      acked.set(id, ['OPENED']);
      await race(id, { type: 'APOLOGIZE', channel: 'phone', text: 'We are sorry: we were late.' });
      await race(id, { type: 'EXPLAIN', cause: 'traffic', prevention: 'a buffer before every job', text: 'Here is what happened.' });
      const offered = await race(id, { type: 'OFFER', kind: 'credit', value: { minor: OFFER, currency: 'RUB' } });
      if (offered.body.state !== 'compensate.offered') return; // past the team budget: it waits for a lead
      await race(id, { type: 'CUSTOMER_ACCEPTED' });
      await race(id, { type: 'ISSUE' });
      await race(id, { type: 'FOLLOW_UP', text: 'Is all well?', rating: 'good' });
      const escalated = await send(n, 'POST', `/api/v1/cases/${id}/events`, { type: 'ESCALATE', reason: 'the founders read these' }, leadToken);
      if (escalated.status !== 200) throw new Error(`ESCALATE on ${id} answered ${escalated.status}`);
      acked.get(id)?.push('ESCALATE');
    }

    let planted = 0;
    /** Timers already due on open cases, written straight into the table as a deadline would be. */
    async function plantTimers(count: number): Promise<void> {
      const open = await store.db.selectFrom('cases').select('id').where('status', '<>', 'closed').limit(count).execute();
      const due = new Date(Date.now() - 1000).toISOString();
      const rows = open.map(({ id }) => {
        const step = `due-${planted++}`;
        return { id: `${id}:${step}:0`, case_id: id, key: step, step, event: JSON.stringify({ type: 'DEADLINE_MISSED', step }), due_at: due, status: 'pending', fired_at: null, business: 0 };
      });
      if (rows.length > 0) await store.db.insertInto('timers').values(rows).execute();
    }

    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let n = c; !stop; n += CLIENTS) await walk(n);
    });
    // Each kill from the moment it is sent to the moment the process is gone.
    const kills: Array<{ from: number; to: number }> = [];
    while (kills.length < KILLS) {
      await sleep(1_000 + Math.random() * 2_000);
      await plantTimers(15);
      const victim = servers[kills.length % servers.length] as ServerProcess;
      const from = Date.now();
      await victim.kill();
      kills.push({ from, to: Date.now() });
      await plantTimers(15);
      await victim.start();
    }
    stop = true;
    await Promise.all(clients);

    // Drain: the outbox and the planted timers (a killed worker's leases expire after LEASE_MS).
    for (let i = 0; i < 300; i++) {
      const outbox = await store.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '<>', 'delivered').executeTakeFirst();
      const timers = await store.db.selectFrom('timers').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('key', 'like', 'due-%').executeTakeFirst();
      if (Number(outbox?.n) + Number(timers?.n) === 0) break;
      await sleep(100);
    }

    // No lost update: every acknowledged event in the journal, once, in order; versions without gaps.
    expect(acked.size).toBeGreaterThan(CLIENTS);
    for (const [caseId, types] of acked) {
      const journal = await store.db.selectFrom('journal').select(['version', 'type']).where('case_id', '=', caseId).orderBy('version').execute();
      expect(journal.map((j) => Number(j.version))).toEqual(journal.map((_, i) => i + 1));
      expect(journal.map((j) => j.type).filter((t) => t !== 'DEADLINE_MISSED')).toEqual(types);
      const row = await store.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
      expect(Number(row.version)).toBe(journal.length);
    }

    // Every planted timer fired exactly once.
    const timers = await store.db.selectFrom('timers').select(['key', 'status']).where('key', 'like', 'due-%').execute();
    expect(timers).toHaveLength(planted);
    expect(timers.filter((t) => t.status !== 'fired')).toEqual([]);
    const missed = await store.db.selectFrom('journal').select('payload').where('type', '=', 'DEADLINE_MISSED').execute();
    const steps = missed.map((m) => (typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload).step as string).filter((s) => s.startsWith('due-'));
    expect(steps.sort()).toEqual(timers.map((t) => t.key).sort());

    // Every alert and message delivered and received; a second copy only across a kill of its sender.
    const outbox = await store.db.selectFrom('outbox').select(['id', 'status', 'attempts', 'last_error']).execute();
    expect(outbox.length).toBeGreaterThan(acked.size);
    expect(outbox.filter((m) => m.status !== 'delivered')).toEqual([]);
    expect(outbox.filter((m) => !sink.received.has(m.id))).toEqual([]);
    // A second copy is explained by a kill between the two (the sender died before marking it) or
    // by a failed attempt on record (the receiver got it but its answer came after the timeout).
    const byId = new Map(outbox.map((m) => [m.id, m]));
    const unexplained = [...sink.received]
      .filter(([, n]) => n > 1)
      .filter(([key]) => {
        const at = sink.receipts.filter((r) => r.key === key).map((r) => r.at);
        // The first copy was sent before a kill (the victim's last request may still be on the wire
        // when it dies: the receiver logs it up to IN_FLIGHT_MS after the process is gone), the last after it.
        const [first, last] = [Math.min(...at), Math.max(...at)];
        const acrossKill = kills.some((k) => first <= k.to + IN_FLIGHT_MS && last >= k.from);
        return !acrossKill && Number(byId.get(key)?.attempts ?? 0) === 0;
      })
      .map(([key, n]) => ({ key, n, receipts: sink.receipts.filter((r) => r.key === key).map((r) => r.at), kills, row: byId.get(key) }));
    expect(unexplained).toEqual([]);

    // The team budget: what was issued and what is still promised never exceed it.
    const ledger = await store.db.selectFrom('ledger').select(['entry', 'minor']).where('entry', 'in', ['issued', 'reverted']).execute();
    const issued = ledger.reduce((sum, l) => sum + (l.entry === 'issued' ? Number(l.minor) : -Number(l.minor)), 0);
    const committed = await store.db.selectFrom('cases').select((eb) => eb.fn.sum<number>('committed_minor').as('n')).executeTakeFirst();
    expect(issued + Number(committed?.n ?? 0)).toBeLessThanOrEqual(TEAM_BUDGET);
    const offers = await store.db.selectFrom('ledger').select('entry').where('entry', '=', 'offered').execute();
    expect(offers.length).toBeGreaterThan(TEAM_BUDGET / OFFER);

    console.log(`multi-process: kills=${kills.length} cases=${acked.size} races=${races} timers=${planted} messages=${outbox.length} issued=${issued}`);
  }, 240_000);
});
