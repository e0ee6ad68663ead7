/** SQL of the bulk history copy (src/reports/seed-bulk.ts): raw rows of template cases out, shifted copies in. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './db.js';
import { toNumber } from './db.js';
import type { CasesTable, JournalTable, LedgerTable, ReportCasesTable } from './tables.js';

export interface TemplateCase {
  caseRow: Selectable<CasesTable>;
  journal: Array<Selectable<JournalTable>>;
  ledger: Array<Selectable<LedgerTable>>;
  report: Selectable<ReportCasesTable>;
}

/** Every case that is no longer open, with its journal, ledger and report row: the templates to copy. */
export async function loadTemplates(db: Db): Promise<TemplateCase[]> {
  const cases = await db.selectFrom('cases').selectAll().where('status', '!=', 'open').orderBy('seq').execute();
  const out: TemplateCase[] = [];
  for (const c of cases) {
    const report = await db.selectFrom('report_cases').selectAll().where('case_id', '=', c.id).executeTakeFirst();
    if (!report) continue;
    const journal = await db.selectFrom('journal').selectAll().where('case_id', '=', c.id).orderBy('version').execute();
    const ledger = await db.selectFrom('ledger').selectAll().where('case_id', '=', c.id).orderBy('version').orderBy('n').execute();
    out.push({ caseRow: c, journal, ledger, report });
  }
  return out;
}

export async function maxSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.max('seq').as('max')).executeTakeFirst();
  return toNumber(row?.max ?? 0);
}

export interface CopiedRows {
  cases: Array<Insertable<CasesTable>>;
  journal: Array<Insertable<JournalTable>>;
  ledger: Array<Insertable<LedgerTable>>;
  report: Array<Insertable<ReportCasesTable>>;
}

async function insertChunks<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Insert a batch of copies and move the journal head (and the report cursor, which was level with it) past them. */
export async function insertCopies(db: Db, rows: CopiedRows, head: number, cursorName: string): Promise<void> {
  // SQLite allows 32 766 bound values per statement: chunks stay well below it.
  await insertChunks(rows.cases, 200, (p) => db.insertInto('cases').values(p).execute());
  await insertChunks(rows.journal, 500, (p) => db.insertInto('journal').values(p).execute());
  await insertChunks(rows.ledger, 500, (p) => db.insertInto('ledger').values(p).execute());
  await insertChunks(rows.report, 500, (p) => db.insertInto('report_cases').values(p).execute());
  await db.updateTable('journal_head').set({ position: head }).where('id', '=', 'journal').execute();
  await db.updateTable('report_cursor').set({ position: head }).where('name', '=', cursorName).execute();
}
