/**
 * Build a database with many open cases fast: open ONE case through `openCase` (so the snapshot,
 * customer JSON, journal entry and timer rows are exactly what the engine writes), then copy those
 * rows with better-sqlite3 prepared statements in big transactions, varying id / seq / ref /
 * status_token / customer / created_at. Each case gets one pending deadline timer: `due` of them are
 * already due, the rest far in the future. A fraction of the cases carry compensation ledger rows
 * (offered → approved → accepted → issued, some with a recovery), spread over the past year.
 */
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { openCase } from '../../src/engine/open-case.js';
import { createEngine } from '../../src/server.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { addUser, customer, rub } from '../helpers.js';
import { benchConfig } from './util.js';
import { addLedger, type DaySums } from '../../src/reports/project-compensation.js';
import { CURSOR } from '../../src/reports/projector.js';
import { addCohortChange, type CohortDay } from '../../src/reports/project-cohort.js';
import { addDurationChange, type HistCount } from '../../src/reports/project-durations.js';
import { reportCaseOf } from '../../src/store/report-models.js';
import type { ReportCasesTable } from '../../src/store/tables.js';

export interface BuildOptions {
  cases: number;
  /** How many of the cases have a timer that is already due. */
  due: number;
  /** Share of the cases with compensation ledger rows. */
  ledgerFraction?: number;
  /** "Now" for the build: cases are spread over the year before it. */
  now?: Date;
}

export interface BuiltDb {
  file: string;
  cases: number;
  due: number;
  ledgerRows: number;
  handlerToken: string;
  leadToken: string;
  buildMs: number;
}

const YEAR = 365 * 24 * 3_600_000;
const BATCH = 20_000;

type Row = Record<string, unknown>;

