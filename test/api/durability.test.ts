import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { insertUser, issueToken } from '../../src/store/users.js';
import { client, customer, rub, tempDbUrl } from '../helpers.js';
import { freePort, ServerProcess } from '../crash/server-process.js';

const CYCLES = 6;

/** What the server said 2xx to: the event type it acknowledged at each version of each case. */
class Acks {
  readonly cases = new Map<string, Map<number, string>>();

  add(caseId: string, version: number, type: string): void {
    const versions = this.cases.get(caseId) ?? new Map<number, string>();
    versions.set(version, type);
    this.cases.set(caseId, versions);
  }

  get total(): number {
    return [...this.cases.values()].reduce((n, v) => n + v.size, 0);
  }
}

/** Everything acknowledged is in the journal, without gaps, and no case went backwards. */
async function expectAllAcknowledged(url: string, token: string, acks: Acks): Promise<void> {
  const api = client(url, token);
  for (const [caseId, versions] of acks.cases) {
    const c = await api.get(`/api/v1/cases/${caseId}`);
    expect(c.status, `case ${caseId} after restart`).toBe(200);
    const timeline = (await api.get(`/api/v1/cases/${caseId}/timeline`)).body.items as Array<{ version: number; type: string }>;
    expect(timeline.map((i) => i.version)).toEqual(Array.from({ length: c.body.version }, (_, i) => i + 1));
    expect(c.body.version).toBeGreaterThanOrEqual(Math.max(...versions.keys()));
    for (const [version, type] of versions) expect(timeline[version - 1]?.type, `${caseId} v${version}`).toBe(type);
  }
}

/** People exist before the server first starts, as after `amends user create`. */
async function seedPeople(databaseUrl: string): Promise<{ handlerToken: string; leadToken: string }> {
  const store = await openStore(databaseUrl);
  try {
    await migrateToLatest(store.db);
    const now = new Date().toISOString();
    const handler = await insertUser(store.db, { name: 'Анна Смирнова', role: 'handler', limit: rub(100_000) }, now);
    const lead = await insertUser(store.db, { name: 'Ольга Лидова', role: 'lead', limit: null }, now);
    return { handlerToken: await issueToken(store.db, handler.id, now), leadToken: await issueToken(store.db, lead.id, now) };
  } finally {
    await store.close();
  }
}

function expectIntactFile(file: string, acks: Acks): void {
  const raw = new BetterSqlite3(file);
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    // Journal versions per case are 1..n with nothing missing, and match the case row.
    const rows = raw
      .prepare('select j.case_id as caseId, max(j.version) as v, count(*) as n, c.version as cv from journal j join cases c on c.id = j.case_id group by j.case_id')
      .all() as Array<{ caseId: string; v: number; n: number; cv: number }>;
    expect(rows.length).toBeGreaterThanOrEqual(acks.cases.size);
    for (const r of rows) expect([r.n, r.cv]).toEqual([r.v, r.v]);
  } finally {
    raw.close();
  }
}

const openBody = (i: number) => ({ customer: customer({ id: `cust-${i}` }), channel: 'phone', description: 'Клинер опоздал на час', scenario: 'late-arrival' });

const NEXT_EVENT: Record<string, Record<string, unknown>> = {
  apologize: { type: 'APOLOGIZE', channel: 'phone', text: 'Простите, что заставили ждать' },
  explain: { type: 'EXPLAIN', cause: 'Клинер застрял в пробке', prevention: 'Выезжаем с запасом', text: 'Мы опоздали по нашей вине' },
  'compensate.choosing': { type: 'OFFER', kind: 'credit', value: rub(20_000) },
  'compensate.offered': { type: 'CUSTOMER_ACCEPTED' },
  'compensate.accepted': { type: 'ISSUE' },
  followUp: { type: 'FOLLOW_UP', text: 'Всё ли теперь хорошо?', rating: 'good' },
  resolved: { type: 'ORDER_PLACED', orderId: 'ord-again' },
};

