/**
 * The bulk history path, for histories too large for the real write path (`seed --demo --cases N
 * --bulk`, the report benchmarks at 1M cases): a few hundred cases go through the real write path
 * first (seed-history.ts) and are projected; then each further case is a copy of one of the finished
 * ones, moved back in time by up to a year. A copy gets its own id, number, reference and status
 * token, and every row the engine and the projector would have written for it: the case row, its
 * journal (at the next journal positions), its ledger, its report row, its compensation days and its
 * share of the per-day cohort sums and duration counts.
 * Timers and outbox rows are not copied: every copy is a finished case, and its messages went out long ago.
 */
import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { inTransaction } from '../store/db.js';
import { journalHead } from '../store/journal.js';
import { addCohortDays, addCompensationDays, addDurationHist, lockCursor, reportCaseOf } from '../store/report-models.js';
import type { ReportCasesTable } from '../store/tables.js';
import { addCohortChange, nonZero, type CohortDay } from './project-cohort.js';
import { addDurationChange, type HistCount } from './project-durations.js';
import { insertCopies, loadTemplates, maxSeq, type CopiedRows, type TemplateCase } from '../store/seed-bulk.js';
import { addLedger, type DaySums } from './project-compensation.js';
import { CURSOR, catchUp } from './projector.js';

const YEAR = 365 * 24 * 3_600_000;
const BATCH = 2_000;

const shiftIso = (iso: string | null, ms: number) => (iso === null ? null : new Date(Date.parse(iso) - ms).toISOString());

function copyOf(t: TemplateCase, seq: number, back: number, position: number): { rows: CopiedRows; positions: number } {
  const id = `cas_${randomBytes(12).toString('hex')}`;
  const c = t.caseRow;
  const rows: CopiedRows = {
    cases: [
      {
        ...c,
        id,
        seq,
        ref: `AM-${String(seq).padStart(6, '0')}`,
        status_token: randomBytes(18).toString('base64url'),
        order_id: c.order_id === null ? null : `${c.order_id}-${seq}`,
        created_at: shiftIso(c.created_at, back) as string,
        updated_at: shiftIso(c.updated_at, back) as string,
        resolved_at: shiftIso(c.resolved_at, back),
      },
    ],
    journal: t.journal.map((j, k) => ({ ...j, case_id: id, at: shiftIso(j.at, back) as string, position: position + k + 1 })),
    ledger: t.ledger.map((l) => ({ ...l, case_id: id, offer_id: l.offer_id === null ? null : `${l.offer_id}-${seq}`, at: shiftIso(l.at, back) as string })),
    report: [
      {
        ...t.report,
        case_id: id,
        opened_at: shiftIso(t.report.opened_at, back) as string,
        first_response_at: shiftIso(t.report.first_response_at, back),
        resolved_at: shiftIso(t.report.resolved_at, back),
        won_back_at: shiftIso(t.report.won_back_at, back),
        lost_at: shiftIso(t.report.lost_at, back),
        rating_at: shiftIso(t.report.rating_at, back),
      },
    ],
  };
  return { rows, positions: t.journal.length };
}

/** Add `copies` cases copied from the finished cases already there; returns how many were added. */
export async function bulkCopies(engine: Engine, copies: number, seed = 7): Promise<number> {
  await catchUp(engine);
  const templates = await loadTemplates(engine.store.db);
  if (templates.length === 0) throw new Error('no finished cases to copy: seed some through the real write path first');
  const zone = engine.config.timeZone;
  let state = seed >>> 0;
  const rnd = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296);
  let seq = await maxSeq(engine.store.db);
  let done = 0;
  while (done < copies) {
    const n = Math.min(BATCH, copies - done);
    await inTransaction(engine.store, async (trx) => {
      let head = await journalHead(trx);
      const cursor = await lockCursor(trx, CURSOR, zone);
      if (cursor.position !== head) throw new Error('the report projector is behind the journal: run catch-up first');
      const all: CopiedRows = { cases: [], journal: [], ledger: [], report: [] };
      const days = new Map<string, DaySums>();
      const cohort = new Map<string, CohortDay>();
      const hist = new Map<string, HistCount>();
      for (let i = 0; i < n; i++) {
        const t = templates[(done + i) % templates.length] as TemplateCase;
        const back = Math.floor(rnd() * YEAR);
        const { rows, positions } = copyOf(t, ++seq, back, head);
        head += positions;
        all.cases.push(...rows.cases);
        all.journal.push(...rows.journal);
        all.ledger.push(...rows.ledger);
        all.report.push(...rows.report);
        const ledger = rows.ledger.map((l) => ({ entry: l.entry, offerKind: l.offer_kind ?? null, minor: l.minor === null || l.minor === undefined ? null : Number(l.minor), currency: l.currency ?? null, at: l.at }));
        addLedger(days, t.report.scenario, t.report.currency, ledger, zone);
        for (const r of rows.report) {
          const c = reportCaseOf(r as ReportCasesTable);
          addCohortChange(cohort, undefined, c, zone);
          addDurationChange(hist, undefined, c, zone);
        }
      }
      await insertCopies(trx, all, head, CURSOR);
      await addCompensationDays(trx, [...days.values()]);
      await addCohortDays(trx, nonZero(cohort.values()));
      await addDurationHist(trx, [...hist.values()]);
    });
    done += n;
  }
  return done;
}