export async function buildCaseDb(file: string, opts: BuildOptions): Promise<BuiltDb> {
  const t0 = performance.now();
  const now = opts.now ?? new Date();
  const fraction = opts.ledgerFraction ?? 0.3;
  // 1. One real case through the engine: the template for every row below.
  const engine = await createEngine(benchConfig(file), () => now);
  await migrateToLatest(engine.store.db);
  const handler = await addUser(engine, 'Bench Handler', 'handler', rub(10_000_000));
  const lead = await addUser(engine, 'Bench Lead', 'lead', rub(100_000_000));
  const { record } = await openCase(
    engine,
    { customer: customer() as never, channel: 'phone', description: 'Клинер опоздал на два часа, пришлось ждать дома', scenario: 'late-arrival', orderId: 'ord-1' },
    handler.actor,
  );
  await engine.store.close();

  // 2. Copy it with raw prepared statements; durability does not matter while building.
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as Row;
  const caseRow = one('select * from cases where id = ?', record.id);
  const journalRow = one('select * from journal where case_id = ?', record.id);
  const timerRow = one("select * from timers where case_id = ? and key = 'overall'", record.id);
  for (const t of ['timers', 'journal', 'outbox', 'ledger']) db.prepare(`delete from ${t} where case_id = ?`).run(record.id);
  db.prepare('delete from cases where id = ?').run(record.id);

  const insert = (table: string, sample: Row) => {
    const cols = Object.keys(sample);
    const stmt = db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
    return (over: Row) => stmt.run(cols.map((c) => (c in over ? over[c] : sample[c])));
  };
  const insCase = insert('cases', caseRow);
  const insJournal = insert('journal', journalRow);
  const insTimer = insert('timers', timerRow);
  const ledgerSample: Row = { case_id: '', version: 0, n: 0, offer_id: null, entry: '', offer_kind: null, minor: null, currency: null, actor_id: '', executor_id: null, note: null, at: '' };
  const insLedger = insert('ledger', ledgerSample);
  // The report read models, as the projector would keep them for these rows (one report row per
  // case, compensation sums per day in the team's zone), so reports at this size read real volumes.
  const reportSample: Row = { case_id: '', scenario: caseRow.scenario, tone: caseRow.tone, channel: caseRow.channel, currency: caseRow.currency, description: null, owner_id: handler.id, opened_at: '', first_response_at: null, first_response_ms: null, resolved_at: null, resolution_ms: null, deadlines_missed: 0, reopened: 0, won_back_at: null, lost_at: null, rating: null, rating_at: null, thanks: 0, issued: 0, reverted: 0, recovered: 0 };
  const insReport = insert('report_cases', reportSample);
  const zone = benchConfig(file).timeZone;
  const days = new Map<string, DaySums>();
  const cohort = new Map<string, CohortDay>();
  const hist = new Map<string, HistCount>();
  // A history like a team's: several scenarios, most cases answered within hours and resolved within
  // days, some deadlines missed, about half rated; durations vary, so medians and p90s have work to do.
  const SCENARIOS = ['late-arrival', 'damaged-item', 'no-show', 'rude-staff', 'billing-error', 'other'];

  const customerJson = JSON.parse(caseRow.customer as string) as Record<string, unknown>;
  const dueEvery = opts.due > 0 ? opts.cases / opts.due : Infinity;
  const farFuture = new Date(now.getTime() + 5 * YEAR).toISOString();
  let dueLeft = opts.due;
  let ledgerRows = 0;
  const build = db.transaction((from: number, to: number) => {
    // 16 random bytes for the id, 18 for the status token, per case.
    const tokens = randomBytes((to - from) * 34);
    for (let i = from; i < to; i++) {
      const id = `cas_${tokens.toString('hex', (i - from) * 34, (i - from) * 34 + 16)}`;
      const createdAt = new Date(now.getTime() - YEAR + Math.floor((i / opts.cases) * (YEAR - 3_600_000))).toISOString();
      const custId = `cust-${i % Math.max(1, Math.floor(opts.cases * 0.8))}`;
      insCase({
        id,
        seq: i + 1,
        ref: `AM-${String(i + 1).padStart(6, '0')}`,
        status_token: tokens.toString('base64url', (i - from) * 34 + 16, (i - from) * 34 + 34),
        customer_id: custId,
        customer: JSON.stringify({ ...customerJson, id: custId }),
        order_id: `ord-${i + 1}`,
        created_at: createdAt,
        updated_at: createdAt,
      });
      insJournal({ case_id: id, at: createdAt, position: i + 1 });
      const opened = Date.parse(createdAt);
      const h = (i * 2_654_435_761) >>> 0; // a cheap, fixed spread per case
      const answered = h % 100 < 95 && opened + 300_000 < now.getTime();
      const firstMs = 300_000 + (h % 28_800_000);
      const resolutionMs = 3_600_000 + ((h >>> 3) % 864_000_000);
      const resolved = answered && h % 100 < 85 && opened + resolutionMs < now.getTime();
      const report: Row = {
        case_id: id,
        opened_at: createdAt,
        scenario: SCENARIOS[i % SCENARIOS.length],
        first_response_at: answered ? new Date(opened + firstMs).toISOString() : null,
        first_response_ms: answered ? firstMs : null,
        resolved_at: resolved ? new Date(opened + resolutionMs).toISOString() : null,
        resolution_ms: resolved ? resolutionMs : null,
        deadlines_missed: h % 7 === 0 ? 1 : 0,
        rating: resolved && h % 2 === 0 ? (['good', 'neutral', 'bad'] as const)[(h >>> 5) % 3] : null,
        rating_at: resolved && h % 2 === 0 ? new Date(opened + resolutionMs).toISOString() : null,
      };
      // Spread the due timers evenly through the table, like deadlines of cases opened at any time.
      const isDue = dueLeft > 0 && Math.floor(i % dueEvery) === 0;
      if (isDue) dueLeft--;
      const dueAt = isDue ? new Date(now.getTime() - 60_000 - (i % 3_600_000)).toISOString() : farFuture;
      insTimer({ id: `${id}:overall:1`, case_id: id, due_at: dueAt });
      if ((i * 7919) % 1000 < fraction * 1000) {
        const offerId = `off_${id.slice(4)}`;
        const at = new Date(Math.min(now.getTime() - 1000, Date.parse(createdAt) + 86_400_000)).toISOString();
        const value = 20_000 + ((i * 31) % 40) * 5_000;
        const entries: Array<[string, string | null, string | null]> = [
          ['offered', 'credit', 'credit to the account'],
          ['approved', 'credit', 'within limit and budget'],
          ['accepted', 'credit', null],
          ['issued', 'credit', null],
        ];
        if (i % 10 === 0) entries.push(['recovered', null, 'charged back to the provider']);
        entries.forEach(([entry, kind, note], n) => {
          const minor = entry === 'recovered' ? Math.round(value * 0.3) : value;
          insLedger({ case_id: id, version: 4 + n, n: 0, offer_id: offerId, entry, offer_kind: kind, minor, currency: 'RUB', actor_id: handler.id, executor_id: entry === 'recovered' ? 'exec-1' : null, note, at });
          addLedger(days, report.scenario as string, 'RUB', [{ entry, offerKind: kind ?? 'credit', minor, currency: 'RUB', at }], zone);
          if (entry === 'issued') report.issued = minor;
          if (entry === 'recovered') report.recovered = minor;
        });
        ledgerRows += entries.length;
      }
      insReport(report);
      const reported = reportCaseOf({ ...reportSample, ...report } as unknown as ReportCasesTable);
      addCohortChange(cohort, undefined, reported, zone);
      addDurationChange(hist, undefined, reported, zone);
    }
  });
  // Secondary indexes are cheaper to build once, sorted, than to grow row by row in random order.
  const indexes = db.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null").all() as Array<{ name: string; sql: string }>;
  for (const ix of indexes) db.exec(`drop index ${ix.name}`);
  for (let from = 0; from < opts.cases; from += BATCH) build(from, Math.min(opts.cases, from + BATCH));
  for (const ix of indexes) db.exec(ix.sql);
  // Cases inserted here bypass openCase: move the reference counter past them.
  db.prepare("update counters set value = ? where name = 'case_seq'").run(opts.cases);
  db.prepare("update journal_head set position = ? where id = 'journal'").run(opts.cases);
  const insDay = db.prepare('insert into report_compensation_day (day, currency, scenario, kind, offers, approval_requests, issued_n, issued, reverted, recovered) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const d of days.values()) insDay.run(d.day, d.currency, d.scenario, d.kind, d.offers, d.approvalRequests, d.issuedN, d.issued, d.reverted, d.recovered);
  const insCohort = db.prepare(
    'insert into report_cohort_day (day, scenario, owner_id, currency, cases, responded, resolved, kept, reopened, won_back, good, neutral, bad, thanks, issued, reverted, recovered) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const d of cohort.values()) insCohort.run(d.day, d.scenario, d.ownerId, d.currency, d.cases, d.responded, d.resolved, d.kept, d.reopened, d.wonBack, d.good, d.neutral, d.bad, d.thanks, d.issued, d.reverted, d.recovered);
  const insHist = db.prepare('insert into report_duration_hist (span, scenario, currency, kind, bucket, n) values (?, ?, ?, ?, ?, ?)');
  for (const h of hist.values()) insHist.run(h.span, h.scenario, h.currency, h.kind, h.bucket, h.n);
  db.prepare('insert into report_cursor (name, position, zone) values (?, ?, ?)').run(CURSOR, opts.cases, zone);
  db.pragma('journal_mode = WAL');
  db.close();
  return { file, cases: opts.cases, due: opts.due - dueLeft, ledgerRows, handlerToken: handler.token, leadToken: lead.token, buildMs: performance.now() - t0 };
}
