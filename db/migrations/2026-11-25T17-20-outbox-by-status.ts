import { sql, type Kysely } from 'kysely';

/**
 * Metrics count outbox rows by status. Delivered rows are history and grow without end; the rows a
 * person watches (pending, held, failed, expired) stay few, so a partial index keeps the count cheap
 * on both SQLite and Postgres.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_undelivered').on('outbox').column('status').where(sql.ref('status'), '<>', 'delivered').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_undelivered').execute();
}
