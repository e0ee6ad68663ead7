/** SQL of the report projector: its cursor, the rows it reads beside the journal, and the read models it writes. */
import type { ReportCase, Rating } from '../reports/project-case.js';
import type { CohortDay } from '../reports/project-cohort.js';
import type { DaySums } from '../reports/project-compensation.js';
import type { HistCount } from '../reports/project-durations.js';
import type { Db } from './db.js';
import { toNumber } from './db.js';
import type { ReportCasesTable } from './tables.js';

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The read model's cursor, locked for this transaction: a no-op UPDATE takes the row lock on Postgres,
 * so two processes catching up at once apply each batch once. Created at 0 on first use.
 */
export async function lockCursor(db: Db, name: string, zone: string): Promise<{ position: number; zone: string }> {
  const take = () => db.updateTable('report_cursor').set((eb) => ({ position: eb.ref('position') })).where('name', '=', name).returning(['position', 'zone']).executeTakeFirst();
  let row = await take();
  if (!row) {
    await db.insertInto('report_cursor').values({ name, position: 0, zone }).onConflict((oc) => oc.column('name').doNothing()).execute();
    row = await take();
  }
  if (!row) throw new Error(`report cursor ${name} could not be created`);
  return { position: toNumber(row.position), zone: row.zone };
}

export async function setCursor(db: Db, name: string, position: number, zone: string): Promise<void> {
  await db.updateTable('report_cursor').set({ position, zone }).where('name', '=', name).execute();
}

/** Forget the read models, so the projector builds them again from the start of the journal. */
export async function clearReportModels(db: Db): Promise<void> {
  await db.deleteFrom('report_cases').execute();
  await db.deleteFrom('report_compensation_day').execute();
  await db.deleteFrom('report_cohort_day').execute();
  await db.deleteFrom('report_duration_hist').execute();
}

export interface EventLedgerRow {
  caseId: string;
  version: number;
  entry: string;
  offerKind: string | null;
  minor: number | null;
  currency: string | null;
  at: string;
}

/** Ledger rows written by the given events (case and version). */
export async function ledgerOfEvents(db: Db, events: Array<{ caseId: string; version: number }>): Promise<EventLedgerRow[]> {
  if (events.length === 0) return [];
  const wanted = new Set(events.map((e) => `${e.caseId}\u0000${e.version}`));
  const out: EventLedgerRow[] = [];
  for (const part of chunks([...new Set(events.map((e) => e.caseId))])) {
    const rows = await db
      .selectFrom('ledger')
      .select(['case_id', 'version', 'entry', 'offer_kind', 'minor', 'currency', 'at'])
      .where('case_id', 'in', part)
      .where('version', '>=', Math.min(...events.map((e) => e.version)))
      .orderBy('case_id')
      .orderBy('version')
      .orderBy('n')
      .execute();
    for (const r of rows) {
      if (!wanted.has(`${r.case_id}\u0000${r.version}`)) continue;
      out.push({ caseId: r.case_id, version: r.version, entry: r.entry, offerKind: r.offer_kind, minor: r.minor === null ? null : toNumber(r.minor), currency: r.currency, at: r.at });
    }
  }
  return out;
}

/** What the cases table alone knows about newly opened cases: their currency and description. */
export async function caseFacts(db: Db, ids: string[]): Promise<Map<string, { currency: string; description: string }>> {
  const out = new Map<string, { currency: string; description: string }>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('cases').select(['id', 'currency', 'description']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, { currency: r.currency, description: r.description });
  }
  return out;
}

/** A stored report row as the projector's pure functions see it. */
export function reportCaseOf(r: ReportCasesTable): ReportCase {
  return {
    caseId: r.case_id,
    scenario: r.scenario,
    tone: r.tone,
    channel: r.channel,
    currency: r.currency,
    description: r.description,
    ownerId: r.owner_id,
    openedAt: r.opened_at,
    firstResponseAt: r.first_response_at,
    firstResponseMs: r.first_response_ms === null ? null : toNumber(r.first_response_ms),
    resolvedAt: r.resolved_at,
    resolutionMs: r.resolution_ms === null ? null : toNumber(r.resolution_ms),
    deadlinesMissed: toNumber(r.deadlines_missed),
    reopened: toNumber(r.reopened),
    wonBackAt: r.won_back_at,
    lostAt: r.lost_at,
    rating: r.rating as Rating | null,
    ratingAt: r.rating_at,
    thanks: toNumber(r.thanks),
    issued: toNumber(r.issued),
    reverted: toNumber(r.reverted),
    recovered: toNumber(r.recovered),
  };
}

function toRow(c: ReportCase): ReportCasesTable {
  return {
    case_id: c.caseId,
    scenario: c.scenario,
    tone: c.tone,
    channel: c.channel,
    currency: c.currency,
    description: c.description,
    owner_id: c.ownerId,
    opened_at: c.openedAt,
    first_response_at: c.firstResponseAt,
    first_response_ms: c.firstResponseMs,
    resolved_at: c.resolvedAt,
    resolution_ms: c.resolutionMs,
    deadlines_missed: c.deadlinesMissed,
    reopened: c.reopened,
    won_back_at: c.wonBackAt,
    lost_at: c.lostAt,
    rating: c.rating,
    rating_at: c.ratingAt,
    thanks: c.thanks,
    issued: c.issued,
    reverted: c.reverted,
    recovered: c.recovered,
  };
}

