/**
 * The report projector: follows the journal by its global position after commit and keeps the read
 * models (report_cases, report_compensation_day, report_cohort_day, report_duration_hist) up to date, so reports never scan the live tables.
 * Each batch and the cursor that covers it are written in one transaction: a batch is applied once,
 * whoever runs it and however often it is interrupted.
 */
import type { Engine } from '../engine/engine.js';
import { inTransaction, type Db } from '../store/db.js';
import { journalAfter } from '../store/journal.js';
import { addCohortDays, addCompensationDays, addDurationHist, caseFacts, clearReportModels, ledgerOfEvents, loadReportCases, lockCursor, saveReportCases, setCursor } from '../store/report-models.js';
import { applyEntry, openedCase, type ReportCase } from './project-case.js';
import { addCohortChange, nonZero, type CohortDay } from './project-cohort.js';
import { addLedger, type DaySums } from './project-compensation.js';
import { addDurationChange, type HistCount } from './project-durations.js';

export const CURSOR = 'reports';
const BATCH = 1000;

/** Apply the next batch after the cursor; the number of journal entries applied. */
export async function projectBatch(trx: Db, zone: string, batch = BATCH): Promise<number> {
  let cursor = await lockCursor(trx, CURSOR, zone);
  if (cursor.zone !== zone) {
    // Days were counted in another zone: count them all again in this one.
    await clearReportModels(trx);
    await setCursor(trx, CURSOR, 0, zone);
    cursor = { position: 0, zone };
  }
  const entries = await journalAfter(trx, cursor.position, batch);
  const last = entries.at(-1);
  if (!last) return 0;
  const ids = [...new Set(entries.map((e) => e.caseId))];
  const opened = entries.filter((e) => e.type === 'OPENED').map((e) => e.caseId);
  const [known, facts, ledger] = await Promise.all([loadReportCases(trx, ids), caseFacts(trx, opened), ledgerOfEvents(trx, entries)]);
  const ledgerOf = new Map<string, typeof ledger>();
  for (const l of ledger) {
    const k = `${l.caseId}\u0000${l.version}`;
    ledgerOf.set(k, [...(ledgerOf.get(k) ?? []), l]);
  }
  const changed = new Map<string, ReportCase>();
  const days = new Map<string, DaySums>();
  for (const e of entries) {
    const rows = ledgerOf.get(`${e.caseId}\u0000${e.version}`) ?? [];
    let c = changed.get(e.caseId) ?? known.get(e.caseId);
    if (e.type === 'OPENED') {
      const f = facts.get(e.caseId);
      if (!f) continue;
      c = openedCase(e, f);
    }
    // An entry of a case whose opening was never journaled cannot be placed; it is skipped.
    if (!c) continue;
    c = applyEntry(c, e, rows);
    changed.set(e.caseId, c);
    addLedger(days, c.scenario, c.currency, rows, zone);
  }
  const cohort = new Map<string, CohortDay>();
  const hist = new Map<string, HistCount>();
  for (const [id, c] of changed) {
    addCohortChange(cohort, known.get(id), c, zone);
    addDurationChange(hist, known.get(id), c, zone);
  }
  await saveReportCases(trx, [...changed.values()]);
  await addCompensationDays(trx, [...days.values()]);
  await addCohortDays(trx, nonZero(cohort.values()));
  await addDurationHist(trx, [...hist.values()]);
  await setCursor(trx, CURSOR, last.position, zone);
  return entries.length;
}

const running = new WeakMap<Engine, Promise<number>>();

/**
 * Apply everything committed so far. Concurrent callers in one process share the run in progress and
 * then run once more, so whatever they committed before calling is applied when they resume.
 * @example await catchUp(engine) // before answering a report
 */
export function catchUp(engine: Engine): Promise<number> {
  const prior = running.get(engine) ?? Promise.resolve(0);
  const next = prior
    .catch(() => 0)
    .then(async () => {
      let total = 0;
      for (;;) {
        const n = await inTransaction(engine.store, (trx) => projectBatch(trx, engine.config.timeZone));
        total += n;
        if (n < BATCH) return total;
      }
    });
  running.set(engine, next);
  return next;
}
