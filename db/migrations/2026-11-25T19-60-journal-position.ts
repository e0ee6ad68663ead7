import { sql, type Kysely } from 'kysely';

/**
 * A global position on the journal, gap-free in commit order, so read models can follow it
 * incrementally. `journal_head` holds the last position handed out; a writer takes the next one with
 * `UPDATE … RETURNING` inside the transaction that appends the row: on Postgres the row lock orders
 * committers (position order = commit order) and a rollback gives its number back; SQLite has one writer.
 * Existing rows are numbered in the order they happened (time, then case and version).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('journal').addColumn('position', 'bigint').execute();
  await sql`
    update journal set position = t.p
    from (select case_id, version, row_number() over (order by at, case_id, version) as p from journal) as t
    where t.case_id = journal.case_id and t.version = journal.version`.execute(db);
  await db.schema.createIndex('journal_position_uq').unique().on('journal').column('position').execute();
  await db.schema
    .createTable('journal_head')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  const last = await sql<{ n: number | string | null }>`select max(position) as n from journal`.execute(db);
  await db.insertInto('journal_head').values({ id: 'journal', position: Number(last.rows[0]?.n ?? 0) }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('journal_head').execute();
  await db.schema.dropIndex('journal_position_uq').execute();
  await db.schema.alterTable('journal').dropColumn('position').execute();
}