export async function loadReportCases(db: Db, ids: string[]): Promise<Map<string, ReportCase>> {
  const out = new Map<string, ReportCase>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('report_cases').selectAll().where('case_id', 'in', part).execute();
    for (const r of rows) out.set(r.case_id, reportCaseOf(r));
  }
  return out;
}

export async function saveReportCases(db: Db, cases: ReportCase[]): Promise<void> {
  for (const part of chunks(cases, 200)) {
    await db
      .insertInto('report_cases')
      .values(part.map(toRow))
      .onConflict((oc) =>
        oc.column('case_id').doUpdateSet((eb) => ({
          owner_id: eb.ref('excluded.owner_id'),
          first_response_at: eb.ref('excluded.first_response_at'),
          first_response_ms: eb.ref('excluded.first_response_ms'),
          resolved_at: eb.ref('excluded.resolved_at'),
          resolution_ms: eb.ref('excluded.resolution_ms'),
          deadlines_missed: eb.ref('excluded.deadlines_missed'),
          reopened: eb.ref('excluded.reopened'),
          won_back_at: eb.ref('excluded.won_back_at'),
          lost_at: eb.ref('excluded.lost_at'),
          rating: eb.ref('excluded.rating'),
          rating_at: eb.ref('excluded.rating_at'),
          thanks: eb.ref('excluded.thanks'),
          issued: eb.ref('excluded.issued'),
          reverted: eb.ref('excluded.reverted'),
          recovered: eb.ref('excluded.recovered'),
        })),
      )
      .execute();
  }
}

/** Add per-day sums to what the read model holds. */
export async function addCompensationDays(db: Db, sums: DaySums[]): Promise<void> {
  for (const part of chunks(sums, 200)) {
    await db
      .insertInto('report_compensation_day')
      .values(
        part.map((s) => ({
          day: s.day,
          currency: s.currency,
          scenario: s.scenario,
          kind: s.kind,
          offers: s.offers,
          approval_requests: s.approvalRequests,
          issued_n: s.issuedN,
          issued: s.issued,
          reverted: s.reverted,
          recovered: s.recovered,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['day', 'currency', 'scenario', 'kind']).doUpdateSet((eb) => ({
          offers: eb('report_compensation_day.offers', '+', eb.ref('excluded.offers')),
          approval_requests: eb('report_compensation_day.approval_requests', '+', eb.ref('excluded.approval_requests')),
          issued_n: eb('report_compensation_day.issued_n', '+', eb.ref('excluded.issued_n')),
          issued: eb('report_compensation_day.issued', '+', eb.ref('excluded.issued')),
          reverted: eb('report_compensation_day.reverted', '+', eb.ref('excluded.reverted')),
          recovered: eb('report_compensation_day.recovered', '+', eb.ref('excluded.recovered')),
        })),
      )
      .execute();
  }
}

/** Add per-day cohort changes to what the read model holds. */
export async function addCohortDays(db: Db, sums: CohortDay[]): Promise<void> {
  for (const part of chunks(sums, 150)) {
    await db
      .insertInto('report_cohort_day')
      .values(
        part.map((s) => ({
          day: s.day,
          scenario: s.scenario,
          owner_id: s.ownerId,
          currency: s.currency,
          cases: s.cases,
          responded: s.responded,
          resolved: s.resolved,
          kept: s.kept,
          reopened: s.reopened,
          won_back: s.wonBack,
          good: s.good,
          neutral: s.neutral,
          bad: s.bad,
          thanks: s.thanks,
          issued: s.issued,
          reverted: s.reverted,
          recovered: s.recovered,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['day', 'scenario', 'owner_id', 'currency']).doUpdateSet((eb) => {
          const add = (c: 'cases' | 'responded' | 'resolved' | 'kept' | 'reopened' | 'won_back' | 'good' | 'neutral' | 'bad' | 'thanks' | 'issued' | 'reverted' | 'recovered') =>
            eb(`report_cohort_day.${c}`, '+', eb.ref(`excluded.${c}`));
          return {
            cases: add('cases'),
            responded: add('responded'),
            resolved: add('resolved'),
            kept: add('kept'),
            reopened: add('reopened'),
            won_back: add('won_back'),
            good: add('good'),
            neutral: add('neutral'),
            bad: add('bad'),
            thanks: add('thanks'),
            issued: add('issued'),
            reverted: add('reverted'),
            recovered: add('recovered'),
          };
        }),
      )
      .execute();
  }
}

/** Add duration bucket counts (changes of ±n) to what the read model holds. */
export async function addDurationHist(db: Db, counts: HistCount[]): Promise<void> {
  for (const part of chunks(counts.filter((c) => c.n !== 0), 300)) {
    await db
      .insertInto('report_duration_hist')
      .values(part)
      .onConflict((oc) => oc.columns(['span', 'scenario', 'currency', 'kind', 'bucket']).doUpdateSet((eb) => ({ n: eb('report_duration_hist.n', '+', eb.ref('excluded.n')) })))
      .execute();
  }
}
