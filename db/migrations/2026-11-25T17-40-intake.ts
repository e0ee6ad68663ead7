import { sql, type Kysely } from 'kysely';

/**
 * Intake: each person's working hours and zone (null = always on duty), one rating case per order at
 * most, and the answers already given to intake requests (idempotent per order and rating).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('time_zone', 'text').execute();
  await db.schema.alterTable('users').addColumn('working_hours', 'text').execute();
  // The last line of defence: two ratings of one order arriving at once still open one case.
  await db.schema.createIndex('cases_rating_order').on('cases').column('order_id').unique().where(sql.ref('channel'), '=', 'rating').execute();
  await db.schema
    .createTable('intake_requests')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intake_requests').execute();
  await db.schema.dropIndex('cases_rating_order').execute();
  await db.schema.alterTable('users').dropColumn('working_hours').execute();
  await db.schema.alterTable('users').dropColumn('time_zone').execute();
}
