import type { Kysely } from 'kysely';

/**
 * Timers keep what they were planned from (start and ISO duration) and whether they count business
 * time, so changing the team calendar can compute their due times again. Older timers get nulls and
 * keep the due time they have. `paused_at` is set while a step's clock stands still (an offer waits
 * for the customer); the timer's status is then `paused`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('timers').addColumn('planned_from', 'text').execute();
  await db.schema.alterTable('timers').addColumn('duration', 'text').execute();
  await db.schema.alterTable('timers').addColumn('business', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('timers').addColumn('paused_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('timers').dropColumn('paused_at').execute();
  await db.schema.alterTable('timers').dropColumn('business').execute();
  await db.schema.alterTable('timers').dropColumn('duration').execute();
  await db.schema.alterTable('timers').dropColumn('planned_from').execute();
}