// Each cycle starts a real server process (tsx, migrations, template compilation): slow on a loaded
// two-core machine, so these two tests get minutes rather than the suite's default minute.
describe('durability across SIGKILL', () => {
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    for (const s of servers) await s.kill();
  });

  it('keeps every acknowledged event through repeated kill -9 between requests, and the file stays intact', async () => {
    const databaseUrl = tempDbUrl();
    const server = new ServerProcess(await freePort(), { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
    servers.push(server);
    const { handlerToken, leadToken } = await seedPeople(databaseUrl);
    const acks = new Acks();

    /** Open a case and move every case one step, one awaited request at a time. */
    const work = async () => {
      const h = client(server.url, handlerToken);
      const l = client(server.url, leadToken);
      const opened = await h.post('/api/v1/cases', openBody(acks.cases.size));
      expect(opened.status).toBe(201);
      acks.add(opened.body.id, opened.body.version, 'OPENED');
      for (const caseId of acks.cases.keys()) {
        const c = (await l.get(`/api/v1/cases/${caseId}`)).body;
        const event = NEXT_EVENT[c.state];
        if (!event) continue;
        const api = event.type === 'ORDER_PLACED' ? l : h;
        const res = await api.event(caseId, event, { 'if-match': `"${c.version}"` });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        acks.add(caseId, res.body.version, String(event.type));
      }
    };

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      await server.start();
      await expectAllAcknowledged(server.url, leadToken, acks);
      await work();
      await work();
      await server.kill();
    }
    await server.start();
    await expectAllAcknowledged(server.url, leadToken, acks);
    await server.kill();

    expect(acks.cases.size).toBe(CYCLES * 2);
    expect(acks.total).toBeGreaterThan(CYCLES * 6);
    expectIntactFile(databaseUrl.slice('sqlite:'.length), acks);
    // The oldest cases went the whole way round, kill after kill.
    const raw = new BetterSqlite3(databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      expect((raw.prepare("select count(*) as n from cases where state = 'wonBack'").get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      raw.close();
    }
  }, 240_000);

  it('keeps every acknowledged event when killed with requests still in flight', async () => {
    const databaseUrl = tempDbUrl();
    const server = new ServerProcess(await freePort(), { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
    servers.push(server);
    const { handlerToken, leadToken } = await seedPeople(databaseUrl);
    const acks = new Acks();
    let opened = 0;

    for (let cycle = 0; cycle < 3; cycle++) {
      await server.start();
      await expectAllAcknowledged(server.url, leadToken, acks);
      const h = client(server.url, handlerToken);
      // Move every known case one step and open new ones, all at once; kill as soon as a few are acknowledged.
      const cases = await Promise.all([...acks.cases.keys()].map(async (id) => (await client(server.url, leadToken).get(`/api/v1/cases/${id}`)).body));
      let answered = 0;
      let killed: Promise<void> | undefined;
      const onAck = () => {
        answered += 1;
        if (answered === 4) killed = server.kill();
      };
      const requests = [
        ...cases
          .filter((c) => NEXT_EVENT[c.state] && c.state !== 'resolved')
          .map(async (c) => {
            const event = NEXT_EVENT[c.state]!;
            const res = await h.event(c.id, event, { 'if-match': `"${c.version}"` });
            if (res.status === 200) acks.add(c.id, res.body.version, String(event.type));
            onAck();
          }),
        ...Array.from({ length: 12 }, async () => {
          const res = await h.post('/api/v1/cases', openBody(opened++));
          if (res.status === 201) acks.add(res.body.id, res.body.version, 'OPENED');
          onAck();
        }),
      ];
      // Requests cut off by the kill fail on the client side: they were never acknowledged.
      await Promise.allSettled(requests);
      await (killed ?? server.kill());
    }
    await server.start();
    await expectAllAcknowledged(server.url, leadToken, acks);
    await server.kill();

    expect(acks.total).toBeGreaterThanOrEqual(12);
    expectIntactFile(databaseUrl.slice('sqlite:'.length), acks);
  }, 240_000);
});
