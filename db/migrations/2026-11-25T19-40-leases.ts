import { sql, type Kysely } from 'kysely';

/**
 * Leases: a worker claims due timers and outbox rows by writing `leased_until` and `leased_by` in the
 * transaction that selects them, then does the work after commit. Another worker skips a row while its
 * lease runs and claims it again once the lease has expired (its holder died mid-work).
 *
 * Counters: case references come from a counter row incremented inside the opening transaction, not
 * from max(seq) + 1, which two transactions on Postgres can both read at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['timers', 'outbox']) {
    await db.schema.alterTable(table).addColumn('leased_until', 'text').execute();
    await db.schema.alterTable(table).addColumn('leased_by', 'text').execute();
  }
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  // Start where the cases already are, so no reference is handed out twice.
  await sql`insert into counters (name, value) select 'case_seq', coalesce(max(seq), 0) from cases`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('counters').execute();
  for (const table of ['outbox', 'timers']) {
    await db.schema.alterTable(table).dropColumn('leased_by').execute();
    await db.schema.alterTable(table).dropColumn('leased_until').execute();
  }
}
