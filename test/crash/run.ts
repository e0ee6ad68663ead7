/**
 * Crash harness (`npm run test:crash`): the real server as a child process, several clients driving
 * cases and compensation payouts, SIGKILL at random moments, restart, and at the end a check that
 * nothing acknowledged was lost, nothing was paid twice, every due timer fired once and every alert
 * was delivered. Prints the totals; exits non-zero on any violation.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { insertUser, issueToken } from '../../src/store/users.js';
import { freePort, ServerProcess } from './server-process.js';
import { startSink } from './sink.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const CLIENTS = 4;
const dir = mkdtempSync(path.join(tmpdir(), 'amends-crash-'));
const file = path.join(dir, 'amends.sqlite');

interface Reply {
  status: number;
  body: any;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const store = await openStore(`sqlite:${file}`);
  await migrateToLatest(store.db);
  const now = new Date().toISOString();
  const handler = await insertUser(store.db, { name: 'Handler', role: 'handler', limit: { minor: 100_000, currency: 'RUB' } }, now);
  const lead = await insertUser(store.db, { name: 'Lead', role: 'lead', limit: null }, now);
  const handlerToken = await issueToken(store.db, handler.id, now);
  const leadToken = await issueToken(store.db, lead.id, now);
  await store.close();

  const sink = await startSink();
  const server = new ServerProcess(await freePort(), {
    DATABASE_URL: `sqlite:${file}`,
    AMENDS_SLACK_WEBHOOK_URL: sink.url,
    AMENDS_MESSAGES_WEBHOOK_URL: sink.url,
    AMENDS_WORKER_INTERVAL_MS: '50',
    // The sink is no Slack: it takes alerts as fast as they come, so nothing waits on Slack's pace.
    AMENDS_SLACK_INTERVAL_MS: '0',
  });
  await server.start();

  /** Send until the server answers; the same Idempotency-Key makes every retry safe. */
  async function send(method: string, p: string, body: unknown, token: string, key = randomUUID()): Promise<Reply> {
    for (;;) {
      try {
        const res = await fetch(`${server.url}${p}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      } catch {
        await sleep(30); // killed mid-request or restarting: retry with the same key
      }
    }
  }

  /** What each case was acknowledged to have received, in order. */
  const acked = new Map<string, string[]>();
  let acknowledged = 0;
  let stop = false;
  let issueRaces = 0;

  async function walkCase(n: number): Promise<void> {
    const opened = await send('POST', '/api/v1/cases', {
      customer: { id: `cust-${n}`, name: `Customer ${n}`, locale: n % 2 ? 'ru' : 'en', timeZone: 'Europe/Moscow', tier: 'free' },
      channel: 'phone', description: 'late by an hour', scenario: 'late-arrival', orderId: `ord-${n}`,
    }, handlerToken);
    if (opened.status !== 201 && opened.status !== 200) throw new Error(`open failed: ${JSON.stringify(opened.body)}`);
    const id: string = opened.body.id;
    acked.set(id, ['OPENED']);
    acknowledged++;
    const ev = async (event: Record<string, unknown>, token = handlerToken) => {
      const r = await send('POST', `/api/v1/cases/${id}/events`, event, token);
      if (r.status !== 200) throw new Error(`${String(event.type)} on ${id} answered ${r.status}: ${JSON.stringify(r.body)}`);
      acked.get(id)?.push(String(event.type));
      acknowledged++;
    };
    await ev({ type: 'APOLOGIZE', channel: 'phone', text: 'We are sorry: we were late.' });
    await ev({ type: 'EXPLAIN', cause: 'traffic', prevention: 'a buffer before every job', text: 'Here is what happened.' });
    await ev({ type: 'OFFER', kind: 'credit', value: { minor: 50_000, currency: 'RUB' } });
    await ev({ type: 'CUSTOMER_ACCEPTED' });
    // Two payouts race for the same case with different keys: exactly one may be accepted.
    const [a, b] = await Promise.all([
      send('POST', `/api/v1/cases/${id}/events`, { type: 'ISSUE' }, handlerToken),
      send('POST', `/api/v1/cases/${id}/events`, { type: 'ISSUE' }, handlerToken),
    ]);
    const ok = [a, b].filter((r) => r.status === 200).length;
    if (ok !== 1 || ![a, b].some((r) => r.status === 409)) throw new Error(`ISSUE race on ${id}: ${a.status}/${b.status}`);
    issueRaces++;
    acked.get(id)?.push('ISSUE');
    acknowledged++;
    await ev({ type: 'FOLLOW_UP', text: 'Is all well?', rating: 'good' });
    if (n % 3 === 0) await ev({ type: 'ESCALATE', reason: 'founders want to hear about this one' }, leadToken);
  }

  const clients = Array.from({ length: CLIENTS }, async (_, c) => {
    for (let n = c; !stop; n += CLIENTS) await walkCase(n);
  });

  // Timers that come due while the server is down: each must fire exactly once after restart.
  let timersPlanted = 0;
  const plantTimers = () => {
    const db = new BetterSqlite3(file);
    const open = db.prepare("select id from cases where status != 'closed' order by random() limit 2").all() as Array<{ id: string }>;
    const insert = db.prepare("insert into timers (id, case_id, key, step, event, due_at, status, fired_at) values (?, ?, ?, ?, ?, ?, 'pending', null)");
    for (const { id } of open) {
      const step = `crash-${timersPlanted++}`;
      insert.run(`${id}:${step}:0`, id, step, step, JSON.stringify({ type: 'DEADLINE_MISSED', step }), new Date(Date.now() - 1000).toISOString());
    }
    db.close();
  };

  for (let k = 0; k < KILLS; k++) {
    await sleep(150 + Math.random() * 550);
    await server.kill();
    plantTimers();
    await server.start();
  }
  stop = true;
  await Promise.all(clients);

  // Let the worker drain the outbox and the planted timers, then stop cleanly.
  const check = new BetterSqlite3(file, { readonly: true });
  for (let i = 0; i < 1200; i++) {
    const pending = check.prepare("select (select count(*) from outbox where status != 'delivered') + (select count(*) from timers where status = 'pending' and due_at <= ?) as n").get(new Date().toISOString()) as { n: number };
    if (pending.n === 0) break;
    await sleep(50);
  }
  await server.stop();
  await sink.close();

  const failures: string[] = [];
  let lost = 0;
  for (const [caseId, types] of acked) {
    const journal = check.prepare('select version, type from journal where case_id = ? order by version').all(caseId) as Array<{ version: number; type: string }>;
    journal.forEach((j, i) => {
      if (j.version !== i + 1) failures.push(`${caseId}: version gap at ${i + 1}`);
    });
    const userTypes = journal.map((j) => j.type).filter((t) => t !== 'DEADLINE_MISSED');
    // Every acknowledged event is there, once, in order; nothing unacknowledged slipped in between.
    const missing = types.filter((t, i) => userTypes[i] !== t).length + Math.max(0, types.length - userTypes.length);
    lost += missing;
    if (userTypes.length !== types.length || missing > 0) failures.push(`${caseId}: acknowledged ${types.join(',')} but journal has ${userTypes.join(',')}`);
  }
  const doubleIssued = check.prepare("select count(*) as n from (select offer_id from ledger where entry = 'issued' group by offer_id having count(*) > 1)").get() as { n: number };
  const issued = check.prepare("select count(*) as n from ledger where entry = 'issued'").get() as { n: number };
  const spentMismatch = check
    .prepare("select count(*) as n from cases c where c.spent_minor != coalesce((select sum(case entry when 'issued' then minor when 'reverted' then -minor else 0 end) from ledger l where l.case_id = c.id), 0)")
    .get() as { n: number };
  const planted = check.prepare("select count(*) as n, sum(status = 'fired') as fired from timers where key like 'crash-%'").get() as { n: number; fired: number };
  const firedTwice = check
    .prepare("select count(*) as n from (select payload from journal where type = 'DEADLINE_MISSED' and payload like '%crash-%' group by payload having count(*) > 1)")
    .get() as { n: number };
  const firedEvents = check.prepare("select count(*) as n from journal where type = 'DEADLINE_MISSED' and payload like '%crash-%'").get() as { n: number };
  const outbox = check.prepare("select count(*) as n, sum(status = 'delivered') as delivered from outbox").get() as { n: number; delivered: number };
  const outboxIds = (check.prepare('select id from outbox').all() as Array<{ id: string }>).map((r) => r.id);
  const undelivered = outboxIds.filter((id) => !sink.received.has(id)).length;
  const integrity = (check.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check;
  check.close();

  if (doubleIssued.n > 0) failures.push(`${doubleIssued.n} offers issued more than once`);
  if (issued.n !== issueRaces) failures.push(`${issued.n} issued rows for ${issueRaces} acknowledged payouts`);
  if (spentMismatch.n > 0) failures.push(`${spentMismatch.n} cases whose spent differs from their ledger`);
  if (planted.n !== timersPlanted || planted.fired !== timersPlanted || firedEvents.n !== timersPlanted || firedTwice.n > 0) {
    failures.push(`timers: planted ${timersPlanted}, fired ${planted.fired}, events ${firedEvents.n}, fired twice ${firedTwice.n}`);
  }
  if (outbox.delivered !== outbox.n || undelivered > 0) failures.push(`outbox: ${outbox.delivered}/${outbox.n} delivered, ${undelivered} never reached the receiver`);
  if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);

  console.log(
    `crash: kills=${KILLS} cases=${acked.size} acknowledged=${acknowledged} lost=${lost} issued=${issued.n} double-issued=${doubleIssued.n} ` +
      `timers=${timersPlanted} fired-once=${firedEvents.n - firedTwice.n} alerts+messages=${outbox.n} delivered=${outbox.delivered} integrity=${integrity}`,
  );
  if (failures.length > 0) {
    console.error(`crash harness FAILED:\n  ${failures.slice(0, 20).join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
