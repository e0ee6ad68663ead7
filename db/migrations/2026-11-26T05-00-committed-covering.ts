import { sql, type Kysely } from 'kysely';

/**
 * The team budget sums what every case has approved but not yet issued (`committedTotal`). The
 * partial index `cases_committed` named the cases with something committed, but held only their
 * currency: the sum then read each such case's row (its snapshot with it), ~140 µs at a few dozen
 * cases, on every offer, approval and issue. With the amount in the index the sum reads the index
 * alone. The index changes only when a case's committed amount does, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_committed').execute();
  await db.schema.createIndex('cases_committed').on('cases').columns(['currency', 'committed_minor']).where(sql.ref('committed_minor'), '>', 0).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_committed').execute();
  await db.schema.createIndex('cases_committed').on('cases').column('currency').where(sql.ref('committed_minor'), '>', 0).execute();
}
